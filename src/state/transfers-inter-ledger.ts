import { credit, tryDebit } from './balances'
import { assertMayBank } from './end-user-checks'
import { notFoundError, SimError } from './errors'
import { assertLedgerActive, CLOSED_LEDGER_STATUSES, getLedger, ledgerHolder, type LedgerRow } from './ledgers'
import { exceededLimit } from './limits'
import type { Scope } from './scope'
import type { Store } from './store'
import { recordTransaction, type TransactionRow } from './transactions'
import { ledgerParty } from './transfers-parties'

// Inter-ledger transfers: money moves at once between two simulated ledgers of one partner, booked
// as ONE transaction (INTER_LEDGER / MONEY_TRANSFER) listed for both ledgers and both end-users.

/**
 * The standing the sender of any transfer needs: its holder exists (a ledger whose end-user is gone
 * is 400 LEDGER_NOT_FOUND on `field`: nothing leaves it) and may bank (KYC, LinkCy status, not
 * suspended, banking status, terms, in the reference's order), and the ledger is ACTIVE (a pending,
 * suspended or closed ledger sends nothing: LEDGER_MUST_BE_ACTIVE).
 */
export function assertMaySend(store: Store, ledger: LedgerRow, field = 'ledgerFromId'): void {
  const consumer = ledgerHolder(store, ledger)
  if (!consumer) throw notFoundError('LEDGER_NOT_FOUND', ledger.id, { status: 400, field }, 'ledgerId')
  assertMayBank(store, consumer)
  assertLedgerActive(ledger)
}

/** Throws LEDGER_MUST_BE_PROVISIONED unless the ledger's available balance covers `cents`. */
export function assertProvisioned(ledger: Pick<LedgerRow, 'availableCents'>, cents: number): void {
  if (ledger.availableCents < cents) throw new SimError('LEDGER_MUST_BE_PROVISIONED')
}

export interface InterLedgerMove {
  amountCents: number
  reference?: string
  /** Set when the transfer was asked to a beneficiary that is one of the partner's ledgers. */
  beneficiaryId?: string
}

/**
 * Moves money from one simulated ledger to another of the same partner, at once. Refusals in this
 * order: a receiver that cannot receive yet (PENDING: LEDGER_MUST_BE_ACTIVE), funds
 * (LEDGER_MUST_BE_PROVISIONED); then the transaction is booked DECLINED without moving money when a
 * limit is exceeded (LIMITS_EXCEEDED), the receiver is closed or has lost its holder
 * (BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED) or
 * holds another currency (TRANSACTION_CURRENCY_DIFFERENT_TO_RECEIVER_ACCOUNT).
 */
export function moveBetweenLedgers(store: Store, from: LedgerRow, to: LedgerRow, move: InterLedgerMove): TransactionRow {
  if (to.status === 'PENDING') throw new SimError('LEDGER_MUST_BE_ACTIVE')
  assertProvisioned(from, move.amountCents)
  const limit = exceededLimit(store, from, move.amountCents, 'TRANSFER')
  const declineReason = limit
    ? 'LIMITS_EXCEEDED'
    : CLOSED_LEDGER_STATUSES.includes(to.status) || !ledgerHolder(store, to)
      ? 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED'
      : to.currency !== from.currency ? 'TRANSACTION_CURRENCY_DIFFERENT_TO_RECEIVER_ACCOUNT' : undefined
  if (!declineReason) {
    if (!tryDebit(store, from.id, move.amountCents)) throw new SimError('LEDGER_MUST_BE_PROVISIONED')
    credit(store, to.id, move.amountCents)
  }
  return recordTransaction(store, {
    partnerId: from.partnerId,
    type: 'INTER_LEDGER',
    paymentType: 'MONEY_TRANSFER',
    status: declineReason ? 'DECLINED' : 'APPROVED',
    amountCents: move.amountCents,
    currency: from.currency,
    senderLedgerId: from.id,
    receiverLedgerId: to.id,
    senderEndUserId: from.endUserId,
    receiverEndUserId: to.endUserId,
    sender: ledgerParty(store, from),
    receiver: ledgerParty(store, to),
    information: { reference: move.reference, ...(declineReason ? { declineReason } : { clearingDate: store.clock.nowMs() }) },
    beneficiaryId: move.beneficiaryId ?? null,
  })
}

export interface InterLedgerRequest {
  ledgerFromId: string
  ledgerToId: string
  amountCents: number
  reference?: string
}

/**
 * POST /transactions/inter-ledger: "a transaction between ledgers of two of your end-users". Checks,
 * in order: LEDGER_NOT_FOUND (ledgerFromId: the caller's; ledgerToId: any of the partner's),
 * INTER_LEDGER_TRANSACTION_MUST_BE_TWO_DIFFERENT_LEDGERS, the sender's standing (assertMaySend), then
 * moveBetweenLedgers.
 */
export function createInterLedgerTransaction(store: Store, scope: Scope, request: InterLedgerRequest): TransactionRow {
  const from = getLedger(store, scope, request.ledgerFromId, { status: 400, field: 'ledgerFromId' })
  // An end-user may pay any end-user of its partner: the receiving ledger is looked up partner-wide.
  // A ledger whose holder is gone is not found either (held).
  const to = getLedger(store, { partnerId: scope.partnerId, principal: null }, request.ledgerToId, { status: 400, field: 'ledgerToId', held: true })
  if (from.id === to.id) throw new SimError('INTER_LEDGER_TRANSACTION_MUST_BE_TWO_DIFFERENT_LEDGERS')
  assertMaySend(store, from)
  return moveBetweenLedgers(store, from, to, { amountCents: request.amountCents, reference: request.reference })
}
