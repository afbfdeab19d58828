import { z } from 'zod'
import { phoneDigitsOf, type PhoneInput } from '../state/consumers'
import { INDUSTRIES, KYB_STATUSES, LEGAL_TYPES } from '../state/corporate-enums'
import { corporateByPhone } from '../state/corporates'
import { insertCorporate } from '../state/corporates-create'
import { BANKING_STATUSES, COMPLIANCE_STATUSES, COUNTRY_CODES, EUROPEAN_COUNTRY_CODES, LINKCY_STATUSES, SUSPENSION_STATUSES } from '../state/enums'
import { SimError } from '../state/errors'
import { getPartner, partnerSettings } from '../state/partners'
import type { Store } from '../state/store'
import { ScenarioError } from './scenario-error'
import { LedgerSeedSchema, seedLedgers } from './seed-ledgers'
import { ScaDeviceSeedSchema, seedScaDevice } from './seed-sca'

// Corporates declared by a scenario (partners[].corporates), created directly in the declared state
// (KYB status, login, ledgers with balances and cards), with faker filling whatever the scenario
// left out. Same seed, same corporates.

/** partners[].corporates[].accountOwner: who logs in for the corporate. */
export const AccountOwnerSeedSchema = z.strictObject({
  firstName: z.string().max(255).optional(),
  lastName: z.string().max(255).optional(),
  phone: z.strictObject({ countryCode: z.string().regex(/^[0-9]{1,4}$/), number: z.string().regex(/^[0-9]{1,14}$/) }).optional(),
  emailAddress: z.string().email().optional(),
  /** Lets the account owner log in (accountOwnerPhone) with this password. */
  password: z.string().min(6).optional(),
  isDirector: z.boolean().default(true),
  directSharesPercentage: z.number().min(0).max(100).default(100),
})

/** partners[].corporates[]: a corporate in any KYB state. */
export const CorporateSeedSchema = z.strictObject({
  /** A name for this corporate inside the scenario; the loader answers its id under it. */
  ref: z.string().optional(),
  registeredName: z.string().max(255).optional(),
  tradeName: z.string().max(255).optional(),
  incorporationCountry: z.enum(COUNTRY_CODES).default('FRA'),
  incorporationCode: z.string().max(255).optional(),
  /** The legal type's value (e.g. FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS), without LinkCy's per-country wrapper; one of LinkCy's values (GET shows it). */
  legalType: z.enum(LEGAL_TYPES).optional(),
  industry: z.enum(INDUSTRIES).optional(),
  externalId: z.string().max(511).optional(),
  accountOwner: AccountOwnerSeedSchema.default({ isDirector: true, directSharesPercentage: 100 }),
  kybStatus: z.enum(KYB_STATUSES).default('NOT_STARTED'),
  bankingStatus: z.enum(BANKING_STATUSES).optional(),
  linkcyStatus: z.enum(LINKCY_STATUSES).optional(),
  complianceStatus: z.enum(COMPLIANCE_STATUSES).optional(),
  suspensionStatus: z.enum(SUSPENSION_STATUSES).default('NOT_SUSPENDED'),
  /** An SCA device already enrolled for the account owner (scenarios/seed-sca.ts). */
  scaDevice: ScaDeviceSeedSchema.optional(),
  /** Ledgers of this corporate, with balances, past transactions and cards (scenarios/seed-ledgers.ts). */
  ledgers: z.array(LedgerSeedSchema).default([]),
})

export type CorporateSeed = z.infer<typeof CorporateSeedSchema>

/**
 * Creates a corporate in the state a scenario declares: its account owner (a director holding its
 * direct shares unless told otherwise; KYC VALIDATED once the KYB is), its login, statuses following
 * the KYB unless given. Answers the corporate's id.
 */
