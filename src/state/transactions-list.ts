import { and, eq, gte, inArray, lte, or, type SQL } from 'drizzle-orm'
import { transactions } from './db/schema'
import { selectPage } from './paging'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'
import type { TransactionRow } from './transactions'

// GET /transactions: the partner's transactions (for an end-user token, those it sends or receives),
// with LinkCy's filters. A transaction between two ledgers is listed for either one, and for either
// end-user.

export interface ListTransactionsQuery {
  endUserId?: string
  ledgerId?: string
  cardId?: string
  transactionTypes?: string[]
  paymentTypes?: string[]
  status?: string[]
  /** Default true: RELEASED card authorizations are listed. */
  showReleasedTransaction?: boolean
  /** Default true: DECLINED and ABORTED transactions are listed. */
  showDeclinedTransaction?: boolean
  /** Inclusive bounds on the creation date (epoch ms). */
  startDate?: number
  endDate?: number
  sortAttribute?: 'CREATION_DATE'
  sortDirection?: 'ASC' | 'DESC'
  page: number
  pageSize: number
}

function filters(scope: Scope, q: ListTransactionsQuery): SQL[] {
  const where: SQL[] = [eq(transactions.partnerId, scope.partnerId)]
  const party = (endUserId: string) => or(eq(transactions.senderEndUserId, endUserId), eq(transactions.receiverEndUserId, endUserId))!
  if (isEndUser(scope)) where.push(party(scope.principal!.id))
  if (q.endUserId) where.push(party(q.endUserId))
  if (q.ledgerId) where.push(or(eq(transactions.senderLedgerId, q.ledgerId), eq(transactions.receiverLedgerId, q.ledgerId))!)
  if (q.cardId) where.push(eq(transactions.cardId, q.cardId))
  if (q.transactionTypes?.length) where.push(inArray(transactions.type, q.transactionTypes))
  if (q.paymentTypes?.length) where.push(inArray(transactions.paymentType, q.paymentTypes))
  if (q.status?.length) where.push(inArray(transactions.status, q.status))
  if (q.showReleasedTransaction === false) where.push(eq(transactions.released, false))
  if (q.showDeclinedTransaction === false) where.push(eq(transactions.declined, false))
  if (q.startDate !== undefined) where.push(gte(transactions.creationDate, q.startDate))
  if (q.endDate !== undefined) where.push(lte(transactions.creationDate, q.endDate))
  return where
}

/**
 * One page of transactions and the total count. SIM: the default order is CREATION_DATE DESC
 * (newest first, as a statement app shows them); ties keep booking order.
 */
export function listTransactions(store: Store, scope: Scope, q: ListTransactionsQuery): { rows: TransactionRow[]; total: number } {
  return selectPage(store, transactions, and(...filters(scope, q)), transactions.creationDate, q)
}
