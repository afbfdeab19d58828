import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { seedConsumer as seedScenarioConsumer } from '../../src/scenarios/seed-consumers'
import { ConsumerSeedSchema } from '../../src/scenarios/schema'
import type { StoredAddress } from '../../src/state/addresses'
import { upsertCredential } from '../../src/state/auth'
import { consumers, partners } from '../../src/state/db/schema'
import type { ConsumerRow } from '../../src/state/persons'
import { tx } from '../../src/state/store'
import type { TestWorld } from './app'

// Consumers for the route tests: rows inserted straight into the database (independent of the
// consumer routes), consumers seeded as a scenario declares them, and their end-user logins.

export const CONSUMERS = '/api/partner/consumers'
export const MISSING_ID = '00000000-0000-4000-8000-000000000000'
/** The password the helpers give consumers they log in. */
export const CONSUMER_PASSWORD = 'Consumer-Password-1'

export interface ConsumerOptions extends Partial<ConsumerRow> {
  /** The partner, by scenario name (default sandbox); a `partnerId` column wins. */
  partner?: string
  /** The phone as digits, country code first ('33612345678'); default a fresh French mobile. */
  phone?: string
  /** Whether the phone is verified (default not, as LinkCy creates a consumer). */
  phoneVerified?: boolean
  /** Whether the e-mail address is verified (default not). */
  emailVerified?: boolean
  /** The declared address (stored in the profile). */
  address?: StoredAddress
}

let phoneSeq = 0

/**
 * Inserts a consumer row as POST /consumers with only a phone leaves it (no names, no e-mail, phone
 * not verified, KYC NOT_STARTED), with `options` on top. A new id unless one is given.
 */
export function insertConsumer(w: TestWorld, options: ConsumerOptions = {}): ConsumerRow {
  const { partner = 'sandbox', phone, phoneVerified = false, emailVerified = false, address, ...columns } = options
  const id = columns.id ?? w.store.rng.uuid()
  const now = w.store.clock.nowMs()
  const phoneDigits = phone ?? `336${String(10_000_000 + ++phoneSeq).slice(-8)}`
  const row: ConsumerRow = {
    id, partnerId: w.loaded.partners[partner]!.id, firstName: null, middleName: null, lastName: null,
    phoneCountryCode: phoneDigits.slice(0, 2), phoneNumber: phoneDigits.slice(2), phoneDigits, phoneVerifiedAt: phoneVerified ? now : null,
    emailAddress: null, emailVerifiedAt: emailVerified ? now : null, lastTermsAccepted: null, profile: address ? { address } : {},
    kycApplicationId: null, kycStatus: 'NOT_STARTED', kycStatusReason: null, kycType: 'FULL_KYC', kycUpdatedAt: null,
    bankingStatus: 'NOT_CREATED', linkcyStatus: 'PENDING', complianceStatus: 'PENDING', suspensionStatus: 'NOT_SUSPENDED',
    statusReasons: {}, creationDate: now, updateDate: now,
    ...columns,
  }
  tx(w.store, () => w.store.db.insert(consumers).values(row).run())
  return row
}

/** The consumer row as stored now. */
export function consumerRow(w: TestWorld, id: string): ConsumerRow {
  return w.store.db.select().from(consumers).where(eq(consumers.id, id)).get()!
}

/** Seeds a consumer of a default partner directly in state, as a scenario would (faker fills the rest). */
export function seedConsumer(
  w: TestWorld,
  fields: Record<string, unknown> = {},
  partner: 'sandbox' | 'other-sandbox' = 'sandbox',
  timeline?: { creationDate: number; updateDate: number },
): string {
  const partnerId = w.loaded.partners[partner]!.id
  return tx(w.store, () => seedScenarioConsumer(w.store, partnerId, ConsumerSeedSchema.parse(fields), timeline))
}

/** Creates a consumer through the API and returns its id (asserting the 201). */
export async function createConsumer(w: TestWorld, body: Record<string, unknown>, token?: string): Promise<string> {
  const res = await w.call('POST', CONSUMERS, { body, token })
  expect(res.status, await res.clone().text()).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** GET /consumers/{id} as the given caller, asserting 200. */
export async function getConsumer(w: TestWorld, id: string, token: string): Promise<Record<string, any>> {
  const res = await w.call('GET', `${CONSUMERS}/${id}`, { token })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Record<string, any>
}

/** POST /login as a consumer, asserting 200: its token and end-user id. */
async function loginConsumer(w: TestWorld, partnerName: string, phoneDigits: string, password: string): Promise<{ token: string; endUserId: string }> {
  const res = await w.call('POST', '/api/partner/login', { body: { partnerName, consumerPhone: phoneDigits, password } })
  expect(res.status, `consumer login: ${await res.clone().text()}`).toBe(200)
  return (await res.json()) as { token: string; endUserId: string }
}

/** Gives an inserted consumer a password and logs it in: an end-user (CONSUMER) access token. */
export async function consumerToken(w: TestWorld, consumer: { id: string; phoneDigits: string }): Promise<string> {
  const partnerId = consumerRow(w, consumer.id).partnerId
  const partnerName = w.store.db.select().from(partners).all().find((p) => p.id === partnerId)!.name
  tx(w.store, () => upsertCredential(w.store, { partnerId, kind: 'CONSUMER', principalId: consumer.id, login: consumer.phoneDigits, password: CONSUMER_PASSWORD }))
  return (await loginConsumer(w, partnerName, consumer.phoneDigits, CONSUMER_PASSWORD)).token
}

/** Seeds a sandbox consumer who can log in with this French number, logs it in: its id and end-user token. */
export async function consumerLogin(w: TestWorld, number: string, password = CONSUMER_PASSWORD): Promise<{ id: string; token: string }> {
  const id = seedConsumer(w, { phone: { countryCode: '33', number }, password })
  const body = await loginConsumer(w, 'sandbox', `33${number}`, password)
  expect(body.endUserId).toBe(id)
  return { id, token: body.token }
}
