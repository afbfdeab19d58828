import { and, eq, inArray, like, sql, type SQL } from 'drizzle-orm'
import { beneficiaries, ledgers } from './db/schema'
import { checkSepaDetails } from './beneficiaries-banking'
import { beneficiarySettings, type BeneficiaryStatus } from './beneficiaries-settings'
import { assertMayBank, BANKING_CHECKS_WITHOUT_TERMS, getBankingEndUser } from './end-user-checks'
import { notFoundError, SimError, type NamedId } from './errors'
import { normalizeIban } from './iban'
import { findLedgerByIban, ledgerById } from './ledgers'
import { selectPage } from './paging'
import { isEndUser, targetPersonId, type Scope } from './scope'
import type { Store } from './store'
import { beneficiaryData, emitEvent } from './webhooks'

// Beneficiaries: the accounts an end-user may send money to. One per account and end-user; LinkCy
// screens each one (status) and recognises an IBAN of one of its own ledgers (inter-ledger routing).

export type BeneficiaryRow = typeof beneficiaries.$inferSelect

/**
 * The beneficiary visible to the caller: the partner's; for an end-user token only its own, and only
 * while displayed (a hidden beneficiary is not shown to, nor usable by, the end-user).
 */
export function findBeneficiary(store: Store, scope: Scope, beneficiaryId: string): BeneficiaryRow | undefined {
  const row = store.db.select().from(beneficiaries)
    .where(and(eq(beneficiaries.partnerId, scope.partnerId), eq(beneficiaries.id, beneficiaryId))).get()
  if (!row) return undefined
  if (isEndUser(scope) && (row.endUserId !== scope.principal?.id || !row.display)) return undefined
  return row
}

export interface GetBeneficiaryOptions extends NamedId {
  /** Only a beneficiary of this end-user: another one reads as not found (the holder of the paying ledger). */
  endUserId?: string
}

/** The beneficiary visible to the caller, or LinkCy's BENEFICIARY_NOT_FOUND (404, or 400 with details for a body id). */
export function getBeneficiary(store: Store, scope: Scope, beneficiaryId: string, options: GetBeneficiaryOptions = {}): BeneficiaryRow {
  const row = findBeneficiary(store, scope, beneficiaryId)
  if (row && (options.endUserId === undefined || row.endUserId === options.endUserId)) return row
  throw notFoundError('BENEFICIARY_NOT_FOUND', beneficiaryId, options, 'beneficiaryId')
}

export interface BeneficiaryInfo {
  row: BeneficiaryRow
  /** The ledger the IBAN belongs to when it is one of the same partner's (LinkCy's linkcyLedgerId). */
  linkcyLedgerId?: string
}

/** GET /beneficiaries/{id}: the beneficiary, and its ledger when the account is one of the partner's ledgers. */
export function getBeneficiaryInfo(store: Store, scope: Scope, beneficiaryId: string): BeneficiaryInfo {
  const row = getBeneficiary(store, scope, beneficiaryId)
  const ledger = row.ledgerId ? ledgerById(store, row.ledgerId) : undefined
  return { row, linkcyLedgerId: ledger && ledger.partnerId === row.partnerId ? ledger.id : undefined }
}

export type BankingDetailsInput =
  | { iban: string; bic: string }
  | { sortCode: string; accountNumber: string }
  | { abaCode: string; accountNumber: string; swift?: string }

/** The create request (a null member counts as absent, as Jackson reads it). */
export interface BeneficiaryInput {
  type: 'PERSON' | 'COMPANY'
  name: string
  endUserId?: string | null
  friendlyName?: string | null
  display?: boolean | null
  bankingDetails: BankingDetailsInput
}

/** The account columns of a beneficiary, checked as LinkCy checks them. */
type AccountColumns = Pick<BeneficiaryRow, 'accountType' | 'iban' | 'bicOrSwift' | 'sortCode' | 'accountNumber' | 'ledgerId'>

function accountOf(store: Store, partnerId: string, details: BankingDetailsInput): AccountColumns {
  if ('iban' in details) {
    const { iban, bic } = checkSepaDetails(store, partnerId, details, 'bankingDetails')
    return { accountType: 'IBAN', iban, bicOrSwift: bic, sortCode: null, accountNumber: null, ledgerId: findLedgerByIban(store, iban)?.id ?? null }
  }
  if ('sortCode' in details) {
    const ledger = store.db.select({ id: ledgers.id }).from(ledgers)
      .where(and(eq(ledgers.sortCode, details.sortCode), eq(ledgers.accountNumber, details.accountNumber))).get()
    return { accountType: 'GBP', iban: null, bicOrSwift: null, sortCode: details.sortCode, accountNumber: details.accountNumber, ledgerId: ledger?.id ?? null }
  }
  // SIM: US beneficiaries are not offered ("only SEPA beneficiaries are possible so far"); UK ones are.
  throw new SimError('IBAN_NOT_SUPPORTED', ['US'], { field: 'bankingDetails', rejectedValue: details })
}

/**
 * POST /beneficiaries: adds an account for an end-user (the caller itself, or the endUserId a partner
 * names). Checks, in order: the end-user, the account (IBAN, BIC, deny-list), the end-user's standing,
 * then that it has no beneficiary for this account yet. The status is LinkCy's screening result.
 */
