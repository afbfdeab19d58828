import { eq } from 'drizzle-orm'
import { corporateById } from './corporates'
import { getRelatedPerson, relatedById, targetsRelatedPerson, type RelatedRow } from './corporate-related'
import { applyIdentityToRelated, mirrorOnRelated } from './corporate-related-kyc'
import { kycApplications } from './db/schema'
import { isForbidden } from './end-users'
import type { KycStatus } from './enums'
import { SimError } from './errors'
import { kycTypeOf, ownershipGraph } from './kyb-graph'
import {
  createKycApplication, insertKycApplication, kycApplicationById, mergeIdentity, openKycApplication, setKycStatus, settleExpiry,
  type KycApplicationRow, type KycCreated, type KycCreateRequest,
} from './kyc'
import type { Scope } from './scope'
import type { Store } from './store'
import { KYC_RESTARTABLE, KYC_UNFINISHED } from './transitions'
import { RELATED_PERSON_TYPE } from './verifications'
import type { KycIdentity } from './db/tables/kyc'

// KYC of a corporate's related physical persons (directors, UBOs): the same applications as a
// consumer's (tag KYC, personType CORPORATE_RELATED_PHYSICAL_PERSON), mirrored on the related row.

export { getRelatedPerson, targetsRelatedPerson }

/** Settles the related person's current application (an expired link is ABORTED) and answers the row as it then is. */
export function settleRelatedKyc(store: Store, related: RelatedRow): RelatedRow {
  if (!related.kycApplicationId || related.kycStatus !== 'CREATED') return related
  const row = kycApplicationById(store, related.kycApplicationId)
  if (!row || settleExpiry(store, row) === row) return related
  return relatedById(store, related.id) ?? related
}

/**
 * POST /kyc for a related person (or a consumer: createKycApplication). Checks, in order: the person,
 * its corporate forbidden or suspended, KYC already validated, last application still running. The
 * application's type is the person's kycInfo.type (FULL_KYC for the first director, DOC_ONLY for the
 * others). SIM: no verified phone is required (a related person's phone is optional).
 */
export function requestKyc(store: Store, scope: Scope, req: KycCreateRequest, origin: string): KycCreated {
  const target = { consumerId: req.consumerId ?? undefined, relatedPhysicalPersonId: req.relatedPhysicalPersonId ?? undefined }
  if (!targetsRelatedPerson(scope, target)) return createKycApplication(store, scope, req, origin)
  let related = getRelatedPerson(store, scope, target.relatedPhysicalPersonId)
  const corporate = corporateById(store, related.corporateId)!
  if (isForbidden(corporate)) throw new SimError('END_USER_FORBIDDEN', [corporate.id])
  if (corporate.suspensionStatus === 'SUSPENDED') throw new SimError('END_USER_MUST_NOT_BE_SUSPENDED', [corporate.id])
  related = settleRelatedKyc(store, related)
  if (related.kycStatus === 'VALIDATED') throw new SimError('KYC_ALREADY_VALIDATED')
  if (!KYC_RESTARTABLE.includes((related.kycStatus ?? 'NOT_STARTED') as KycStatus)) throw new SimError('LAST_KYC_APPLICATION_NOT_FINISHED')
  const type = kycTypeOf(ownershipGraph(store, corporate.id), corporate, related)
  return openKycApplication(store, {
    partnerId: related.partnerId, personId: related.id, personType: RELATED_PERSON_TYPE, type: type === 'NOT_REQUIRED' ? 'DOC_ONLY' : type,
  }, req.kycConfiguration, origin)
}

/**
 * Sandbox kyc/simulate for a related person: its unfinished current application, else a new
 * SIMULATED one, put in `status` with the identity recorded on the application and the person.
 */
export function simulateRelatedKyc(store: Store, related: RelatedRow, status: KycStatus, identity: KycIdentity): KycApplicationRow {
  const now = store.clock.nowMs()
  const settled = settleRelatedKyc(store, related)
  const current = settled.kycApplicationId ? kycApplicationById(store, settled.kycApplicationId) : undefined
  let application: KycApplicationRow
  if (current && KYC_UNFINISHED.includes(current.status as KycStatus)) {
    const merged = mergeIdentity(current.identity, identity)
    store.db.update(kycApplications).set({ identity: merged, expiresAt: null }).where(eq(kycApplications.id, current.id)).run()
    application = setKycStatus(store, { ...current, identity: merged, expiresAt: null }, status, null, now)
  } else {
    const corporate = corporateById(store, related.corporateId)!
    const type = kycTypeOf(ownershipGraph(store, corporate.id), corporate, settled)
    application = insertKycApplication(store, {
      partnerId: related.partnerId, personId: related.id, personType: RELATED_PERSON_TYPE, type: type === 'NOT_REQUIRED' ? 'DOC_ONLY' : type,
      status, accessType: 'SIMULATED', identity, creationDate: now,
    })
    mirrorOnRelated(store, application, now)
  }
  applyIdentityToRelated(store, related.id, identity, now)
  return application
}
