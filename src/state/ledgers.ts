import { and, eq } from 'drizzle-orm'
import { ledgers } from './db/schema'
import type { LedgerLimitsCents } from './db/tables/ledgers'
import { notFoundError, SimError, type NamedId } from './errors'
import { normalizeIban } from './iban'
import { partnerLimits } from './partner-limits'
import { getPartner } from './partners'
import { findEndUser, type EndUserRef } from './end-users'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'

// A ledger as the other money modules see it: scoped reads (another partner's or another end-user's
// ledger reads as not found), the lookup of a simulated ledger by IBAN, the ledger's effective limits
// and the state checks LinkCy documents on money operations.

export type LedgerRow = typeof ledgers.$inferSelect

/** The ledger with this id whatever its partner (internal follow-ups: jobs, the other side of a transfer). */
export function ledgerById(store: Store, ledgerId: string): LedgerRow | undefined {
  return store.db.select().from(ledgers).where(eq(ledgers.id, ledgerId)).get()
}

/** The ledger with this id whatever its partner, or 404 LEDGER_NOT_FOUND: the /_sim control plane is not scoped. */
export function getAnyLedger(store: Store, ledgerId: string): LedgerRow {
  const row = ledgerById(store, ledgerId)
  if (!row) throw new SimError('LEDGER_NOT_FOUND', [ledgerId])
  return row
}

/** The ledger visible to the caller: the partner's, and for an end-user token only its own. */
export function findLedger(store: Store, scope: Scope, ledgerId: string): LedgerRow | undefined {
  const row = store.db.select().from(ledgers).where(and(eq(ledgers.partnerId, scope.partnerId), eq(ledgers.id, ledgerId))).get()
  if (!row) return undefined
  if (isEndUser(scope) && row.endUserId !== scope.principal?.id) return undefined
  return row
}

export interface GetLedgerOptions extends NamedId {
  /** Only a ledger of this end-user: another one reads as not found (the creditor of a mandate, a parent ledger). */
  endUserId?: string
  /** Only a ledger whose holder still exists (money moves): a ledger without one reads as not found. */
  held?: boolean
}

/**
 * The end-user (consumer or corporate) holding a ledger, undefined when it no longer exists (nothing
 * may move money on such a ledger).
 */
export function ledgerHolder(store: Store, ledger: Pick<LedgerRow, 'partnerId' | 'endUserId'>): EndUserRef | undefined {
  return findEndUser(store, ledger.partnerId, ledger.endUserId)
}

/**
 * The ledger visible to the caller, or LinkCy's LEDGER_NOT_FOUND: 404 on the ledger operations,
 * 400 with `details[{field}]` where the operation names the ledger in its body.
 */
export function getLedger(store: Store, scope: Scope, ledgerId: string, options: GetLedgerOptions = {}): LedgerRow {
  const row = findLedger(store, scope, ledgerId)
  const matches = row && (options.endUserId === undefined || row.endUserId === options.endUserId)
  if (matches && (!options.held || ledgerHolder(store, row) !== undefined)) return row
  throw notFoundError('LEDGER_NOT_FOUND', ledgerId, options, 'ledgerId')
}

/**
 * The simulated ledger that owns this IBAN, of any partner (a SEPA transfer between two partners'
 * end-users stays inside the simulator). Spaces and case are ignored.
 */
export function findLedgerByIban(store: Store, iban: string): LedgerRow | undefined {
  return store.db.select().from(ledgers).where(eq(ledgers.iban, normalizeIban(iban))).get()
}

/**
 * Ledger statuses in which a ledger no longer takes money in (LinkCy: "later incoming SCT or
 * inter-ledger transfers are declined"), nor lets a mandate on it be activated.
 */
export const CLOSED_LEDGER_STATUSES: readonly string[] = ['CLOSING', 'CLOSED', 'FAILED']

/** LEDGER_MUST_BE_ACTIVE unless the ledger is ACTIVE (credits, outgoing transfers, upgrade, documents). */
export function assertLedgerActive(ledger: Pick<LedgerRow, 'status'>): void {
  if (ledger.status !== 'ACTIVE') throw new SimError('LEDGER_MUST_BE_ACTIVE')
}

/** LEDGER_MUST_BE_UPGRADED unless the ledger has its account number (SEPA in and out). */
export function assertLedgerUpgraded(ledger: Pick<LedgerRow, 'isUpgraded'>): void {
  if (!ledger.isUpgraded) throw new SimError('LEDGER_MUST_BE_UPGRADED')
}

/**
 * The limits that apply to a ledger, in cents: its own where set, else the partner's default ledger
 * limits (LinkCy: "If null, it will take the default value defined in the partner configuration").
 */
export function effectiveLimitsCents(store: Store, ledger: Pick<LedgerRow, 'partnerId' | 'limits'>): LedgerLimitsCents {
  const defaults = partnerLimits(getPartner(store, ledger.partnerId)).ledger
  const own: Partial<LedgerLimitsCents> = ledger.limits ?? {}
  const pick = (key: keyof LedgerLimitsCents): number => own[key] ?? Math.round(defaults[key] * 100)
  return {
    ddTransactionLimit: pick('ddTransactionLimit'),
    ddMonthlyLimit: pick('ddMonthlyLimit'),
    transactionLimit: pick('transactionLimit'),
    transactionDailyLimit: pick('transactionDailyLimit'),
    transactionMonthlyLimit: pick('transactionMonthlyLimit'),
  }
}

/** GET /ledgers/{ledgerId} (Ledger_getInfo): the ledger (404 LEDGER_NOT_FOUND) with its effective limits. */
export function getLedgerInfo(store: Store, scope: Scope, ledgerId: string): { ledger: LedgerRow; limits: LedgerLimitsCents } {
  const ledger = getLedger(store, scope, ledgerId)
  return { ledger, limits: effectiveLimitsCents(store, ledger) }
}
