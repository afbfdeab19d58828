import { and, eq, or } from 'drizzle-orm'
import { transactions } from './db/schema'
import type { TransactionParty } from './db/tables/transactions'
import { notFoundError, type NamedId } from './errors'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'
import { emitEvent, transactionData } from './webhooks'

// Transactions as every money module books and reads them. One row per movement, seen from both
// sides: an inter-ledger transfer is listed for its sender and its receiver. Ledger credits, card
// operations and direct-debit collections book theirs with recordTransaction, so every row has the
// same ids, dates and flags; the wire shape is presentTransaction (state/transactions-present.ts).

export type TransactionRow = typeof transactions.$inferSelect

/** LinkCy's transaction statuses (TransactionStatus). */
export const TRANSACTION_STATUSES = ['APPROVED', 'DECLINED', 'RELEASED', 'REVERSED', 'PENDING', 'PENDING_REVIEW', 'UNKNOWN', 'ABORTED'] as const
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number]

/** What a module books: the row without the columns recordTransaction fills (id, dates, flags). */
export interface TransactionInput {
  partnerId: string
  type: string
  paymentType: string
  status: TransactionStatus
  amountCents: number
  currency: string
  senderLedgerId?: string | null
  receiverLedgerId?: string | null
  senderEndUserId?: string | null
  receiverEndUserId?: string | null
  sender?: TransactionParty
  receiver?: TransactionParty
  /** LinkCy's `information` members other than the amounts (reference, note, declineReason, clearingDate as epoch ms, ...). */
  information?: Record<string, unknown>
  details?: Record<string, unknown>
  cardId?: string | null
  beneficiaryId?: string | null
  mandateId?: string | null
  relatedTransactionId?: string | null
  /** Cents this transaction holds in the sender ledger's reserved balance (a pending transfer, an authorization). */
  heldCents?: number
  /** A scenario's past transaction may give its id and date; otherwise a new id and now. */
  id?: string
  creationDate?: number
}

/** The `declined` / `released` flags that follow from a status (the list's show* filters). */
function flagsOf(status: string): { declined: boolean; released: boolean } {
  return { declined: status === 'DECLINED' || status === 'ABORTED', released: status === 'RELEASED' }
}

/**
 * Books a transaction: a new id (store.rng) and creation date (store.clock) unless given, flags from
 * the status. Balances are NOT moved here: the caller moves them with state/balances.ts in the same tx.
 */
export function recordTransaction(store: Store, input: TransactionInput): TransactionRow {
  const now = store.clock.nowMs()
  const row: TransactionRow = {
    id: input.id ?? store.rng.uuid(),
    partnerId: input.partnerId,
    type: input.type,
    paymentType: input.paymentType,
    status: input.status,
    amountCents: input.amountCents,
    currency: input.currency,
    senderLedgerId: input.senderLedgerId ?? null,
    receiverLedgerId: input.receiverLedgerId ?? null,
    senderEndUserId: input.senderEndUserId ?? null,
    receiverEndUserId: input.receiverEndUserId ?? null,
    sender: input.sender ?? {},
    receiver: input.receiver ?? {},
    information: input.information ?? {},
    details: input.details ?? {},
    cardId: input.cardId ?? null,
    beneficiaryId: input.beneficiaryId ?? null,
    mandateId: input.mandateId ?? null,
    relatedTransactionId: input.relatedTransactionId ?? null,
    heldCents: input.heldCents ?? 0,
    ...flagsOf(input.status),
    creationDate: input.creationDate ?? now,
    updateDate: input.creationDate ?? now,
  }
  store.db.insert(transactions).values(row).run()
  emitEvent(store, row.partnerId, 'TRANSACTION_CREATED', transactionData(row))
  return row
}

/** The fields a later event changes on a transaction (settlement, decline, release, clearing). */
export interface TransactionUpdate {
  status?: TransactionStatus
  heldCents?: number
  /** Merged into `information` (e.g. { clearingDate, declineReason }). */
  information?: Record<string, unknown>
  details?: Record<string, unknown>
  relatedTransactionId?: string | null
}

/** Applies an update (flags follow the status, updateDate moves to now) and returns the row as stored. */
export function updateTransaction(store: Store, row: TransactionRow, update: TransactionUpdate): TransactionRow {
  const status = update.status ?? row.status
  const next: TransactionRow = {
    ...row,
    status,
    heldCents: update.heldCents ?? row.heldCents,
    information: update.information ? { ...row.information, ...update.information } : row.information,
    details: update.details ? { ...row.details, ...update.details } : row.details,
    relatedTransactionId: update.relatedTransactionId === undefined ? row.relatedTransactionId : update.relatedTransactionId,
    ...flagsOf(status),
    updateDate: store.clock.nowMs(),
  }
  const { id, ...set } = next
  store.db.update(transactions).set(set).where(eq(transactions.id, id)).run()
  if (status !== row.status) emitEvent(store, row.partnerId, 'TRANSACTION_UPDATED', transactionData(next))
  return next
}

/** The transaction with this id, whatever its partner (scheduled jobs, internal follow-ups). */
export function transactionById(store: Store, transactionId: string): TransactionRow | undefined {
  return store.db.select().from(transactions).where(eq(transactions.id, transactionId)).get()
}

/** The transaction visible to the caller: the partner's, and for an end-user one it sends or receives. */
export function findTransaction(store: Store, scope: Scope, transactionId: string): TransactionRow | undefined {
  const own = isEndUser(scope)
    ? or(eq(transactions.senderEndUserId, scope.principal!.id), eq(transactions.receiverEndUserId, scope.principal!.id))
    : undefined
  return store.db.select().from(transactions).where(and(eq(transactions.partnerId, scope.partnerId), eq(transactions.id, transactionId), own)).get()
}

/**
 * GET /transactions/{transactionId}: the transaction, or 404 TRANSACTION_NOT_FOUND (also for another
 * partner's or, with an end-user token, another end-user's). `status: 400` where a body names it.
 */
export function getTransaction(store: Store, scope: Scope, transactionId: string, named: NamedId = {}): TransactionRow {
  const row = findTransaction(store, scope, transactionId)
  if (row) return row
  throw notFoundError('TRANSACTION_NOT_FOUND', transactionId, named, 'transactionId')
}

export { presentTransaction } from './transactions-present'
