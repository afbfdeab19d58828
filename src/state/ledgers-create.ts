import { and, eq, ne } from 'drizzle-orm'
import { ledgers } from './db/schema'
import type { LedgerLimitsCents } from './db/tables/ledgers'
import { assertMayBank, getBankingEndUser } from './end-user-checks'
import { SimError } from './errors'
import { newAccountIdentifiers } from './iban-generator'
import { DEFAULT_ALLOWED_LEDGER_TYPES, LEDGER_TYPE_INFO, type LedgerType } from './ledger-types'
import { getLedger, ledgerById, type LedgerRow } from './ledgers'
import { toCents } from './money'
import { getPartner, partnerSettings } from './partners'
import { endUserById } from './end-users'
import { schedule, type JobHandler } from './scheduler'
import { isEndUser, targetPersonId, type Scope } from './scope'
import type { Store } from './store'
import { emitEvent, ledgerData } from './webhooks'
import { ledgerMayMove } from './transitions'

// POST /ledgers: a classic ledger (an account of its own, with an IBAN once upgraded) or a virtual
// one (a sub-ledger of a parent ledger). A new ledger is PENDING; LinkCy's banking provider opens it
// asynchronously, which the simulator plays with a LEDGER_ACTIVATION job after the partner's
// `ledgerActivationSeconds` (0: ACTIVE at once). autoUpgrade upgrades it on activation.

/** Ledger limits as the API speaks them (decimal amounts); null resets a limit to the partner default. */
export type LedgerLimitsInput = Partial<Record<keyof LedgerLimitsCents, number | null>>

/** The create request: classic (`type`, `endUserId` unless an end-user calls) or virtual (`parentLedgerId`). */
export interface LedgerCreateRequest {
  endUserId?: string
  type?: LedgerType
  parentLedgerId?: string
  autoUpgrade?: boolean
  friendlyName?: string
  limits?: LedgerLimitsInput
}

/** Limits in cents merged over `current` (a null member removes the ledger's own value); null when none remain. */
export function mergeLimits(current: Partial<LedgerLimitsCents> | null, input: LedgerLimitsInput | undefined): Partial<LedgerLimitsCents> | null {
  const merged: Partial<LedgerLimitsCents> = { ...(current ?? {}) }
  for (const [key, value] of Object.entries(input ?? {}) as [keyof LedgerLimitsCents, number | null | undefined][]) {
    if (value === undefined) continue
    if (value === null) delete merged[key]
    else merged[key] = toCents(value, `limits.${key}`)
  }
  return Object.keys(merged).length > 0 ? merged : null
}

/**
 * FRIENDLY_NAME_ALREADY_TAKEN when another (not closed) ledger of the end-user has this friendly name
 * (LinkCy: "Friendly name must be unique for each consumer").
 */
export function assertFriendlyNameFree(store: Store, endUserId: string, friendlyName: string | undefined, exceptId?: string): void {
  if (!friendlyName) return
  const taken = store.db
    .select({ id: ledgers.id })
    .from(ledgers)
    .where(and(eq(ledgers.endUserId, endUserId), eq(ledgers.friendlyName, friendlyName), ne(ledgers.status, 'CLOSED'), exceptId ? ne(ledgers.id, exceptId) : undefined))
    .get()
  if (taken) throw new SimError('FRIENDLY_NAME_ALREADY_TAKEN', ['Ledger'])
}

/**
 * POST /ledgers (Ledger_createIban). Checks in the reference's order: END_USER_ID_REQUIRED,
 * END_USER_NOT_FOUND, the end-user's banking standing (KYC → terms), FRIENDLY_NAME_ALREADY_TAKEN,
 * LEDGER_TYPE_NOT_ALLOWED. Answers the new ledger (PENDING unless activation is immediate).
 */
