import { SimError } from './errors'
import { getPersonConsumer, type ConsumerRow } from './persons'
import { isEndUser, targetPersonId, type Scope } from './scope'
import type { Store } from './store'

// What LinkCy's verification operations (phone, e-mail) have in common: the person they target.
// The operations themselves live in phone-verification.ts, email-verification.ts and address-verification.ts.

/** The person fields of LinkCy's verification bodies: a consumer, or a corporate-related person. */
export interface PersonTarget {
  consumerId?: string
  relatedPhysicalPersonId?: string
}

/** LinkCy's person type of a corporate-related physical person (KYC and verification messages). */
export const RELATED_PERSON_TYPE = 'CORPORATE_RELATED_PHYSICAL_PERSON'

/**
 * The consumer a verification targets. An end-user always acts on itself (body ids ignored); a
 * partner must name the person (400 PERSON_ID_REQUIRED). Unknown, another partner's or another
 * end-user's ids are PERSON_NOT_FOUND (400, or `notFoundStatus` where the reference says 404).
 */
export function verificationTarget(store: Store, scope: Scope, target: PersonTarget, notFoundStatus?: 404): ConsumerRow {
  if (!isEndUser(scope) && !target.consumerId && target.relatedPhysicalPersonId) {
    // SIM: corporate-related persons are not simulated yet, so every relatedPhysicalPersonId is unknown.
    const id = target.relatedPhysicalPersonId
    throw new SimError('PERSON_NOT_FOUND', [RELATED_PERSON_TYPE, id], { field: 'relatedPhysicalPersonId', rejectedValue: id, ...(notFoundStatus ? { status: notFoundStatus } : {}) })
  }
  const consumerId = targetPersonId(scope, target.consumerId, 'PERSON_ID_REQUIRED', 'consumerId')
  return getPersonConsumer(store, scope, consumerId, 'consumerId', notFoundStatus)
}

/** The absolute URL of a simulator page, from the origin the caller used to reach the simulator. */
export function pageUrl(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, '')}${path}`
}
