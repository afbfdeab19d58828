import { and, eq, lte } from 'drizzle-orm'
import { kycApplications, webPages } from './db/schema'
import { isForbidden } from './end-users'
import type { KycIdentity } from './db/tables/kyc'
import type { KycStatus } from './enums'
import { SimError } from './errors'
import { consumerById, setConsumerColumns, type ConsumerRow } from './persons'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'
import { statusesForIdentity, KYC_RESTARTABLE } from './transitions'
import { formatIsoDuration } from './clock'
import { definedOnly } from './objects'
import { pageUrl, RELATED_PERSON_TYPE, verificationTarget } from './verifications'
import { openWebPage } from './web-pages'
import { consumerKycEvent, emitEvent } from './webhooks'
import { mirrorOnRelated } from './corporate-related-kyc'
import { findRelated, relatedById } from './corporate-related'

// KYC applications (tag KYC): a consumer asks for a KYC link or SDK token, does the KYC, and its
// statuses follow. The consumer row mirrors its current application (kycApplicationId, kycStatus).

export type KycApplicationRow = typeof kycApplications.$inferSelect
export type KycAccessType = 'LINK' | 'SDK'

/** LinkCy keeps a KYC link open 720 hours and an SDK token 24 hours. */
export const KYC_LINK_TTL_MS = 720 * 3600_000
export const KYC_SDK_TTL_MS = 24 * 3600_000

/** POST /kyc body (null members read as absent). */
export interface KycCreateRequest {
  consumerId?: string | null
  relatedPhysicalPersonId?: string | null
  kycConfiguration: { accessType: KycAccessType; urlOnComplete?: string | null; urlOnFailure?: string | null }
}

export type KycCreated =
  | { kind: 'LINK'; application: KycApplicationRow; url: string; ttl: string }
  | { kind: 'SDK'; application: KycApplicationRow; token: string; kycApiUrl: string; flowName: string; ttl: string }

/** The simulator page a LINK application points to (absolute, on the origin the caller used). */
export function kycLinkUrl(origin: string, kycId: string): string {
  return pageUrl(origin, `/pages/kyc/${kycId}`)
}

/**
 * POST /kyc (Kyc_requestValidationLink): opens a FULL_KYC application for the consumer and answers
 * the link (LINK) or an SDK token (SDK). Checks, in order: person id and person (as the verification
 * operations do), forbidden, suspended, verified phone, KYC already validated, last application still
 * running (an expired one is ABORTED).
 */
export function createKycApplication(store: Store, scope: Scope, req: KycCreateRequest, origin: string): KycCreated {
  let consumer = verificationTarget(store, scope, { consumerId: req.consumerId ?? undefined, relatedPhysicalPersonId: req.relatedPhysicalPersonId ?? undefined })
  if (isForbidden(consumer)) throw new SimError('END_USER_FORBIDDEN', [consumer.id])
  if (consumer.suspensionStatus === 'SUSPENDED') throw new SimError('END_USER_MUST_NOT_BE_SUSPENDED', [consumer.id])
  if (consumer.phoneVerifiedAt === null) throw new SimError('PHONE_MUST_BE_VERIFIED')
  consumer = settleConsumerKyc(store, consumer)
  if (consumer.kycStatus === 'VALIDATED') throw new SimError('KYC_ALREADY_VALIDATED')
  if (!KYC_RESTARTABLE.includes(consumer.kycStatus as KycStatus)) throw new SimError('LAST_KYC_APPLICATION_NOT_FINISHED')

  return openKycApplication(store, { partnerId: scope.partnerId, personId: consumer.id }, req.kycConfiguration, origin)
}

/**
 * Opens a CREATED application for a person (a consumer, or with personType and type a corporate-related
 * person), mirrored on the person's row, and answers its link (LINK: a hosted page) or SDK token.
 */
