import { eq } from 'drizzle-orm'
import { consumers, kycApplications } from './db/schema'
import type { ConsumerProfile } from './db/tables/consumers'
import type { KycIdentity } from './db/tables/kyc'
import type { KycStatus } from './enums'
import { mergeIdentity, mirrorOnConsumer, setKycStatus, settleConsumerKyc, type KycApplicationRow } from './kyc'
import type { ConsumerRow } from './persons'
import type { Scope } from './scope'
import type { Store } from './store'
import { KYC_UNFINISHED } from './transitions'
import { verificationTarget } from './verifications'

// Sandbox POST /kyc/simulate: LinkCy's shortcut that puts a person's KYC straight into a status,
// with the identity the KYC would have collected. No lifecycle check: it is a jump by design.

type Nullable<T> = { [K in keyof T]?: T[K] | null }

/** The identity fields of kyc/simulate (null reads as absent); the address is a European address. */
export interface SimulatedIdentity extends Nullable<Omit<KycIdentity, 'address'>> {
  address?: {
    isoCountryCode: string; city: string; postalCode: string; street: string
    number?: string | null; refinement?: string | null; stateOrProvince?: string | null; bypassVerification?: boolean | null
  } | null
}

export interface KycSimulateRequest extends SimulatedIdentity {
  consumerId?: string | null
  relatedPhysicalPersonId?: string | null
  kycStatus: KycStatus
}

/**
 * POST /kyc/simulate (Sandbox_simulateKyc): moves the person's unfinished application to
 * `kycStatus`, or opens a new one in it, and writes the identity onto the application and the consumer.
 * SIM: no phone-verified, suspended or forbidden precondition (sandbox shortcut).
 */
export function simulateKyc(store: Store, scope: Scope, req: KycSimulateRequest): { application: KycApplicationRow; consumerId: string } {
  const consumer = verificationTarget(store, scope, { consumerId: req.consumerId ?? undefined, relatedPhysicalPersonId: req.relatedPhysicalPersonId ?? undefined })
  const { consumerId: _c, relatedPhysicalPersonId: _r, kycStatus, ...identity } = req
  return { application: simulateConsumerKyc(store, consumer, kycStatus, identity), consumerId: consumer.id }
}

/**
 * The effect of kyc/simulate on one consumer (also usable by scenario seeding): the current
 * application if unfinished, else a new SIMULATED one, put in `status` with `identity` recorded.
 */
export function simulateConsumerKyc(store: Store, consumer: ConsumerRow, status: KycStatus, identity: SimulatedIdentity): KycApplicationRow {
  const now = store.clock.nowMs()
  const settled = settleConsumerKyc(store, consumer)
  const current = settled.kycApplicationId
    ? store.db.select().from(kycApplications).where(eq(kycApplications.id, settled.kycApplicationId)).get()
    : undefined
  const stored = storedIdentity(identity)
  let application: KycApplicationRow
  if (current && KYC_UNFINISHED.includes(current.status as KycStatus)) {
    const merged = mergeIdentity(current.identity, stored)
    store.db.update(kycApplications).set({ identity: merged, expiresAt: null }).where(eq(kycApplications.id, current.id)).run()
    application = setKycStatus(store, { ...current, identity: merged, expiresAt: null }, status, null, now)
  } else {
    application = {
      id: store.rng.uuid(), partnerId: consumer.partnerId, personId: consumer.id, personType: 'CONSUMER', status, statusReason: null,
      type: 'FULL_KYC', accessType: 'SIMULATED', urlOnComplete: null, urlOnFailure: null, expiresAt: null, identity: stored,
      creationDate: now, updateDate: now,
    }
    store.db.insert(kycApplications).values(application).run()
    mirrorOnConsumer(store, application, now)
  }
  applyIdentityToConsumer(store, consumer.id, stored, now)
  return application
}

/**
 * Writes what a KYC established onto the consumer: names and e-mail columns, and the profile's
 * gender, birth data, nationality and address. A changed e-mail address is no longer verified.
 */
export function applyIdentityToConsumer(store: Store, consumerId: string, identity: KycIdentity, at: number): void {
  const consumer = store.db.select().from(consumers).where(eq(consumers.id, consumerId)).get()
  if (!consumer) return
  const { firstName, middleName, lastName, emailAddress, address, ...rest } = identity
  const profile: ConsumerProfile = { ...consumer.profile }
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) Object.assign(profile, { [key]: value })
  if (address) profile.address = address as ConsumerProfile['address']
  const emailChanged = emailAddress !== undefined && emailAddress !== consumer.emailAddress
  store.db
    .update(consumers)
    .set({
      ...(firstName !== undefined ? { firstName } : {}),
      ...(middleName !== undefined ? { middleName } : {}),
      ...(lastName !== undefined ? { lastName } : {}),
      ...(emailChanged ? { emailAddress, emailVerifiedAt: null } : {}),
      profile,
      updateDate: at,
    })
    .where(eq(consumers.id, consumerId))
    .run()
}

/**
 * The identity as stored: the address gets its status (VALID; VERIFIED when the caller asked to
 * bypass the address verification) and loses the request-only bypassVerification flag.
 */
function storedIdentity(identity: SimulatedIdentity): KycIdentity {
  const present = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null))
  const { address, ...rest } = identity
  const out: KycIdentity = present(rest)
  if (address) {
    const { bypassVerification, ...fields } = address
    out.address = { ...present(fields), status: bypassVerification ? 'VERIFIED' : 'VALID' }
  }
  return out
}
