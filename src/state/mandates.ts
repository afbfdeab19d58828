import { and, eq, sql, type SQL } from 'drizzle-orm'
import { checkSepaDetails, type SepaDetails } from './beneficiaries-banking'
import { beneficiarySettings } from './beneficiaries-settings'
import { mandates } from './db/schema'
import { assertMayBank, BANKING_CHECKS_WITHOUT_TERMS, getBankingEndUser, type BankingEndUser } from './end-user-checks'
import { findEndUser } from './end-users'
import { notFoundError, SimError, type NamedId } from './errors'
import { CLOSED_LEDGER_STATUSES, findLedgerByIban, ledgerById } from './ledgers'
import { selectPage } from './paging'
import { schedule, type JobHandler } from './scheduler'
import { isEndUser, targetPersonId, type Scope } from './scope'
import type { Store } from './store'
import { emitEvent, mandateData } from './webhooks'
import { isoDate } from './transfers-calendar'
import { MANDATE_LIFECYCLE, type MandateStatus } from './transitions'

// SEPA direct-debit mandates: an end-user (the creditor) may collect from a debtor's account once
// the mandate is ACTIVATED. LinkCy activates and cancels asynchronously (ACTIVATING, CANCELING);
// here a scheduled job answers after the partner's `mandateProcessingSeconds`.

export type MandateRow = typeof mandates.$inferSelect

/** The mandate visible to the caller: the partner's, and for an end-user token only its own. */
export function findMandate(store: Store, scope: Scope, mandateId: string): MandateRow | undefined {
  const row = store.db.select().from(mandates).where(and(eq(mandates.partnerId, scope.partnerId), eq(mandates.id, mandateId))).get()
  if (!row || (isEndUser(scope) && row.endUserId !== scope.principal?.id)) return undefined
  return row
}

/** The mandate visible to the caller, or MANDATE_NOT_FOUND (404; 400 with details where a body names it). */
export function getMandate(store: Store, scope: Scope, mandateId: string, named: NamedId = {}): MandateRow {
  const row = findMandate(store, scope, mandateId)
  if (row) return row
  throw notFoundError('MANDATE_NOT_FOUND', mandateId, named, 'mandateId')
}

/** CONFLICTING_MANDATE_STATUS unless the mandate may move to `to` (MANDATE_LIFECYCLE). */
export function assertMandateTransition(row: Pick<MandateRow, 'status'>, to: MandateStatus): void {
  if (!MANDATE_LIFECYCLE[row.status as MandateStatus]?.includes(to)) throw new SimError('CONFLICTING_MANDATE_STATUS', [row.status])
}

/** Today + `years` years + `days` days on the simulator clock, as YYYY-MM-DD. */
function dateFromToday(store: Store, years: number, days = 0): string {
  const d = store.clock.now()
  return isoDate(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate() + days))
}

/**
 * INVALID_EXPIRATION_DATE unless today < date < today + 5 years + 1 day (a SEPA mandate lapses after
 * at most 5 years here; SIM: the bounds are not documented, see docs/fidelity.md).
 */
function checkExpirationDate(store: Store, date: string): string {
  const after = isoDate(store.clock.nowMs())
  const before = dateFromToday(store, 5, 1)
  if (!(date > after && date < before)) throw new SimError('INVALID_EXPIRATION_DATE', [after, before], { field: 'expirationDate', rejectedValue: date })
  return date
}

/** A Unique Mandate Reference (UMR): LKCY + 20 characters from the SEPA character set. */
function newUniqueReference(store: Store): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'
  let out = 'LKCY'
  for (let i = 0; i < 20; i++) out += store.rng.pick([...alphabet])
  return out
}

/** The debtor account columns of validated SEPA details (with the simulated ledger behind the IBAN, if any). */
function debtorAccount(store: Store, partnerId: string, details: SepaDetails) {
  const { iban, bic } = checkSepaDetails(store, partnerId, details, 'debtor.bankingDetails')
  return { debtorIban: iban, debtorBic: bic, debtorLedgerId: findLedgerByIban(store, iban)?.id ?? null }
}

