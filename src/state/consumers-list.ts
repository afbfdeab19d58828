import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { settlePartnerExpiries } from './kyc'
import { consumers } from './db/schema'
import { contains, statusFilters } from './end-user-list'
import { selectPage } from './paging'
import type { ConsumerRow } from './persons'
import type { Scope } from './scope'
import type { Store } from './store'

// GET /consumers: the partner's consumers, filtered, sorted and paged by SQLite.

export interface ListConsumersQuery {
  lastName?: string
  phone?: string
  emailAddress?: string
  kycStatus?: string[]
  bankingStatus?: string[]
  suspensionStatus?: string[]
  linkcyStatus?: string[]
  complianceStatus?: string[]
  overallStatus?: 'ACTIVE' | 'INACTIVE'
  sortAttribute?: 'UPDATE_DATE' | 'LAST_NAME' | 'CREATION_DATE'
  sortDirection?: 'ASC' | 'DESC'
  page: number
  pageSize: number
}

const SORT_COLUMNS = {
  UPDATE_DATE: consumers.updateDate,
  LAST_NAME: consumers.lastName,
  CREATION_DATE: consumers.creationDate,
} as const

function filters(scope: Scope, q: ListConsumersQuery): SQL[] {
  const where: SQL[] = [eq(consumers.partnerId, scope.partnerId)]
  if (q.lastName) where.push(contains(consumers.lastName, q.lastName))
  if (q.emailAddress) where.push(contains(consumers.emailAddress, q.emailAddress))
  if (q.phone !== undefined && q.phone !== '') {
    // SIM: the phone filter matches digits only ('+33 6 12…' finds 33612…), anywhere in country code + number.
    const digits = q.phone.replace(/\D/g, '')
    where.push(digits ? contains(consumers.phoneDigits, digits) : sql`0`)
  }
  if (q.kycStatus && q.kycStatus.length > 0) where.push(inArray(consumers.kycStatus, q.kycStatus))
  return [...where, ...statusFilters(consumers, q)]
}

/**
 * One page of the partner's consumers and the total count. SIM: defaults are CREATION_DATE, DESC
 * (newest first); ties keep creation order.
 */
export function listConsumers(store: Store, scope: Scope, q: ListConsumersQuery): { rows: ConsumerRow[]; total: number } {
  settlePartnerExpiries(store, scope.partnerId) // expired KYC links must not be filtered as CREATED
  return selectPage(store, consumers, and(...filters(scope, q)), SORT_COLUMNS[q.sortAttribute ?? 'CREATION_DATE'], q)
}
