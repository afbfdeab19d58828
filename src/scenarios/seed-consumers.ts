import type { Faker } from '@faker-js/faker'
import { upsertCredential } from '../state/auth'
import { insertConsumer, phoneDigitsOf, type PhoneInput } from '../state/consumers'
import type { ConsumerProfile, KycIdentity } from '../state/db/schema'
import { SimError } from '../state/errors'
import { insertKycApplication } from '../state/kyc'
import { getPartner, partnerSettings } from '../state/partners'
import { consumerByPhone } from '../state/persons'
import type { Store } from '../state/store'
import { ScenarioError } from './scenario-error'
import { ConsumerSeedSchema, type ConsumerSeed } from './schema'

// Consumers declared by a scenario, created directly in the declared state (verified phone, KYC
// status, ...), with faker filling whatever the scenario left out. Same seed, same consumers.

const DAY_MS = 24 * 3600_000

interface Timeline {
  creationDate: number
  updateDate: number
}

/**
 * Creates a consumer in the state a scenario declares. Unspecified status axes follow its KYC status;
 * a started KYC implies a verified phone (LinkCy requires it) and gets a simulated KYC application.
 */
export function seedConsumer(store: Store, partnerId: string, seed: ConsumerSeed, timeline?: Timeline): string {
  const fake = store.rng.fake()
  const now = store.clock.nowMs()
  const { creationDate, updateDate } = timeline ?? { creationDate: now, updateDate: now }
  const sex = seed.firstName ? sexOfName(fake, seed.firstName) : fake.helpers.arrayElement(['female', 'male'] as const)
  const firstName = seed.firstName ?? fake.person.firstName(sex)
  const lastName = seed.lastName ?? fake.person.lastName()
  const phone = seed.phone ?? freeMobile(store, partnerId, fake)
  const emailAddress = seed.emailAddress ?? fakeEmail(fake, firstName, lastName)
  const kycStarted = seed.kycStatus !== 'NOT_STARTED'
  const identity = fakeIdentity(fake, sex, now)
  const kycApplicationId = kycStarted ? store.rng.uuid() : null
  const phoneVerifiedAt = seed.phoneVerified || kycStarted ? Math.min(creationDate + 5 * 60_000, updateDate) : null

  let id: string
  try {
    id = insertConsumer(store, {
      partnerId,
      phone,
      firstName,
      lastName,
      emailAddress,
      externalId: seed.externalId,
      lastTermsAccepted: partnerSettings(getPartner(store, partnerId)).termsVersion,
      // Once validated, the identity collected by the KYC is the consumer's.
      profileExtras: seed.kycStatus === 'VALIDATED' ? identity : {},
      kycStatus: seed.kycStatus,
      kycApplicationId,
      kycUpdatedAt: kycStarted ? updateDate : undefined,
      statuses: {
        ...(seed.bankingStatus ? { bankingStatus: seed.bankingStatus } : {}),
        ...(seed.linkcyStatus ? { linkcyStatus: seed.linkcyStatus } : {}),
        ...(seed.complianceStatus ? { complianceStatus: seed.complianceStatus } : {}),
        suspensionStatus: seed.suspensionStatus,
      },
      phoneVerifiedAt,
      emailVerifiedAt: seed.emailVerified ? updateDate : null,
      creationDate,
      updateDate,
    }).id
  } catch (error) {
    if (error instanceof SimError) {
      throw new ScenarioError([{ path: `consumers[${seed.ref ?? phoneDigitsOf(phone)}]`, message: error.message }])
    }
    throw error
  }
  if (kycApplicationId) {
    insertKycApplication(store, {
      id: kycApplicationId,
      partnerId,
      personId: id,
      status: seed.kycStatus,
      accessType: 'SIMULATED',
      identity: { firstName, lastName, emailAddress, ...identity } satisfies KycIdentity,
      creationDate: phoneVerifiedAt ?? creationDate,
      updateDate,
    })
  }
  if (seed.password) {
    upsertCredential(store, { partnerId, kind: 'CONSUMER', principalId: id, login: phoneDigitsOf(phone), password: seed.password })
  }
  return id
}