/** The create request (a null member counts as absent, as Jackson reads it). */
export interface MandateInput {
  endUserId?: string | null
  friendlyName?: string | null
  debtor: { type: 'PERSON' | 'COMPANY'; name: string; bankingDetails?: SepaDetails | null }
  recurring?: boolean | null
  expirationDate?: string | null
}

/**
 * POST /mandates: a mandate for the caller (or the endUserId a partner names), AWAITING_ACTIVATION.
 * Order: the end-user, the debtor's account, the expiration date, whether consumers may hold
 * mandates (MANDATE_NOT_AVAILABLE_FOR_CONSUMERS unless the partner's `mandatesForConsumers`), then
 * the end-user's standing. Defaults: one-off, expiring in 5 years.
 */
export function createMandate(store: Store, scope: Scope, input: MandateInput): MandateRow {
  const endUserId = targetPersonId(scope, input.endUserId ?? undefined, 'END_USER_ID_REQUIRED', 'endUserId')
  const consumer = getBankingEndUser(store, scope.partnerId, endUserId)
  const account = input.debtor.bankingDetails ? debtorAccount(store, scope.partnerId, input.debtor.bankingDetails) : null
  const expirationDate = input.expirationDate == null ? dateFromToday(store, 5) : checkExpirationDate(store, input.expirationDate)
  assertMayCollect(store, consumer)
  const now = store.clock.nowMs()
  const row: MandateRow = {
    id: store.rng.uuid(), partnerId: scope.partnerId, endUserId, uniqueReference: newUniqueReference(store), status: 'AWAITING_ACTIVATION',
    friendlyName: input.friendlyName ?? null, debtorType: input.debtor.type, debtorName: input.debtor.name,
    debtorIban: account?.debtorIban ?? null, debtorBic: account?.debtorBic ?? null, debtorLedgerId: account?.debtorLedgerId ?? null,
    recurring: input.recurring ?? false, expirationDate, creationDate: now, updateDate: now,
  }
  store.db.insert(mandates).values(row).run()
  emitEvent(store, row.partnerId, 'MANDATE_CREATED', mandateData(row))
  return row
}

/**
 * The creditor's standing to hold and use mandates: mandates are for corporates (KYB, LinkCy status,
 * suspension, banking status); a consumer is refused unless the partner has `mandatesForConsumers`.
 */
export function assertMayCollect(store: Store, user: BankingEndUser): void {
  if (user.kind === 'CONSUMER' && !beneficiarySettings(store, user.partnerId).mandatesForConsumers) throw new SimError('MANDATE_NOT_AVAILABLE_FOR_CONSUMERS')
  assertMayBank(store, user, BANKING_CHECKS_WITHOUT_TERMS)
}

/**
 * The standing of a mandate's holder to activate it or collect on it: KYC (consumers) or KYB
 * (corporates), LinkCy status, suspension, banking status.
 */
export function assertHolderMayBank(store: Store, mandate: Pick<MandateRow, 'partnerId' | 'endUserId'>): void {
  assertMayBank(store, getBankingEndUser(store, mandate.partnerId, mandate.endUserId), BANKING_CHECKS_WITHOUT_TERMS)
}

export interface MandateUpdate {
  friendlyName?: string | null
  debtor?: { bankingDetails?: SepaDetails | null } | null
  recurring?: boolean | null
  expirationDate?: string | null
}

/** What PATCH may change per status: everything before activation (or after a failure); an active mandate only its name and expiry. */
const EDITABLE: Partial<Record<MandateStatus, readonly (keyof MandateUpdate)[]>> = {
  AWAITING_ACTIVATION: ['friendlyName', 'debtor', 'recurring', 'expirationDate'],
  FAILED: ['friendlyName', 'debtor', 'recurring', 'expirationDate'],
  ACTIVATED: ['friendlyName', 'expirationDate'],
}