export function createLedger(store: Store, scope: Scope, req: LedgerCreateRequest): LedgerRow {
  // A partner's parent of another end-user than the body's endUserId reads as not found (an end-user
  // token finds only its own ledgers anyway, and its endUserId is ignored).
  const parentOwner = isEndUser(scope) ? undefined : req.endUserId
  const parent = req.parentLedgerId
    ? getLedger(store, scope, req.parentLedgerId, { status: 400, field: 'parentLedgerId', endUserId: parentOwner })
    : undefined
  const endUserId = parent ? parent.endUserId : targetPersonId(scope, req.endUserId, 'END_USER_ID_REQUIRED', 'endUserId')
  const holder = getBankingEndUser(store, scope.partnerId, endUserId)
  assertMayBank(store, holder)
  const friendlyName = req.friendlyName === '' ? undefined : req.friendlyName
  assertFriendlyNameFree(store, endUserId, friendlyName)
  const partner = getPartner(store, scope.partnerId)
  const settings = partnerSettings(partner)
  // SIM: a virtual ledger hangs from a classic one (the parent of a virtual parent) and has its type.
  const root = parent?.parentId ? (ledgerById(store, parent.parentId) ?? parent) : parent
  const type = (root?.type ?? req.type) as LedgerType
  const allowed = settings.allowedLedgerTypes ?? DEFAULT_ALLOWED_LEDGER_TYPES
  if (!root && !allowed.includes(type)) throw new SimError('LEDGER_TYPE_NOT_ALLOWED', [type])

  const now = store.clock.nowMs()
  const info = LEDGER_TYPE_INFO[type]
  const ids = root ? undefined : newAccountIdentifiers(store, type)
  const row: LedgerRow = {
    id: store.rng.uuid(), partnerId: scope.partnerId, endUserId, endUserKind: holder.kind, parentId: root?.id ?? null,
    type, country: info.country, currency: info.currency, friendlyName: friendlyName ?? null,
    iban: ids?.iban ?? null, bicOrSwift: ids?.bicOrSwift ?? null, accountNumber: ids?.accountNumber ?? null,
    sortCode: ids?.sortCode ?? null, routingNumber: ids?.routingNumber ?? null,
    status: 'PENDING', isUpgraded: false, autoUpgrade: root ? false : (req.autoUpgrade ?? false),
    limits: mergeLimits(null, req.limits), availableCents: 0, reservedCents: 0, suspensions: [], closeInformation: null,
    activationDate: null, creationDate: now, updateDate: now,
  }
  store.db.insert(ledgers).values(row).run()
  emitEvent(store, row.partnerId, 'LEDGER_CREATED', ledgerData(row))
  const delayMs = settings.ledgerActivationSeconds * 1000
  if (delayMs <= 0) return activateLedger(store, row.id)
  schedule(store, scope.partnerId, 'LEDGER_ACTIVATION', now + delayMs, { ledgerId: row.id })
  return row
}

/**
 * The provider opened the ledger: PENDING → ACTIVE (upgraded if autoUpgrade), or FAILED when the
 * end-user lost its standing meanwhile (LinkCy status no longer VALIDATED). A ledger suspended while
 * pending stays SUSPENDED, activated underneath; a closing or closed one is left alone.
 */
export function activateLedger(store: Store, ledgerId: string): LedgerRow {
  const ledger = ledgerById(store, ledgerId)
  if (!ledger || ledger.activationDate !== null || !['PENDING', 'SUSPENDED'].includes(ledger.status)) return ledger!
  const now = store.clock.nowMs()
  const failed = endUserById(store, ledger.endUserId)?.linkcyStatus !== 'VALIDATED'
  const status = failed ? 'FAILED' : ledger.suspensions.length > 0 ? 'SUSPENDED' : 'ACTIVE'
  if (!ledgerMayMove(ledger.status, status)) return ledger
  const set: Partial<LedgerRow> = failed
    ? { status, updateDate: now }
    : { status, activationDate: now, isUpgraded: ledger.isUpgraded || ledger.autoUpgrade, updateDate: now }
  store.db.update(ledgers).set(set).where(eq(ledgers.id, ledgerId)).run()
  if (status !== ledger.status) emitEvent(store, ledger.partnerId, 'LEDGER_UPDATED', ledgerData({ ...ledger, status }))
  return { ...ledger, ...set }
}

/** Scheduled job LEDGER_ACTIVATION ({ledgerId}): see activateLedger. */
export const activateLedgerJob: JobHandler = (store, payload) => {
  activateLedger(store, String(payload.ledgerId))
}
