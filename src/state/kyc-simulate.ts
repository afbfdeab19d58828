import { eq } from 'drizzle-orm'
import { storedAddress, type AddressInput } from './addresses'
import { kycApplications } from './db/schema'
import type { ConsumerProfile } from './db/tables/consumers'
import type { KycIdentity } from './db/tables/kyc'
import type { KycStatus } from './enums'
import { insertKycApplication, kycApplicationById, mergeIdentity, mirrorOnConsumer, setKycStatus, settleConsumerKyc, type KycApplicationRow } from './kyc'
import { compact, definedOnly } from './objects'
import { consumerById, setConsumerColumns, type ConsumerRow } from './persons'
import type { Scope } from './scope'
import type { Store } from './store'
import { KYC_UNFINISHED } from './transitions'
import { verificationTarget } from './verifications'
import { getRelatedPerson, simulateRelatedKyc, targetsRelatedPerson } from './kyc-related'

// Sandbox POST /kyc/simulate: LinkCy's shortcut that puts a person's KYC straight into a status,
// with the identity the KYC would have collected. No lifecycle check: it is a jump by design.

type Nullable<T> = { [K in keyof T]?: T[K] | null }

/** The identity fields of kyc/simulate (null reads as absent); the address is a European address. */
export interface SimulatedIdentity extends Nullable<Omit<KycIdentity, 'address'>> {
  address?: AddressInput | null
}

export interface KycSimulateRequest extends SimulatedIdentity {
  consumerId?: string | null
  relatedPhysicalPersonId?: string | null
  kycStatus: KycStatus
}

/**
 * POST /kyc/simulate (Sandbox_simulateKyc): moves the person's unfinished application to
 * `kycStatus`, or opens a new one in it, and writes the identity onto the application and the person
 * (a consumer, or a corporate-related physical person: state/kyc-related.ts).
 * SIM: no phone-verified, suspended or forbidden precondition (sandbox shortcut).
 */
export function simulateKyc(store: Store, scope: Scope, req: KycSimulateRequest): KycSimulated {
  const target = { consumerId: req.consumerId ?? undefined, relatedPhysicalPersonId: req.relatedPhysicalPersonId ?? undefined }
  const { consumerId: _c, relatedPhysicalPersonId: _r, kycStatus, ...identity } = req
  if (targetsRelatedPerson(scope, target)) {
    const related = getRelatedPerson(store, scope, target.relatedPhysicalPersonId)
    return { application: simulateRelatedKyc(store, related, kycStatus, storedIdentity(identity)), relatedPhysicalPersonId: related.id }
  }
  const consumer = verificationTarget(store, scope, target)
  return { application: simulateConsumerKyc(store, consumer, kycStatus, identity), consumerId: consumer.id }
}

/** What kyc/simulate did: the application, and the consumer or the corporate-related person it is about. */
export type KycSimulated =
  | { application: KycApplicationRow; consumerId: string; relatedPhysicalPersonId?: undefined }
  | { application: KycApplicationRow; relatedPhysicalPersonId: string; consumerId?: undefined }

/**
 * The effect of kyc/simulate on one consumer (also usable by scenario seeding): the current
 * application if unfinished, else a new SIMULATED one, put in `status` with `identity` recorded.
 */
export function simulateConsumerKyc(store: Store, consumer: ConsumerRow, status: KycStatus, identity: SimulatedIdentity): KycApplicationRow {
  const now = store.clock.nowMs()
  const settled = settleConsumerKyc(store, consumer)
  const current = settled.kycApplicationId ? kycApplicationById(store, settled.kycApplicationId) : undefined
  const stored = storedIdentity(identity)
  let application: KycApplicationRow
  if (current && KYC_UNFINISHED.includes(current.status as KycStatus)) {
    const merged = mergeIdentity(current.identity, stored)
    store.db.update(kycApplications).set({ identity: merged, expiresAt: null }).where(eq(kycApplications.id, current.id)).run()
    application = setKycStatus(store, { ...current, identity: merged, expiresAt: null }, status, null, now)
  } else {
    application = insertKycApplication(store, { partnerId: consumer.partnerId, personId: consumer.id, status, accessType: 'SIMULATED', identity: stored, creationDate: now })
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
  const consumer = consumerById(store, consumerId)
  if (!consumer) return
  const { firstName, middleName, lastName, emailAddress, address, ...rest } = identity
  const profile: ConsumerProfile = { ...consumer.profile, ...definedOnly(rest) }
  if (address) profile.address = address
  const emailChanged = emailAddress !== undefined && emailAddress !== consumer.emailAddress
  setConsumerColumns(store, consumerId, {
    ...definedOnly({ firstName, middleName, lastName }),
    ...(emailChanged ? { emailAddress, emailVerifiedAt: null } : {}),
    profile,
  }, at)
}

/**
 * The identity as stored: the address gets its status (VALID; VERIFIED when the caller asked to
 * bypass the address verification) and loses the request-only bypassVerification flag.
 */
export function storedIdentity(identity: SimulatedIdentity): KycIdentity {
  const { address, ...rest } = identity
  const out: KycIdentity = compact(rest) as KycIdentity
  if (address) out.address = storedAddress(address)
  return out
}