/** PATCH /mandates/{id}: CONFLICTING_MANDATE_STATUS when the status does not allow a given change, then the usual checks. */
export function updateMandate(store: Store, scope: Scope, mandateId: string, update: MandateUpdate): MandateRow {
  const row = getMandate(store, scope, mandateId)
  const editable = EDITABLE[row.status as MandateStatus]
  const changes = { ...update, debtor: update.debtor?.bankingDetails }
  const given = (Object.keys(changes) as (keyof MandateUpdate)[]).filter((k) => changes[k] != null)
  if (!editable || given.some((k) => !editable.includes(k))) throw new SimError('CONFLICTING_MANDATE_STATUS', [row.status])
  const set: Partial<MandateRow> = { updateDate: store.clock.nowMs() }
  if (changes.debtor) Object.assign(set, debtorAccount(store, row.partnerId, changes.debtor))
  if (update.expirationDate != null) set.expirationDate = checkExpirationDate(store, update.expirationDate)
  if (update.friendlyName != null) set.friendlyName = update.friendlyName
  if (update.recurring != null) set.recurring = update.recurring
  store.db.update(mandates).set(set).where(eq(mandates.id, row.id)).run()
  return { ...row, ...set }
}

/**
 * POST /mandates/{id}/activate: CONFLICTING_MANDATE_STATUS unless awaiting activation (or failed),
 * MISSING_MANDATE_DATA without the debtor's banking details, then the end-user's standing. The
 * mandate is ACTIVATING until LinkCy's answer (job MANDATE_PROCESSING), which remembers whether an
 * end-user token asked (see finishMandateProcessing).
 */
export function activateMandate(store: Store, scope: Scope, mandateId: string): MandateRow {
  const row = getMandate(store, scope, mandateId)
  assertMandateTransition(row, 'ACTIVATING')
  if (!row.debtorIban || !row.debtorBic) throw new SimError('MISSING_MANDATE_DATA', ['debtor.bankingDetails'])
  assertHolderMayBank(store, row)
  return startProcessing(store, row, 'ACTIVATING', { byEndUser: isEndUser(scope) })
}

/** POST /mandates/{id}/cancel: irreversible; CANCELING until LinkCy confirms (CANCELED). Collections still to come are declined. */
export function cancelMandate(store: Store, scope: Scope, mandateId: string): MandateRow {
  const row = getMandate(store, scope, mandateId)
  assertMandateTransition(row, 'CANCELING')
  return startProcessing(store, row, 'CANCELING')
}

function startProcessing(store: Store, row: MandateRow, status: 'ACTIVATING' | 'CANCELING', extra: Record<string, unknown> = {}): MandateRow {
  const now = store.clock.nowMs()
  store.db.update(mandates).set({ status, updateDate: now }).where(eq(mandates.id, row.id)).run()
  emitEvent(store, row.partnerId, 'MANDATE_UPDATED', mandateData({ ...row, status }))
  const delayMs = beneficiarySettings(store, row.partnerId).mandateProcessingSeconds * 1000
  schedule(store, row.partnerId, 'MANDATE_PROCESSING', now + delayMs, { mandateId: row.id, ...extra })
  return { ...row, status, updateDate: now }
}

/**
 * LinkCy's answer to an activation or a cancellation: ACTIVATING → ACTIVATED, or FAILED when the
 * debtor's account is a closed simulated ledger or the mandate has expired; CANCELING → CANCELED.
 * SIM: LinkCy keeps the debtor's ledger too, so it honours a mandate on a simulated ledger of another
 * holder only when the partner (which holds the signed mandate) activated it: activated with an
 * end-user token (`byEndUser`), it FAILS — one end-user never takes money from another's ledger by itself.
 */
