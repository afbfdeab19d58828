import { and, eq } from 'drizzle-orm'
import { kycApplications, partners, webPages } from './db/schema'
import type { KycIdentity } from './db/tables/kyc'
import type { KycStatus } from './enums'
import { SimError } from './errors'
import { findKycApplication, mergeIdentity, setKycStatus, type KycApplicationRow } from './kyc'
import { applyIdentityToConsumer } from './kyc-simulate'
import { consumerById } from './persons'
import { relatedById } from './corporate-related'
import { applyIdentityToRelated } from './corporate-related-kyc'
import type { Store } from './store'
import { assertKycTransition } from './transitions'

// The person's side of a KYC application: what happens when they go through the hosted KYC page
// (or the SDK, driven through /_sim). Not a LinkCy API operation: LinkCy's KYC provider does this.

export type KycOutcome = 'PROCESSING' | 'PENDING_REVIEW' | 'VALIDATED' | 'DECLINED'

/** The application behind a KYC link or control-plane call; KYC_APPLICATION_NOT_FOUND otherwise. */
export function getKycForPerson(store: Store, kycId: string): KycApplicationRow {
  const row = findKycApplication(store, kycId)
  if (!row) throw new SimError('KYC_APPLICATION_NOT_FOUND', [kycId])
  return row
}

/** Whether the application was abandoned because its link or SDK token expired. */
export function isExpired(store: Store, row: KycApplicationRow): boolean {
  return row.status === 'ABORTED' && row.expiresAt !== null && row.expiresAt <= store.clock.nowMs()
}

/**
 * The person finished the KYC flow: CREATED → PROCESSING (the document and selfie are captured)
 * → `outcome`, following the lifecycle. A VALIDATED KYC writes the identity onto the person.
 * SIM: LinkCy's review is instantaneous; an expired link is EXPIRED_RESOURCE.
 */
export function completeKycApplication(store: Store, kycId: string, outcome: KycOutcome, reason?: string): KycApplicationRow {
  let row = getKycForPerson(store, kycId)
  if (isExpired(store, row)) throw new SimError('EXPIRED_RESOURCE', [kycId])
  if (row.status === 'CREATED') {
    assertKycTransition(kycId, 'CREATED', 'PROCESSING')
    const identity = capturedIdentity(store, row)
    store.db.update(kycApplications).set({ identity }).where(eq(kycApplications.id, row.id)).run()
    row = setKycStatus(store, { ...row, identity }, 'PROCESSING', null)
    if (outcome === 'PROCESSING') return row
  }
  assertKycTransition(kycId, row.status as KycStatus, outcome)
  row = setKycStatus(store, row, outcome, reason ?? null)
  if (outcome === 'VALIDATED' && row.personType === 'CONSUMER') applyIdentityToConsumer(store, row.personId, row.identity, row.updateDate)
  if (outcome === 'VALIDATED' && row.personType !== 'CONSUMER') applyIdentityToRelated(store, row.personId, row.identity, row.updateDate)
  return row
}

/**
 * What the identity document says: the consumer's declared data where there is some, the rest
 * made up (seeded faker). SIM: LinkCy reads it from the document; we have no document.
 */
function capturedIdentity(store: Store, row: KycApplicationRow): KycIdentity {
  const consumer = consumerById(store, row.personId) ?? relatedById(store, row.personId)
  const profile = consumer?.profile ?? {}
  const f = store.rng.fake()
  const gender = profile.gender ?? f.helpers.arrayElement(['MALE', 'FEMALE'] as const)
  const identity: KycIdentity = {
    firstName: consumer?.firstName ?? f.person.firstName(gender === 'MALE' ? 'male' : 'female'),
    middleName: consumer?.middleName ?? undefined,
    lastName: consumer?.lastName ?? f.person.lastName(),
    emailAddress: consumer?.emailAddress ?? undefined,
    gender,
    birthDate: profile.birthDate ?? f.date.birthdate({ mode: 'age', min: 18, max: 80, refDate: store.clock.now() }).toISOString().slice(0, 10),
    birthCity: profile.birthCity ?? f.location.city(),
    birthIsoCountryCode: profile.birthIsoCountryCode ?? 'FRA',
    nationalityCode: profile.nationalityCode ?? 'FRA',
    address: profile.address,
  }
  return mergeIdentity(row.identity, identity)
}

export interface KycPageView {
  application: KycApplicationRow
  partnerName: string
  personName?: string
  /** LINK applications only have a page. */
  hasPage: boolean
}

/** What the hosted KYC page shows: the application (settled), the partner's and the person's names. */
export function kycPageView(store: Store, kycId: string): KycPageView | undefined {
  const application = findKycApplication(store, kycId)
  if (!application) return undefined
  const partner = store.db.select().from(partners).where(eq(partners.id, application.partnerId)).get()
  const consumer = consumerById(store, application.personId) ?? relatedById(store, application.personId)
  const personName = [consumer?.firstName, consumer?.middleName, consumer?.lastName].filter(Boolean).join(' ') || undefined
  const page = store.db.select().from(webPages).where(and(eq(webPages.kind, 'KYC'), eq(webPages.resourceId, kycId))).get()
  return { application, partnerName: partner?.displayName ?? partner?.name ?? '', personName, hasPage: page !== undefined }
}
