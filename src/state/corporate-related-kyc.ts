import type { KycIdentity } from './db/tables/kyc'
import type { CorporateRelatedProfile } from './db/tables/corporates'
import type { kycApplications } from './db/schema'
import { relatedById, setRelatedColumns } from './corporate-related'
import { definedOnly } from './objects'
import type { Store } from './store'
import { RELATED_PERSON_TYPE } from './verifications'
import { emitEvent, type WebhookEventType } from './webhooks'

// A corporate-related physical person's KYC as its related row mirrors it (kycInfo of the KYB
// operations), as a consumer's row mirrors its own: the current application, its status, reason,
// type and update instant. No status axes follow (a related person is not an end-user). Kept apart
// from kyc.ts so that kyc.ts can call it without an import cycle.

type KycApplicationRow = typeof kycApplications.$inferSelect

/** The webhook event of a related person's KYC status: CREATED and VALIDATED have their own, the rest is an update. */
export const relatedKycEvent = (status: string): WebhookEventType =>
  status === 'CREATED' ? 'CORPORATE_RELATED_KYC_CREATED' : status === 'VALIDATED' ? 'CORPORATE_RELATED_KYC_VALIDATED' : 'CORPORATE_RELATED_KYC_UPDATED'

/**
 * Makes `application` the related person's current KYC (kycApplicationId / kycStatus / kycType /
 * kycUpdatedAt) and tells the partner's webhooks when the status or the application changed.
 * Applications of consumers are ignored.
 */
export function mirrorOnRelated(store: Store, application: KycApplicationRow, at: number): void {
  if (application.personType !== RELATED_PERSON_TYPE) return
  const related = relatedById(store, application.personId)
  if (!related) return
  setRelatedColumns(store, related.id, {
    kycApplicationId: application.id,
    kycStatus: application.status,
    kycStatusReason: application.statusReason,
    kycType: application.type,
    kycUpdatedAt: at,
  }, at)
  if (application.status !== related.kycStatus || application.id !== related.kycApplicationId) {
    emitEvent(store, related.partnerId, relatedKycEvent(application.status), {
      id: related.id, corporateId: related.corporateId, kycId: application.id, kycStatus: application.status,
    })
  }
}

/**
 * Writes what a KYC established onto the related person: names and e-mail (a changed address is no
 * longer verified), gender, birth data, nationality and address.
 */
export function applyIdentityToRelated(store: Store, relatedId: string, identity: KycIdentity, at: number): void {
  const related = relatedById(store, relatedId)
  if (!related) return
  const { firstName, middleName, lastName, emailAddress, address, ...rest } = identity
  const profile: CorporateRelatedProfile = { ...related.profile, ...definedOnly(rest) }
  if (address) profile.address = address
  const emailChanged = emailAddress !== undefined && emailAddress !== related.emailAddress
  setRelatedColumns(store, relatedId, {
    ...definedOnly({ firstName, middleName, lastName }),
    ...(emailChanged ? { emailAddress, emailVerifiedAt: null } : {}),
    profile,
  }, at)
}
