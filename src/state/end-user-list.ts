import { and, eq, inArray, ne, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'

// The list filters consumers and corporates share: text "contains" and the status axes.

/** Case-insensitive "contains" on a text column (no LIKE wildcards to escape). */
export const contains = (column: SQLWrapper, needle: string): SQL => sql`instr(lower(coalesce(${column}, '')), ${needle.toLowerCase()}) > 0`

/** The status filters of an end-user list query (each list: any of its values). */
export interface StatusFilterQuery {
  bankingStatus?: string[]
  suspensionStatus?: string[]
  linkcyStatus?: string[]
  complianceStatus?: string[]
  overallStatus?: 'ACTIVE' | 'INACTIVE'
}

/** The status columns of an end-user table. */
export interface StatusColumns {
  bankingStatus: SQLiteColumn
  suspensionStatus: SQLiteColumn
  linkcyStatus: SQLiteColumn
  complianceStatus: SQLiteColumn
}

/** WHERE clauses of the status filters; overall ACTIVE = LinkCy VALIDATED and not suspended. */
export function statusFilters(columns: StatusColumns, q: StatusFilterQuery): SQL[] {
  const where: SQL[] = []
  const lists = [
    [columns.bankingStatus, q.bankingStatus],
    [columns.suspensionStatus, q.suspensionStatus],
    [columns.linkcyStatus, q.linkcyStatus],
    [columns.complianceStatus, q.complianceStatus],
  ] as const
  for (const [column, values] of lists) if (values && values.length > 0) where.push(inArray(column, values))
  if (q.overallStatus === 'ACTIVE') where.push(and(eq(columns.linkcyStatus, 'VALIDATED'), eq(columns.suspensionStatus, 'NOT_SUSPENDED'))!)
  if (q.overallStatus === 'INACTIVE') where.push(or(ne(columns.linkcyStatus, 'VALIDATED'), ne(columns.suspensionStatus, 'NOT_SUSPENDED'))!)
  return where
}
