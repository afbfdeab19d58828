import { and, eq, gte, inArray, lt, notInArray, sql } from 'drizzle-orm'
import { transactions } from './db/schema'
import { effectiveLimitsCents, type LedgerRow } from './ledgers'
import type { Store } from './store'
import { isoDate, utcDay, utcMonth } from './transfers-calendar'

// Ledger limits (LedgerLimitsRequestDto): outgoing transfers per transaction, per day and per month;
// direct-debit collections per transaction and per month. A ledger's own limits, else its partner's
// defaults (state/ledgers.ts effectiveLimitsCents). Windows are UTC days and months of the simulator
// clock; what counts is what the ledger already committed (pending or approved, not declined).
// Transfers count on the day they were requested (they leave the ledger then), direct-debit
// collections in the month of their collection date (when the money comes in).
// LinkCy has no error code for a breach: the transfer is booked DECLINED with the declineReason
// LIMITS_EXCEEDED (see docs/fidelity.md).

/** TRANSFER: transfers the ledger sends (SCT, SCT Inst, inter-ledger). DIRECT_DEBIT: collections the ledger (creditor) receives. */
export type LimitKind = 'TRANSFER' | 'DIRECT_DEBIT'

/** The payment types of the transfers a ledger sends (counted against the transaction* limits). */
export const OUTGOING_TRANSFER_PAYMENT_TYPES = ['MONEY_TRANSFER', 'SCT_SEND', 'SCT_INST_SEND', 'BACS_SEND', 'FASTER_PAYMENT_SEND'] as const

/** Statuses of transactions that no longer commit money (they do not count against a limit). */
const NOT_COUNTED = ['DECLINED', 'ABORTED', 'REVERSED']

/**
 * Cents the ledger committed in [start, end) for this kind of limit: transfers by their creation
 * instant, collections by their collection date (details.collectionDate, YYYY-MM-DD).
 */
function committedCents(store: Store, ledgerId: string, kind: LimitKind, start: number, end: number): number {
  const collectionDate = sql<string>`json_extract(${transactions.details}, '$.collectionDate')`
  const where =
    kind === 'TRANSFER'
      ? and(eq(transactions.senderLedgerId, ledgerId), inArray(transactions.paymentType, [...OUTGOING_TRANSFER_PAYMENT_TYPES]),
        gte(transactions.creationDate, start), lt(transactions.creationDate, end))
      : and(eq(transactions.receiverLedgerId, ledgerId), eq(transactions.type, 'SEPA_DIRECT_DEBIT'),
        gte(collectionDate, isoDate(start)), lt(collectionDate, isoDate(end)))
  const row = store.db
    .select({ total: sql<number>`coalesce(sum(${transactions.amountCents}), 0)` })
    .from(transactions)
    .where(and(where, notInArray(transactions.status, NOT_COUNTED)))
    .get()
  return Number(row?.total ?? 0)
}

/**
 * The first limit `cents` more would break on this ledger (null: within every limit). TRANSFER
 * checks transactionLimit, transactionDailyLimit, transactionMonthlyLimit now; DIRECT_DEBIT checks
 * ddTransactionLimit and ddMonthlyLimit in the month of `at` (the collection date). A limit of 0 allows nothing.
 */
export function exceededLimit(store: Store, ledger: Pick<LedgerRow, 'id' | 'partnerId' | 'limits'>, cents: number, kind: LimitKind, at?: number): string | null {
  const limits = effectiveLimitsCents(store, ledger)
  const now = store.clock.nowMs()
  if (kind === 'DIRECT_DEBIT') {
    const month = utcMonth(at ?? now)
    if (cents > limits.ddTransactionLimit) return 'ddTransactionLimit'
    if (committedCents(store, ledger.id, kind, month.start, month.end) + cents > limits.ddMonthlyLimit) return 'ddMonthlyLimit'
    return null
  }
  if (cents > limits.transactionLimit) return 'transactionLimit'
  const month = utcMonth(now)
  const day = utcDay(now)
  if (committedCents(store, ledger.id, kind, day.start, day.end) + cents > limits.transactionDailyLimit) return 'transactionDailyLimit'
  if (committedCents(store, ledger.id, kind, month.start, month.end) + cents > limits.transactionMonthlyLimit) return 'transactionMonthlyLimit'
  return null
}
