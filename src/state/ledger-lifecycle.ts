import { and, eq, gt, inArray, or } from 'drizzle-orm'
import { ledgers, transactions } from './db/schema'
import type { Suspension } from './db/tables/ledgers'
import { notFoundError, SimError, ValidationError } from './errors'
import { balancesOf } from './balances'
import { assertMayActAs, defaultOperator } from './ledger-operators'
import type { Operator } from './ledger-types'
import { assertLedgerActive, getLedger, ledgerById, type LedgerRow } from './ledgers'
import { assertFriendlyNameFree, mergeLimits, type LedgerLimitsInput } from './ledgers-create'
import { getPartner, partnerSettings } from './partners'
import { endUserById } from './end-users'
import { schedule, type JobHandler } from './scheduler'
import { isEndUser, userTypeOf, type Scope } from './scope'
import type { Store } from './store'
import { ledgerMayMove } from './transitions'
import { closeCardsOfLedger } from './cards-lifecycle'
import { setLedgerCardsBlocked } from './card-rules'
import { emitEvent, ledgerData } from './webhooks'

// The operations that move a ledger through its life after creation: upgrade, update, suspension
// per operator and its lifting, closure (CLOSING, then CLOSED on the clock). Statuses follow
// LEDGER_LIFECYCLE in state/transitions.ts.

const CLOSED_STATUSES = ['CLOSING', 'CLOSED']

function write(store: Store, ledger: LedgerRow, set: Partial<LedgerRow>): LedgerRow {
  if (set.status && !ledgerMayMove(ledger.status, set.status)) {
    throw new Error(`ledger ${ledger.id}: ${ledger.status} → ${set.status} is not a ledger transition`)
  }
  const next = { ...set, updateDate: store.clock.nowMs() }
  store.db.update(ledgers).set(next).where(eq(ledgers.id, ledger.id)).run()
  if (set.status && set.status !== ledger.status) emitEvent(store, ledger.partnerId, 'LEDGER_UPDATED', ledgerData({ ...ledger, status: set.status }))
  return { ...ledger, ...next }
}

/** The status a live ledger shows once its suspensions change: SUSPENDED while any remains. */
function liveStatus(ledger: LedgerRow, suspensions: Suspension[]): string {
  if (suspensions.length > 0) return 'SUSPENDED'
  return ledger.activationDate !== null ? 'ACTIVE' : 'PENDING'
}

/**
 * POST /ledgers/{id}/upgrade: the ledger gets its account number (IBAN, BIC... become visible; SEPA
 * in and out). 400 CONSUMER_NOT_FOUND if its owner is gone, 409 LEDGER_ALREADY_UPGRADED, then
 * LEDGER_MUST_BE_ACTIVE. SIM: a virtual ledger has no account of its own (LEDGER_TYPE_NOT_ALLOWED).
 */
export function upgradeLedger(store: Store, scope: Scope, ledgerId: string): LedgerRow {
  const ledger = getLedger(store, scope, ledgerId)
  if (!endUserById(store, ledger.endUserId)) {
    throw new SimError('CONSUMER_NOT_FOUND', [ledger.endUserId], { status: 400, field: 'endUserId', rejectedValue: ledger.endUserId })
  }
  if (ledger.isUpgraded) throw new SimError('LEDGER_ALREADY_UPGRADED')
  assertLedgerActive(ledger)
  if (ledger.parentId) throw new SimError('LEDGER_TYPE_NOT_ALLOWED', ['VIRTUAL'])
  return write(store, ledger, { isUpgraded: true })
}

export interface LedgerUpdate {
  friendlyName?: string
  parentLedgerId?: string
  limits?: LedgerLimitsInput
}

/**
 * PATCH /ledgers/{id}: friendly name (still unique per end-user), limits (a null member goes back to
 * the partner default; partner tokens only: 403 INSUFFICIENT_RIGHTS) and, for a virtual ledger, its
 * parent (another classic ledger of the end-user). A closing or closed ledger: 409 LEDGER_MUST_NOT_BE_CLOSED.
 */
export function updateLedger(store: Store, scope: Scope, ledgerId: string, update: LedgerUpdate): LedgerRow {
  const ledger = getLedger(store, scope, ledgerId)
  // SIM: a closing or closed ledger is definitive: nothing about it changes any more.
  if (CLOSED_STATUSES.includes(ledger.status)) throw new SimError('LEDGER_MUST_NOT_BE_CLOSED')
  const set: Partial<LedgerRow> = {}
  if (update.friendlyName !== undefined) {
    assertFriendlyNameFree(store, ledger.endUserId, update.friendlyName, ledger.id)
    set.friendlyName = update.friendlyName === '' ? null : update.friendlyName
  }
  if (update.parentLedgerId !== undefined) {
    if (!ledger.parentId) {
      throw new ValidationError([{ field: 'parentLedgerId', rejectedValue: update.parentLedgerId, message: 'only a virtual ledger can be given a parent' }])
    }
    const named = { status: 400, field: 'parentLedgerId' } as const
    const parent = getLedger(store, scope, update.parentLedgerId, { ...named, endUserId: ledger.endUserId })
    if (parent.parentId || parent.id === ledger.id) throw notFoundError('LEDGER_NOT_FOUND', update.parentLedgerId, named, 'parentLedgerId')
    set.parentId = parent.id
  }
  if (update.limits !== undefined) {
    // SIM: limits are the partner's risk settings; an end-user token may not change them.
    if (isEndUser(scope)) throw new SimError('INSUFFICIENT_RIGHTS', [userTypeOf(scope)])
    set.limits = mergeLimits(ledger.limits, update.limits)
  }
  return write(store, ledger, set)
}

