import { eq } from 'drizzle-orm'
import { consumers } from '../../src/state/db/schema'
import type { ConsumerRow } from '../../src/state/persons'
import { tx } from '../../src/state/store'
import type { TestWorld } from '../helpers/app'

// KYC tests build consumers straight in the database (the consumer routes are another resource).

let phoneSeq = 0

/** Inserts a consumer of `partner` (default sandbox) with a verified phone unless told otherwise. */
export function insertConsumer(w: TestWorld, overrides: Partial<ConsumerRow> & { partner?: string; verified?: boolean } = {}): ConsumerRow {
  const { partner = 'sandbox', verified = true, ...columns } = overrides
  const now = w.store.clock.nowMs()
  phoneSeq += 1
  const national = `6${String(10_000_000 + phoneSeq).slice(-8)}`
  const row: ConsumerRow = {
    id: w.store.rng.uuid(), partnerId: w.loaded.partners[partner]!.id, firstName: null, middleName: null, lastName: null,
    phoneCountryCode: '+33', phoneNumber: national, phoneDigits: `33${national}`, phoneVerifiedAt: verified ? now : null,
    emailAddress: null, emailVerifiedAt: null, lastTermsAccepted: null, profile: {}, kycApplicationId: null, kycStatus: 'NOT_STARTED',
    kycStatusReason: null, kycType: 'FULL_KYC', kycUpdatedAt: null, bankingStatus: 'NOT_CREATED', linkcyStatus: 'PENDING',
    complianceStatus: 'PENDING', suspensionStatus: 'NOT_SUSPENDED', statusReasons: {}, creationDate: now, updateDate: now,
    ...columns,
  }
  tx(w.store, () => w.store.db.insert(consumers).values(row).run())
  return row
}

/** The consumer row as stored now. */
export function readConsumer(w: TestWorld, id: string): ConsumerRow {
  return w.store.db.select().from(consumers).where(eq(consumers.id, id)).get()!
}

/** An end-user (CONSUMER) access token: the verification tests' helper, shared. */
export { consumerToken } from './verifications.helpers'

/** POST /kyc for a consumer as the sandbox partner; answers the HTTP response. */
export function requestKyc(w: TestWorld, token: string, body: Record<string, unknown>): Promise<Response> {
  return w.call('POST', '/api/partner/kyc', { token, body })
}
