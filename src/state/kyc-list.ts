import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import { kycApplications } from './db/schema'
import { SimError } from './errors'
import { settlePartnerExpiries, type KycApplicationRow } from './kyc'
import { getPersonConsumer } from './persons'
import type { Scope } from './scope'
import type { Store } from './store'

// GET /kyc: the partner's KYC applications, filtered, sorted and paged.

export interface KycListQuery {
  sortAttribute?: 'CREATION_DATE' | 'UPDATE_DATE'
  sortDirection?: 'ASC' | 'DESC'
  personType?: 'CONSUMER' | 'CORPORATE_RELATED_PHYSICAL_PERSON'
  personId?: string
  kycStatus?: string
}

/**
 * GET /kyc (Kyc_listApplications): the partner's applications (expired links settled first). A
 * personId that names no person of the partner is PERSON_NOT_FOUND (400), as the reference documents.
 * SIM: default order CREATION_DATE DESC (newest first), ties in creation order.
 */
export function listKycApplications(store: Store, scope: Scope, query: KycListQuery): KycApplicationRow[] {
  if (query.personId) {
    if (query.personType === 'CORPORATE_RELATED_PHYSICAL_PERSON') {
      // SIM: corporate-related physical persons arrive with the corporates issue; none exists yet.
      throw new SimError('PERSON_NOT_FOUND', ['CORPORATE_RELATED_PHYSICAL_PERSON', query.personId], { field: 'personId', rejectedValue: query.personId })
    }
    getPersonConsumer(store, scope, query.personId, 'personId')
  }
  settlePartnerExpiries(store, scope.partnerId)
  const where: SQL[] = [eq(kycApplications.partnerId, scope.partnerId)]
  if (query.personType) where.push(eq(kycApplications.personType, query.personType))
  if (query.personId) where.push(eq(kycApplications.personId, query.personId))
  if (query.kycStatus) where.push(eq(kycApplications.status, query.kycStatus))
  const column = query.sortAttribute === 'UPDATE_DATE' ? kycApplications.updateDate : kycApplications.creationDate
  const order = query.sortDirection === 'ASC' ? asc : desc
  return store.db
    .select()
    .from(kycApplications)
    .where(and(...where))
    .orderBy(order(column), order(sql`rowid`))
    .all()
}