/**
 * POST /ledgers/{id}/suspensions: suspends the ledger (and its cards) for `operator` (default: the
 * caller's own). 403 INSUFFICIENT_RIGHTS, 404, 409 LEDGER_MUST_NOT_BE_CLOSED, LEDGER_MUST_NOT_BE_SUSPENDED.
 */
export function suspendLedger(store: Store, scope: Scope, ledgerId: string, req: { operator?: Operator; reason: string }): LedgerRow {
  const operator = req.operator ?? defaultOperator(scope)
  assertMayActAs(scope, operator)
  const ledger = getLedger(store, scope, ledgerId)
  if (CLOSED_STATUSES.includes(ledger.status)) throw new SimError('LEDGER_MUST_NOT_BE_CLOSED')
  if (ledger.suspensions.length > 0) throw new SimError('LEDGER_MUST_NOT_BE_SUSPENDED')
  if (ledger.status === 'FAILED') throw new SimError('LEDGER_MUST_BE_ACTIVE')
  const suspensions = [{ operator, reason: req.reason, date: store.clock.nowMs() }]
  setLedgerCardsBlocked(store, ledger.id, true) // each card gets a LINKCY rule with a 0 limit
  return write(store, ledger, { suspensions, status: 'SUSPENDED' })
}

/**
 * DELETE /ledgers/{id}/suspensions/{operator}: lifts that operator's suspension (each operator lifts
 * only its own: 403 INSUFFICIENT_RIGHTS otherwise). SIM: lifting a suspension that does not exist,
 * or on a closed ledger, changes nothing (204).
 */
export function unsuspendLedger(store: Store, scope: Scope, ledgerId: string, operator: Operator): LedgerRow {
  assertMayActAs(scope, operator)
  const ledger = getLedger(store, scope, ledgerId)
  if (!ledger.suspensions.some((s) => s.operator === operator)) return ledger
  const suspensions = ledger.suspensions.filter((s) => s.operator !== operator)
  if (suspensions.length === 0) setLedgerCardsBlocked(store, ledger.id, false)
  if (ledger.status !== 'SUSPENDED') return write(store, ledger, { suspensions })
  return write(store, ledger, { suspensions, status: liveStatus(ledger, suspensions) })
}

/** Whether a ledger still takes part in an unfinished transaction (pending transfer, held amount). */
function hasPendingTransactions(store: Store, ledgerId: string): boolean {
  const onLedger = or(eq(transactions.senderLedgerId, ledgerId), eq(transactions.receiverLedgerId, ledgerId))
  const pending = store.db.select({ id: transactions.id }).from(transactions).where(and(onLedger, inArray(transactions.status, ['PENDING', 'PENDING_REVIEW']))).get()
  const held = store.db.select({ id: transactions.id }).from(transactions).where(and(eq(transactions.senderLedgerId, ledgerId), gt(transactions.heldCents, 0))).get()
  return pending !== undefined || held !== undefined
}

/** The virtual ledgers of a classic ledger that are still open (not closing, closed or failed). */
function openChildren(store: Store, ledgerId: string): LedgerRow[] {
  return store.db.select().from(ledgers).where(eq(ledgers.parentId, ledgerId)).all()
    .filter((child) => !CLOSED_STATUSES.includes(child.status) && child.status !== 'FAILED')
}

/**
 * POST /ledgers/{id}/close: definitive. All balances must be 0 and no transaction unfinished
 * (LEDGER_MUST_BE_EMPTY), its open virtual ledgers' too (the error names the first one holding
 * money), which close with it; CLOSING at once, CLOSED after the partner's ledgerActivationSeconds.
 */
export function closeLedger(store: Store, scope: Scope, ledgerId: string, req: { operator: Operator; reason?: string }): LedgerRow {
  assertMayActAs(scope, req.operator)
  const ledger = getLedger(store, scope, ledgerId)
  if (CLOSED_STATUSES.includes(ledger.status)) throw new SimError('LEDGER_MUST_NOT_BE_CLOSED')
  const children = openChildren(store, ledger.id)
  const holding = [ledger, ...children].find((l) => balancesOf(store, l.id).total !== 0 || hasPendingTransactions(store, l.id))
  if (holding) throw new SimError('LEDGER_MUST_BE_EMPTY', [holding.id])
  const now = store.clock.nowMs()
  const closeInformation = { operator: req.operator, reason: req.reason, date: now }
  const delayMs = partnerSettings(getPartner(store, ledger.partnerId)).ledgerActivationSeconds * 1000
  let closing = ledger
  for (const one of [...children, ledger]) {
    closing = write(store, one, { status: 'CLOSING', closeInformation })
    if (delayMs <= 0) closing = finishClosure(store, one.id)
    else schedule(store, ledger.partnerId, 'LEDGER_CLOSURE', now + delayMs, { ledgerId: one.id })
  }
  return closing
}

/**
 * Effects of a ledger reaching CLOSED on the resources attached to it. Cards of the ledger are
 * closed here with reason LEDGER_CLOSED (issue 5).
 */
export function onLedgerClosed(store: Store, ledger: LedgerRow): void {
  closeCardsOfLedger(store, ledger.id)
}

/** CLOSING → CLOSED (the provider confirmed the closure). */
export function finishClosure(store: Store, ledgerId: string): LedgerRow {
  const ledger = ledgerById(store, ledgerId)
  if (!ledger || ledger.status !== 'CLOSING') return ledger!
  const closed = write(store, ledger, { status: 'CLOSED' })
  onLedgerClosed(store, closed)
  return closed
}

/** Scheduled job LEDGER_CLOSURE ({ledgerId}): see finishClosure. */
export const finishClosureJob: JobHandler = (store, payload) => {
  finishClosure(store, String(payload.ledgerId))
}
