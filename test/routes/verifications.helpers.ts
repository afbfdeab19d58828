import { expect } from 'vitest'
import { eq } from 'drizzle-orm'
import { consumers, partners, type ConsumerProfile } from '../../src/state/db/schema'
import { upsertCredential } from '../../src/state/auth'
import { tx } from '../../src/state/store'
import { errorBody, type TestWorld } from '../helpers/app'

// Helpers of the verification and Additional tests: consumers inserted straight into the database
// (independent of the consumer routes), end-user tokens, and exact LinkCy error assertions.

let phoneCounter = 0

export interface ConsumerFixture {
  partnerId?: string
  emailAddress?: string | null
  phoneVerified?: boolean
  emailVerified?: boolean
  address?: ConsumerProfile['address']
}

/** Inserts a consumer row (NOT_STARTED, unverified unless asked) and answers its id and phone digits. */
export function insertConsumer(w: TestWorld, fixture: ConsumerFixture = {}): { id: string; phoneDigits: string } {
  const store = w.store
  const number = `6${String(10_000_000 + ++phoneCounter).slice(-8)}`
  const phoneDigits = `33${number}`
  const now = store.clock.nowMs()
  const id = tx(store, () => {
    const consumerId = store.rng.uuid()
    store.db
      .insert(consumers)
      .values({
        id: consumerId, partnerId: fixture.partnerId ?? w.loaded.partners.sandbox!.id, firstName: 'Ada', lastName: 'Lovelace',
        phoneCountryCode: '33', phoneNumber: number, phoneDigits,
        phoneVerifiedAt: fixture.phoneVerified ? now : null,
        emailAddress: fixture.emailAddress === undefined ? `ada.${phoneCounter}@example.test` : fixture.emailAddress,
        emailVerifiedAt: fixture.emailVerified ? now : null,
        profile: fixture.address ? { address: fixture.address } : {},
        kycStatus: 'NOT_STARTED', kycType: 'FULL_KYC', bankingStatus: 'NOT_CREATED', linkcyStatus: 'PENDING',
        complianceStatus: 'PENDING', suspensionStatus: 'NOT_SUSPENDED', statusReasons: {}, creationDate: now, updateDate: now,
      })
      .run()
    return consumerId
  })
  return { id, phoneDigits }
}

/** Gives the consumer a password and logs it in: an end-user (CONSUMER) access token. */
export async function consumerToken(w: TestWorld, consumer: { id: string; phoneDigits: string }): Promise<string> {
  const partnerId = consumerRow(w, consumer.id).partnerId
  const partnerName = w.store.db.select().from(partners).all().find((p) => p.id === partnerId)!.name
  tx(w.store, () => upsertCredential(w.store, { partnerId, kind: 'CONSUMER', principalId: consumer.id, login: consumer.phoneDigits, password: 'Consumer-Password-1' }))
  const res = await w.call('POST', '/api/partner/login', { body: { partnerName, consumerPhone: consumer.phoneDigits, password: 'Consumer-Password-1' } })
  if (res.status !== 200) throw new Error(`consumer login failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

/** The consumer row as stored now. */
export function consumerRow(w: TestWorld, id: string) {
  return w.store.db.select().from(consumers).where(eq(consumers.id, id)).get()!
}

const KIND: Record<number, string> = { 400: 'linkcy.bad.request', 404: 'linkcy.not.found', 409: 'linkcy.conflict' }

/**
 * Asserts LinkCy's exact business error body: 404/409 `{errorCode, message, error, status, timestamp}`,
 * 400 `{details:[{field, rejectedValue, message}], errorCode, error, status, timestamp}`.
 */
export async function expectError(
  res: Response,
  status: 400 | 404 | 409,
  errorCode: string,
  message: string,
  detail?: { field: string; rejectedValue: string },
): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status)
  const body = await errorBody(res)
  const { timestamp: _t, ...rest } = body
  if (status === 400) {
    expect(rest).toEqual({ details: [{ field: detail?.field ?? expect.any(String), rejectedValue: detail?.rejectedValue ?? expect.any(String), message }], errorCode, error: KIND[400], status })
  } else {
    expect(rest).toEqual({ errorCode, message, error: KIND[status], status })
  }
  return body
}

/** Messages of the outbox for a person, newest first (GET /_sim/outbox). */
export async function outboxOf(w: TestWorld, personId: string): Promise<Array<Record<string, string>>> {
  const res = await w.call('GET', `/_sim/outbox?personId=${personId}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { content: Array<Record<string, string>> }).content
}
