import { and, eq, inArray, type SQL } from 'drizzle-orm'
import { ledgers } from './db/schema'
import { normalizeIban } from './iban'
import type { LedgerRow } from './ledgers'
import { selectPage } from './paging'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'

// GET /ledgers (Ledger_getAll): the partner's ledgers, or an end-user's own, filtered and paged.

export interface ListLedgersQuery {
  endUserId?: string
  status?: string[]
  parentId?: string
  iban?: string
  sortAttribute?: 'CREATION_DATE'
  sortDirection?: 'ASC' | 'DESC'
  page: number
  pageSize: number
}

function filters(scope: Scope, q: ListLedgersQuery): SQL[] {
  const where: SQL[] = [eq(ledgers.partnerId, scope.partnerId)]
  // An end-user token lists only its own ledgers, whatever endUserId it sends.
  if (isEndUser(scope)) where.push(eq(ledgers.endUserId, scope.principal!.id))
  if (q.endUserId) where.push(eq(ledgers.endUserId, q.endUserId))
  if (q.status && q.status.length > 0) where.push(inArray(ledgers.status, q.status))
  if (q.parentId) where.push(eq(ledgers.parentId, q.parentId))
  // An IBAN is known to the API only once the ledger is upgraded.
  if (q.iban !== undefined) where.push(eq(ledgers.iban, normalizeIban(q.iban)), eq(ledgers.isUpgraded, true))
  return where
}

/** One page of ledgers and the total count. SIM: default order CREATION_DATE, DESC (newest first). */
export function listLedgers(store: Store, scope: Scope, q: ListLedgersQuery): { rows: LedgerRow[]; total: number } {
  return selectPage(store, ledgers, and(...filters(scope, q)), ledgers.creationDate, q)
}