export function finishMandateProcessing(store: Store, mandateId: string, byEndUser = false): void {
  const row = store.db.select().from(mandates).where(eq(mandates.id, mandateId)).get()
  if (!row) return
  const now = store.clock.nowMs()
  let status: MandateStatus
  if (row.status === 'CANCELING') status = 'CANCELED'
  else if (row.status === 'ACTIVATING') {
    const debtorLedger = row.debtorLedgerId ? ledgerById(store, row.debtorLedgerId) : undefined
    const unauthorised = byEndUser && debtorLedger !== undefined && debtorLedger.endUserId !== row.endUserId
    const failed = (debtorLedger && CLOSED_LEDGER_STATUSES.includes(debtorLedger.status)) || row.expirationDate < isoDate(now) || unauthorised
    status = failed ? 'FAILED' : 'ACTIVATED'
  } else return
  store.db.update(mandates).set({ status, updateDate: now }).where(eq(mandates.id, row.id)).run()
  emitEvent(store, row.partnerId, 'MANDATE_UPDATED', mandateData({ ...row, status }))
}

/** Scheduled job MANDATE_PROCESSING ({mandateId}): see finishMandateProcessing. */
export const mandateProcessingJob: JobHandler = (store, payload) => {
  finishMandateProcessing(store, String(payload.mandateId), payload.byEndUser === true)
}

export interface MandateListQuery {
  endUserId?: string
  status?: MandateStatus
  sortAttribute?: 'DEBTOR_NAME' | 'CREATION_DATE'
  sortDirection?: 'ASC' | 'DESC'
  page: number
  pageSize: number
}

/**
 * GET /mandates: the partner's mandates (an end-user token: its own), newest first unless sorted
 * otherwise. An endUserId that is not one of the caller's end-users is 400 CONSUMER_NOT_FOUND.
 */
export function listMandates(store: Store, scope: Scope, q: MandateListQuery): { rows: MandateView[]; total: number } {
  const where: SQL[] = [eq(mandates.partnerId, scope.partnerId)]
  if (q.endUserId) {
    const visible = isEndUser(scope) ? q.endUserId === scope.principal?.id : findEndUser(store, scope.partnerId, q.endUserId) !== undefined
    if (!visible) throw new SimError('CONSUMER_NOT_FOUND', [q.endUserId], { status: 400, field: 'endUserId', rejectedValue: q.endUserId })
    where.push(eq(mandates.endUserId, q.endUserId))
  }
  if (isEndUser(scope)) where.push(eq(mandates.endUserId, scope.principal!.id))
  if (q.status) where.push(eq(mandates.status, q.status))
  const sortBy = q.sortAttribute === 'DEBTOR_NAME' ? sql`lower(${mandates.debtorName})` : mandates.creationDate
  const { rows, total } = selectPage(store, mandates, and(...where), sortBy, q)
  return { rows: rows.map((row) => viewOf(store, scope, row)), total }
}

/**
 * A mandate as LinkCy shows it: the row and, when the debtor's IBAN is a ledger the caller manages
 * (a partner: any of its ledgers; an end-user token: only its own), that ledger.
 */
export interface MandateView {
  row: MandateRow
  debtorLedgerId?: string
}

function viewOf(store: Store, scope: Scope, row: MandateRow): MandateView {
  const ledger = row.debtorLedgerId ? ledgerById(store, row.debtorLedgerId) : undefined
  // Another partner's ledger id is never disclosed, nor another end-user's to an end-user token.
  const visible = ledger && ledger.partnerId === scope.partnerId && (!isEndUser(scope) || ledger.endUserId === scope.principal?.id)
  return { row, debtorLedgerId: visible ? ledger.id : undefined }
}

/** GET /mandates/{id}: the mandate as LinkCy shows it. */
export function getMandateInfo(store: Store, scope: Scope, mandateId: string): MandateView {
  return viewOf(store, scope, getMandate(store, scope, mandateId))
}
