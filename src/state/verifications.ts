import { SimError } from './errors'
import { getPersonConsumer, partnerConsumer, setConsumerColumns, type ConsumerRow } from './persons'
import { getRelatedPerson, relatedById, setRelatedColumns, targetsRelatedPerson, type RelatedRow } from './corporate-related'
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
    // Callers that serve corporate-related persons resolve them first (verifiablePerson, kyc-related.ts).
    const id = target.relatedPhysicalPersonId
    throw new SimError('PERSON_NOT_FOUND', [RELATED_PERSON_TYPE, id], { field: 'relatedPhysicalPersonId', rejectedValue: id, ...(notFoundStatus ? { status: notFoundStatus } : {}) })
  }
  const consumerId = targetPersonId(scope, target.consumerId, 'PERSON_ID_REQUIRED', 'consumerId')
  return getPersonConsumer(store, scope, consumerId, 'consumerId', notFoundStatus)
}

/**
 * A person whose phone or e-mail address LinkCy verifies: a consumer, or a corporate-related physical
 * person (whose phone is optional). `consumer` is the consumer's row.
 */
export interface VerifiablePerson {
  type: 'CONSUMER' | typeof RELATED_PERSON_TYPE
  id: string
  partnerId: string
  phoneDigits: string | null
  phoneVerifiedAt: number | null
  emailAddress: string | null
  emailVerifiedAt: number | null
  consumer?: ConsumerRow
}

const fromConsumer = (c: ConsumerRow): VerifiablePerson => ({ type: 'CONSUMER', ...pickContact(c), consumer: c })
const fromRelated = (r: RelatedRow): VerifiablePerson => ({ type: RELATED_PERSON_TYPE, ...pickContact(r) })
const pickContact = (p: Omit<VerifiablePerson, 'type' | 'consumer'>): Omit<VerifiablePerson, 'type' | 'consumer'> =>
  ({ id: p.id, partnerId: p.partnerId, phoneDigits: p.phoneDigits, phoneVerifiedAt: p.phoneVerifiedAt, emailAddress: p.emailAddress, emailVerifiedAt: p.emailVerifiedAt })

/**
 * The person a phone or e-mail verification targets: a corporate-related physical person when the
 * body names one (state/corporate-related.ts targetsRelatedPerson), else the consumer (verificationTarget).
 */
export function verifiablePerson(store: Store, scope: Scope, target: PersonTarget, notFoundStatus?: 404): VerifiablePerson {
  if (targetsRelatedPerson(scope, target)) return fromRelated(getRelatedPerson(store, scope, target.relatedPhysicalPersonId, notFoundStatus))
  return fromConsumer(verificationTarget(store, scope, target, notFoundStatus))
}

/** The partner's consumer or related physical person with this id (a verification link's person), or undefined. */
export function partnerPerson(store: Store, partnerId: string, personId: string): VerifiablePerson | undefined {
  const consumer = partnerConsumer(store, partnerId, personId)
  if (consumer) return fromConsumer(consumer)
  const related = relatedById(store, personId)
  return related && related.partnerId === partnerId && related.kind === 'PHYSICAL_PERSON' ? fromRelated(related) : undefined
}

/** Marks a person's phone or e-mail verified (their updateDate moves to `at`). */
export function setVerifiedAt(store: Store, person: VerifiablePerson, columns: Pick<Partial<VerifiablePerson>, 'phoneVerifiedAt' | 'emailVerifiedAt'>, at: number): void {
  if (person.consumer) setConsumerColumns(store, person.id, columns, at)
  else setRelatedColumns(store, person.id, columns, at)
}

/** The absolute URL of a simulator page, from the origin the caller used to reach the simulator. */
export function pageUrl(origin: string, path: string): string {
  return `${origin.replace(/\/+$/, '')}${path}`
}