export function openKycApplication(
  store: Store, person: Pick<KycApplicationRow, 'partnerId' | 'personId'> & Partial<Pick<KycApplicationRow, 'personType' | 'type'>>,
  config: KycCreateRequest['kycConfiguration'], origin: string,
): KycCreated {
  const { accessType, urlOnComplete, urlOnFailure } = config
  const now = store.clock.nowMs()
  const ttlMs = accessType === 'LINK' ? KYC_LINK_TTL_MS : KYC_SDK_TTL_MS
  const application = insertKycApplication(store, {
    ...person, status: 'CREATED', accessType,
    urlOnComplete: urlOnComplete ?? null, urlOnFailure: urlOnFailure ?? null, expiresAt: now + ttlMs, creationDate: now,
  })
  mirrorOnConsumer(store, application, now)
  mirrorOnRelated(store, application, now)
  const ttl = formatIsoDuration(ttlMs)
  if (accessType === 'SDK') {
    // SIM: the SDK token is opaque and the SDK flow is finished through POST /_sim/kyc/{kycId}/complete.
    return { kind: 'SDK', application, token: store.rng.secret(32), kycApiUrl: `${origin}/_sim/kyc`, flowName: application.type, ttl }
  }
  openWebPage(store, { id: application.id, partnerId: person.partnerId, kind: 'KYC', resourceId: application.id, expiresAt: application.expiresAt!, createdAt: now })
  return { kind: 'LINK', application, url: kycLinkUrl(origin, application.id), ttl }
}

/** What a new application is given; the rest defaults to a FULL_KYC application of a consumer, without reason, URLs, expiry nor identity. */
export type NewKycApplication = Pick<KycApplicationRow, 'partnerId' | 'personId' | 'status' | 'accessType' | 'creationDate'> & Partial<KycApplicationRow>

/** Inserts a KYC application (a new id unless one is given; updateDate defaults to creationDate). */
export function insertKycApplication(store: Store, fields: NewKycApplication): KycApplicationRow {
  const row: KycApplicationRow = {
    id: fields.id ?? store.rng.uuid(), personType: 'CONSUMER', statusReason: null, type: 'FULL_KYC', urlOnComplete: null,
    urlOnFailure: null, expiresAt: null, identity: {}, updateDate: fields.creationDate, ...fields,
  }
  store.db.insert(kycApplications).values(row).run()
  return row
}

/**
 * GET /kyc/{kycId} (Kyc_getApplication): one application of the caller's partner; an end-user sees
 * only its own (a corporate: those of its related persons, which it may open with POST /kyc).
 * Anything else is KYC_APPLICATION_NOT_FOUND. An expired link reads as ABORTED.
 */
export function getKycApplication(store: Store, scope: Scope, kycId: string): KycApplicationRow {
  const row = store.db.select().from(kycApplications).where(and(eq(kycApplications.partnerId, scope.partnerId), eq(kycApplications.id, kycId))).get()
  const visible = row && (!isEndUser(scope) || row.personId === scope.principal?.id
    || (row.personType === RELATED_PERSON_TYPE && findRelated(store, scope, row.personId) !== undefined))
  if (!row || !visible) throw new SimError('KYC_APPLICATION_NOT_FOUND', [kycId])
  return settleExpiry(store, row)
}

/** An application by id whatever its partner, as stored (not settled); or undefined. */
export function kycApplicationById(store: Store, kycId: string): KycApplicationRow | undefined {
  return store.db.select().from(kycApplications).where(eq(kycApplications.id, kycId)).get()
}

/** An application by id whatever its partner (hosted pages and control plane), settled; or undefined. */
export function findKycApplication(store: Store, kycId: string): KycApplicationRow | undefined {
  const row = kycApplicationById(store, kycId)
  return row && settleExpiry(store, row)
}

/**
 * Lazy expiry on the simulator clock: a CREATED application whose link or token has expired becomes
 * ABORTED (at its expiry instant), and so does its consumer's kycStatus if it is the current one.
 */
