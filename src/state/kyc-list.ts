import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import { kycApplications } from './db/schema'
import { SimError } from './errors'
import { settlePartnerExpiries, type KycApplicationRow } from './kyc'
import { findRelated } from './corporate-related'
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
  if (query.personId) assertListedPerson(store, scope, query.personId, query.personType)
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

/**
 * The person a personId filter names must be one of the partner's: a consumer or a corporate-related
 * physical person (of the given personType, else of either); PERSON_NOT_FOUND (400) otherwise.
 */
function assertListedPerson(store: Store, scope: Scope, personId: string, personType: KycListQuery['personType']): void {
  const related = findRelated(store, scope, personId)
  if (personType !== 'CONSUMER' && related?.kind === 'PHYSICAL_PERSON') return
  if (personType === 'CORPORATE_RELATED_PHYSICAL_PERSON') {
    throw new SimError('PERSON_NOT_FOUND', ['CORPORATE_RELATED_PHYSICAL_PERSON', personId], { field: 'personId', rejectedValue: personId })
  }
  getPersonConsumer(store, scope, personId, 'personId')
}
