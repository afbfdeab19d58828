import { and, desc, eq, sql } from 'drizzle-orm'
import { phoneVerifications } from './db/schema'
import { SimError, ValidationError } from './errors'
import { recordMessage } from './outbox'
import { getPartner, partnerSettings } from './partners'
import type { Scope } from './scope'
import type { Store } from './store'
import { setVerifiedAt, verifiablePerson, type PersonTarget, type VerifiablePerson } from './verifications'
import { consumerData, emitEvent } from './webhooks'

// Phone verification: LinkCy sends a 6-digit code by SMS (valid 10 minutes, 5 attempts); verifying
// it marks the person's phone (a consumer's, or a corporate-related person's) as verified, which a
// consumer's KYC requires. The sandbox code is always 123456.

export type PhoneVerificationRow = typeof phoneVerifications.$inferSelect

/** Lifetime of a phone code, on the simulator clock ("valid for 10 minutes"). */
export const PHONE_CODE_TTL_MS = 10 * 60_000
/** Wrong codes accepted before the code is spent ("the consumer has 5 attempts"). */
export const PHONE_CODE_ATTEMPTS = 5
/** The ttl LinkCy answers to a send. */
export const PHONE_CODE_TTL = 'PT10M'

/** The newest code sent to this person (any status), or undefined. */
export function latestPhoneVerification(store: Store, partnerId: string, personId: string): PhoneVerificationRow | undefined {
  return store.db
    .select()
    .from(phoneVerifications)
    .where(and(eq(phoneVerifications.partnerId, partnerId), eq(phoneVerifications.personId, personId)))
    .orderBy(desc(sql`rowid`))
    .get()
}

/** Whether a code can still be used: pending, not expired, attempts left, and sent to the current phone. */
function isActive(row: PhoneVerificationRow, phoneDigits: string, now: number): boolean {
  return row.status === 'PENDING' && row.attemptsLeft > 0 && row.expiresAt > now && row.phoneDigits === phoneDigits
}

/**
 * The person (consumer or corporate-related person) a phone operation targets, whose phone must not
 * be verified yet (PHONE_ALREADY_VERIFIED). SIM: a related person declared without a phone is a 400.
 */
function phoneToVerify(store: Store, scope: Scope, target: PersonTarget): VerifiablePerson & { phoneDigits: string } {
  const person = verifiablePerson(store, scope, target)
  if (person.phoneDigits === null) throw new ValidationError([{ field: 'relatedPhysicalPersonId', rejectedValue: person.id, message: 'phone must not be null' }])
  if (person.phoneVerifiedAt !== null) throw new SimError('PHONE_ALREADY_VERIFIED', [person.id])
  return { ...person, phoneDigits: person.phoneDigits }
}

/**
 * POST /verifications/phone/send: creates a code and "sends" it (an SMS in the outbox). Refused when
 * the phone is already verified or a usable code is still active (send again once it expired or was
 * spent by 5 wrong attempts).
 */
export function sendPhoneVerification(store: Store, scope: Scope, target: PersonTarget): { ttl: string; code: string } {
  const person = phoneToVerify(store, scope, target)
  const now = store.clock.nowMs()
  const latest = latestPhoneVerification(store, scope.partnerId, person.id)
  if (latest && isActive(latest, person.phoneDigits, now)) throw new SimError('PHONE_CODE_STILL_ACTIVE', [person.id])

  const partner = getPartner(store, scope.partnerId)
  const code = partnerSettings(partner).phoneCode
  store.db
    .update(phoneVerifications)
    .set({ status: 'REPLACED' })
    .where(and(eq(phoneVerifications.personId, person.id), eq(phoneVerifications.status, 'PENDING')))
    .run()
  store.db
    .insert(phoneVerifications)
    .values({
      id: store.rng.uuid(), partnerId: scope.partnerId, personId: person.id, phoneDigits: person.phoneDigits, code,
      attemptsLeft: PHONE_CODE_ATTEMPTS, status: 'PENDING', expiresAt: now + PHONE_CODE_TTL_MS, createdAt: now,
    })
    .run()
  recordMessage(store, {
    partnerId: scope.partnerId, channel: 'SMS', recipient: `+${person.phoneDigits}`, personId: person.id, purpose: 'PHONE_VERIFICATION',
    text: `Your ${partner.displayName ?? partner.name} verification code is: ${code}`, payload: { code },
  })
  return { ttl: PHONE_CODE_TTL, code }
}

/**
 * POST /verifications/phone/verify: checks the code and marks the phone verified. A wrong code costs
 * an attempt even though the call fails, so that refusal is RETURNED (and committed by the caller's
 * transaction) for the route to throw; every other refusal is thrown and leaves no trace.
 * No code (or a spent or replaced one, or one sent to a previous phone) → PHONE_CODE_MUST_BE_SENT.
 */
export function verifyPhoneCode(store: Store, scope: Scope, target: PersonTarget, code: string): SimError | undefined {
  const person = phoneToVerify(store, scope, target)
  const now = store.clock.nowMs()
  const latest = latestPhoneVerification(store, scope.partnerId, person.id)
  if (!latest || latest.status !== 'PENDING' || latest.attemptsLeft <= 0 || latest.phoneDigits !== person.phoneDigits) {
    throw new SimError('PHONE_CODE_MUST_BE_SENT')
  }
  if (latest.expiresAt <= now) throw new SimError('PHONE_CODE_HAS_EXPIRED')

  if (latest.code !== code) {
    const attemptsLeft = latest.attemptsLeft - 1
    store.db
      .update(phoneVerifications)
      .set({ attemptsLeft, status: attemptsLeft > 0 ? 'PENDING' : 'EXHAUSTED' })
      .where(eq(phoneVerifications.id, latest.id))
      .run()
    return new SimError('INVALID_PHONE_CODE', [], { field: 'code', rejectedValue: code })
  }
  store.db.update(phoneVerifications).set({ status: 'USED' }).where(eq(phoneVerifications.id, latest.id)).run()
  setVerifiedAt(store, person, { phoneVerifiedAt: now }, now)
  if (person.consumer) emitEvent(store, person.partnerId, 'CONSUMER_UPDATED', consumerData(person.consumer))
  return undefined
}
