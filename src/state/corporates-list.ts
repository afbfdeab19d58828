import { and, eq, exists, inArray, type SQL } from 'drizzle-orm'
import { corporateRelated, corporates } from './db/schema'
import { contains, statusFilters, type StatusFilterQuery } from './end-user-list'
import { selectPage } from './paging'
import type { CorporateRow } from './corporates'
import type { Scope } from './scope'
import type { Store } from './store'

// GET /corporates: the partner's corporates, filtered, sorted and paged by SQLite.

export interface ListCorporatesQuery extends StatusFilterQuery {
  registeredName?: string
  /** Newer LinkCy versions: the account owner's e-mail address (contains, any case). */
  emailAddress?: string
  kybStatus?: string[]
  sortAttribute?: 'UPDATE_DATE' | 'CREATION_DATE'
  sortDirection?: 'ASC' | 'DESC'
  page: number
  pageSize: number
}

const SORT_COLUMNS = { UPDATE_DATE: corporates.updateDate, CREATION_DATE: corporates.creationDate } as const

function filters(store: Store, scope: Scope, q: ListCorporatesQuery): SQL[] {
  const where: SQL[] = [eq(corporates.partnerId, scope.partnerId)]
  if (q.registeredName) where.push(contains(corporates.registeredName, q.registeredName))
  if (q.emailAddress) {
    const owner = and(eq(corporateRelated.corporateId, corporates.id), eq(corporateRelated.isAccountOwner, true), contains(corporateRelated.emailAddress, q.emailAddress))
    where.push(exists(store.db.select({ id: corporateRelated.id }).from(corporateRelated).where(owner)))
  }
  if (q.kybStatus && q.kybStatus.length > 0) where.push(inArray(corporates.kybStatus, q.kybStatus))
  return [...where, ...statusFilters(corporates, q)]
}

/**
 * One page of the partner's corporates and the total count. SIM: defaults are CREATION_DATE, DESC
 * (newest first), as for consumers; ties keep creation order.
 */
export function listCorporates(store: Store, scope: Scope, q: ListCorporatesQuery): { rows: CorporateRow[]; total: number } {
  return selectPage(store, corporates, and(...filters(store, scope, q)), SORT_COLUMNS[q.sortAttribute ?? 'CREATION_DATE'], q)
}