export function seedCorporate(store: Store, partnerId: string, seed: CorporateSeed, path: string): string {
  const fake = store.rng.fake()
  const owner = seed.accountOwner
  const firstName = owner.firstName ?? fake.person.firstName()
  const lastName = owner.lastName ?? fake.person.lastName()
  const registeredName = seed.registeredName ?? `${fake.company.name()} SAS`.slice(0, 255)
  const country = seed.incorporationCountry
  const addressCountry = (EUROPEAN_COUNTRY_CODES as readonly string[]).includes(country) ? country : 'FRA'
  try {
    const { corporate } = insertCorporate(store, {
      partnerId,
      registeredName,
      tradeName: seed.tradeName,
      incorporationCountry: country,
      incorporationCode: seed.incorporationCode ?? fake.string.numeric(14),
      legalType: seed.legalType ?? (country === 'FRA' ? 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS' : undefined),
      industry: seed.industry ?? fake.helpers.arrayElement(['IT_SERVICES', 'CONSTRUCTION', 'FOOD_RESTAURANT_CATERING', 'ECOMMERCE_TRADER_FOR_GENERAL_GOODS'] as const),
      externalId: seed.externalId,
      registeredAddress: {
        isoCountryCode: addressCountry, city: fake.location.city(), postalCode: fake.location.zipCode('#####'),
        street: fake.location.street(), number: fake.location.buildingNumber(),
      },
      expectedMonthlyExpenses: { value: 'BTW_10_000_AND_50_000', currency: 'EUR' },
      employeesRange: 'BTW_1_AND_10',
      accountPurposes: ['PAY_BILLS'],
      lastTermsAccepted: partnerSettings(getPartner(store, partnerId)).termsVersion,
      accountOwnerInfo: {
        firstName, lastName, isDirector: owner.isDirector, directSharesPercentage: owner.directSharesPercentage,
        emailAddress: owner.emailAddress ?? fake.internet.email({ firstName, lastName, provider: 'example.com' }).toLowerCase(),
        phone: owner.phone ?? freeMobile(store, partnerId),
      },
      kybStatus: seed.kybStatus,
      accountOwnerKycStatus: seed.kybStatus === 'VALIDATED' ? 'VALIDATED' : undefined,
      statuses: {
        ...(seed.bankingStatus ? { bankingStatus: seed.bankingStatus } : {}),
        ...(seed.linkcyStatus ? { linkcyStatus: seed.linkcyStatus } : {}),
        ...(seed.complianceStatus ? { complianceStatus: seed.complianceStatus } : {}),
        suspensionStatus: seed.suspensionStatus,
      },
      password: owner.password,
      phoneVerifiedAt: store.clock.nowMs(),
    })
    if (seed.scaDevice) seedScaDevice(store, partnerId, corporate.id, seed.scaDevice)
    return corporate.id
  } catch (error) {
    if (error instanceof SimError) throw new ScenarioError([{ path, message: error.message }])
    throw error
  }
}

/**
 * Seeds a partner's declared corporates with their ledgers and cards; answers the corporates' ids by
 * ref (or index) and adds their ledgers' and cards' ids to `ledgerIds` and `cardIds`.
 */
export function seedCorporates(
  store: Store, partnerId: string, seeds: CorporateSeed[], path: string, ledgerIds: Record<string, string>, cardIds: Record<string, string>,
): Record<string, string> {
  const ids: Record<string, string> = {}
  seeds.forEach((seed, i) => {
    const ref = seed.ref ?? `corporate${i}`
    const id = seedCorporate(store, partnerId, seed, `${path}[${i}]`)
    ids[ref] = id
    Object.assign(ledgerIds, seedLedgers(store, partnerId, id, seed.ledgers, `${path}[${i}].ledgers`, ref, cardIds))
  })
  return ids
}

/** A French mobile number no corporate of the partner logs in with yet. */
function freeMobile(store: Store, partnerId: string): PhoneInput {
  const fake = store.rng.fake()
  for (;;) {
    const phone = { countryCode: '33', number: fake.helpers.arrayElement(['6', '7']) + fake.string.numeric(8) }
    if (!corporateByPhone(store, partnerId, phoneDigitsOf(phone))) return phone
  }
}