export function addBeneficiary(store: Store, scope: Scope, input: BeneficiaryInput): BeneficiaryRow {
  const endUserId = targetPersonId(scope, input.endUserId ?? undefined, 'END_USER_ID_REQUIRED', 'endUserId')
  const consumer = getBankingEndUser(store, scope.partnerId, endUserId)
  const account = accountOf(store, scope.partnerId, input.bankingDetails)
  assertMayBank(store, consumer, BANKING_CHECKS_WITHOUT_TERMS)
  const existing = sameAccount(store, scope.partnerId, endUserId, account)
  if (existing) throw new SimError('BENEFICIARY_ALREADY_EXISTS', [existing.id])
  const now = store.clock.nowMs()
  const row: BeneficiaryRow = {
    id: store.rng.uuid(), partnerId: scope.partnerId, endUserId, type: input.type, name: input.name, ...account,
    status: beneficiarySettings(store, scope.partnerId).beneficiaryInitialStatus, active: true,
    // The end-user cannot hide its own beneficiaries: only a partner's `display` is taken.
    display: isEndUser(scope) ? true : (input.display ?? true),
    data: input.friendlyName == null ? {} : { friendlyName: input.friendlyName },
    creationDate: now, updateDate: now,
  }
  store.db.insert(beneficiaries).values(row).run()
  emitEvent(store, row.partnerId, 'BENEFICIARY_CREATED', beneficiaryData(row))
  return row
}

function sameAccount(store: Store, partnerId: string, endUserId: string, account: AccountColumns): BeneficiaryRow | undefined {
  const key = account.iban !== null
    ? eq(beneficiaries.iban, account.iban)
    : and(eq(beneficiaries.sortCode, account.sortCode ?? ''), eq(beneficiaries.accountNumber, account.accountNumber ?? ''))
  return store.db.select().from(beneficiaries)
    .where(and(eq(beneficiaries.partnerId, partnerId), eq(beneficiaries.endUserId, endUserId), key)).get()
}

export interface BeneficiaryUpdate {
  active?: boolean | null
  display?: boolean | null
}

/**
 * PATCH /beneficiaries/{id}: (de)activates a beneficiary or shows/hides it. Only a partner may change
 * `display` (CANNOT_CHANGE_BENEFICIARY_DISPLAY for an end-user token that would change it).
 */
export function updateBeneficiary(store: Store, scope: Scope, beneficiaryId: string, update: BeneficiaryUpdate): BeneficiaryRow {
  const row = getBeneficiary(store, scope, beneficiaryId)
  if (isEndUser(scope) && update.display != null && update.display !== row.display) {
    throw new SimError('CANNOT_CHANGE_BENEFICIARY_DISPLAY', [], { field: 'display', rejectedValue: update.display })
  }
  const set = { active: update.active ?? row.active, display: update.display ?? row.display, updateDate: store.clock.nowMs() }
  store.db.update(beneficiaries).set(set).where(eq(beneficiaries.id, row.id)).run()
  if (set.active !== row.active) emitEvent(store, row.partnerId, 'BENEFICIARY_UPDATED', beneficiaryData({ ...row, ...set }))
  return { ...row, ...set }
}

/** Sandbox PATCH /beneficiaries/{id}/status: LinkCy's screening is bypassed and the beneficiary becomes VALID. */
export function bypassBeneficiaryStatus(store: Store, scope: Scope, beneficiaryId: string): BeneficiaryRow {
  const row = getBeneficiary(store, scope, beneficiaryId)
  const set = { status: 'VALID' as const, updateDate: store.clock.nowMs() }
  store.db.update(beneficiaries).set(set).where(eq(beneficiaries.id, row.id)).run()
  if (row.status !== 'VALID') emitEvent(store, row.partnerId, 'BENEFICIARY_UPDATED', beneficiaryData({ ...row, ...set }))
  return { ...row, ...set }
}

export interface BeneficiaryListQuery {
  active?: boolean
  display?: boolean
  endUserId?: string
  status?: BeneficiaryStatus[]
  /** Newer versions: part of the name, and the IBAN (spaces and case ignored). */
  name?: string
  iban?: string
  sortAttribute?: 'NAME' | 'CREATION_DATE'
  sortDirection?: 'ASC' | 'DESC'
  page: number
  pageSize: number
}

/**
 * GET /beneficiaries: the partner's beneficiaries (an end-user token: its own displayed ones) with
 * LinkCy's filters; newest first unless sorted otherwise.
 */
export function listBeneficiaries(store: Store, scope: Scope, q: BeneficiaryListQuery): { rows: BeneficiaryRow[]; total: number } {
  const where: SQL[] = [eq(beneficiaries.partnerId, scope.partnerId)]
  if (isEndUser(scope)) where.push(eq(beneficiaries.endUserId, scope.principal!.id), eq(beneficiaries.display, true))
  if (q.endUserId) where.push(eq(beneficiaries.endUserId, q.endUserId))
  if (q.active !== undefined) where.push(eq(beneficiaries.active, q.active))
  if (q.display !== undefined) where.push(eq(beneficiaries.display, q.display))
  if (q.status?.length) where.push(inArray(beneficiaries.status, q.status))
  if (q.name) where.push(like(sql`lower(${beneficiaries.name})`, `%${q.name.toLowerCase().replace(/[%_]/g, '')}%`))
  if (q.iban) where.push(eq(beneficiaries.iban, normalizeIban(q.iban)))
  const sortBy = q.sortAttribute === 'NAME' ? sql`lower(${beneficiaries.name})` : beneficiaries.creationDate
  return selectPage(store, beneficiaries, and(...where), sortBy, q)
}