/** The sex a given first name suggests (faker's name lists), so a seeded Alice is not declared MALE. */
function sexOfName(fake: Faker, firstName: string): 'female' | 'male' {
  const names = fake.rawDefinitions.person?.first_name as { female?: string[]; male?: string[] } | undefined
  if (names?.female?.includes(firstName)) return 'female'
  if (names?.male?.includes(firstName)) return 'male'
  return fake.helpers.arrayElement(['female', 'male'] as const)
}

/** A French mobile number (+33 6/7 ........) not yet used by this partner's consumers. */
function freeMobile(store: Store, partnerId: string, fake: Faker): PhoneInput {
  for (;;) {
    const phone = { countryCode: '33', number: fake.helpers.arrayElement(['6', '7']) + fake.string.numeric(8) }
    if (!consumerByPhone(store, partnerId, phoneDigitsOf(phone))) return phone
  }
}

function fakeEmail(fake: Faker, firstName: string, lastName: string): string {
  return fake.internet.email({ firstName, lastName, provider: fake.helpers.arrayElement(['example.fr', 'example.com', 'example.org']) }).toLowerCase()
}

function fakeIdentity(fake: Faker, sex: 'female' | 'male', now: number): Partial<ConsumerProfile> & KycIdentity {
  const address = {
    isoCountryCode: 'FRA',
    city: fake.location.city(),
    postalCode: fake.location.zipCode('#####'),
    street: fake.location.street(),
    number: fake.location.buildingNumber(),
    status: 'VALID' as const,
  }
  return {
    gender: sex === 'female' ? 'FEMALE' : 'MALE',
    birthDate: fake.date.birthdate({ mode: 'age', min: 18, max: 75, refDate: now }).toISOString().slice(0, 10),
    birthCity: fake.location.city(),
    birthIsoCountryCode: 'FRA',
    nationalityCode: 'FRA',
    address,
  }
}

/** The onboarding states random consumers cycle through: a believable funnel of 20. */
const MIX: Partial<ConsumerSeed>[] = [
  {}, {}, {}, {},
  { phoneVerified: true }, { phoneVerified: true }, { phoneVerified: true },
  { kycStatus: 'CREATED' }, { kycStatus: 'CREATED' },
  { kycStatus: 'PROCESSING' }, { kycStatus: 'PROCESSING' },
  { kycStatus: 'PENDING_REVIEW' },
  { kycStatus: 'VALIDATED', emailVerified: true }, { kycStatus: 'VALIDATED', emailVerified: true },
  { kycStatus: 'VALIDATED', emailVerified: true }, { kycStatus: 'VALIDATED', emailVerified: true },
  { kycStatus: 'VALIDATED' },
  { kycStatus: 'DECLINED' },
  { kycStatus: 'ABORTED' },
  { kycStatus: 'VALIDATED', emailVerified: true, suspensionStatus: 'SUSPENDED' },
]

/**
 * Adds `count` faker consumers in varied onboarding states, created over the last 90 days (demos,
 * list paging). Ids are answered under 'random-<i>'.
 */
export function seedRandomConsumers(store: Store, partnerId: string, count: number): Record<string, string> {
  const ids: Record<string, string> = {}
  const now = store.clock.nowMs()
  for (let i = 0; i < count; i++) {
    const state = MIX[(i * 7) % MIX.length]!
    const creationDate = now - store.rng.int(1, 90 * DAY_MS)
    const updateDate = state.kycStatus || state.phoneVerified ? store.rng.int(creationDate, now) : creationDate
    ids[`random-${i}`] = seedConsumer(store, partnerId, ConsumerSeedSchema.parse(state), { creationDate, updateDate })
  }
  return ids
}
