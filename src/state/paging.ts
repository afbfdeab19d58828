import { asc, count, desc, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Store } from './store'

// One page of a LinkCy list: the rows a filter matches, sorted, sliced by page and pageSize, and how
// many match in all (the envelope's totalElements). Every list operation reads its page this way.

/** The paging members of a list query (page is 0-based). */
export interface PageQuery {
  sortDirection?: 'ASC' | 'DESC'
  page: number
  pageSize: number
}

/**
 * The rows of `table` matching `where`, sorted on `sortBy` in the query's direction (SIM: DESC by
 * default, newest first), ties in insertion order, and the total count.
 */
export function selectPage<T extends SQLiteTable>(
  store: Store,
  table: T,
  where: SQL | undefined,
  sortBy: SQLiteColumn | SQL,
  q: PageQuery,
): { rows: T['$inferSelect'][]; total: number } {
  const total = store.db.select({ n: count() }).from(table as SQLiteTable).where(where).get()?.n ?? 0
  const dir = (q.sortDirection ?? 'DESC') === 'ASC' ? asc : desc
  const rows = store.db
    .select()
    .from(table as SQLiteTable)
    .where(where)
    .orderBy(dir(sortBy), dir(sql`rowid`))
    .limit(q.pageSize)
    .offset(q.page * q.pageSize)
    .all()
  return { rows: rows as T['$inferSelect'][], total }
}