export function settleExpiry(store: Store, row: KycApplicationRow): KycApplicationRow {
  if (row.status !== 'CREATED' || row.expiresAt === null || row.expiresAt > store.clock.nowMs()) return row
  return setKycStatus(store, row, 'ABORTED', null, row.expiresAt)
}

/** Settles every due application of a partner (before a list filters on statuses). */
export function settlePartnerExpiries(store: Store, partnerId: string): void {
  const due = store.db
    .select()
    .from(kycApplications)
    .where(and(eq(kycApplications.partnerId, partnerId), eq(kycApplications.status, 'CREATED'), lte(kycApplications.expiresAt, store.clock.nowMs())))
    .all()
  for (const row of due) settleExpiry(store, row)
}

/**
 * Settles the consumer's current application and answers the consumer as it then is. Exported for
 * the consumer operations, so a consumer read after its link expired shows kycInfo.status ABORTED.
 */
export function settleConsumerKyc(store: Store, consumer: ConsumerRow): ConsumerRow {
  if (!consumer.kycApplicationId || consumer.kycStatus !== 'CREATED') return consumer
  const row = kycApplicationById(store, consumer.kycApplicationId)
  if (!row || settleExpiry(store, row) === row) return consumer
  return consumerById(store, consumer.id) ?? consumer
}

/**
 * Moves an application to a status (no lifecycle check: callers check) and mirrors it on its
 * consumer when it is the consumer's current application. A finished LINK page is closed.
 */
export function setKycStatus(store: Store, row: KycApplicationRow, status: KycStatus, reason: string | null, at = store.clock.nowMs()): KycApplicationRow {
  const next = { ...row, status, statusReason: reason, updateDate: at }
  store.db.update(kycApplications).set({ status, statusReason: reason, updateDate: at }).where(eq(kycApplications.id, row.id)).run()
  if (status !== 'CREATED') store.db.update(webPages).set({ status: 'DONE' }).where(and(eq(webPages.kind, 'KYC'), eq(webPages.resourceId, row.id))).run()
  const consumer = consumerById(store, row.personId)
  if (consumer && consumer.kycApplicationId === row.id) mirrorOnConsumer(store, next, at)
  const related = row.personType === 'CONSUMER' ? undefined : relatedById(store, row.personId)
  if (related && related.kycApplicationId === row.id) mirrorOnRelated(store, next, at)
  return next
}

/**
 * Makes `application` the consumer's current KYC: kycApplicationId / kycStatus / kycUpdatedAt and
 * the status axes that follow the KYC. SIM: a FORBIDDEN, CLOSING or CLOSED linkcyStatus is kept.
 */
export function mirrorOnConsumer(store: Store, application: KycApplicationRow, at: number): void {
  if (application.personType !== 'CONSUMER') return
  const consumer = consumerById(store, application.personId)
  if (!consumer) return
  const statuses = statusesForIdentity(application.status as KycStatus)
  const keepLinkcy = ['FORBIDDEN', 'CLOSING', 'CLOSED'].includes(consumer.linkcyStatus)
  setConsumerColumns(store, consumer.id, {
    kycApplicationId: application.id,
    kycStatus: application.status,
    kycStatusReason: application.statusReason,
    kycType: application.type,
    kycUpdatedAt: at,
    ...statuses,
    ...(keepLinkcy ? { linkcyStatus: consumer.linkcyStatus } : {}),
  }, at)
  if (application.status !== consumer.kycStatus || application.id !== consumer.kycApplicationId) emitEvent(store, consumer.partnerId, consumerKycEvent(application.status), { id: consumer.id, kycId: application.id, kycStatus: application.status })
}

/** Identity data of an application, merged with what was known before (later values win). */
export function mergeIdentity(before: KycIdentity, after: KycIdentity): KycIdentity {
  return { ...before, ...definedOnly(after) }
}
