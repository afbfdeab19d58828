import { and, eq } from 'drizzle-orm'
import { storedAddress, type AddressInput } from './addresses'
import { upsertCredential } from './auth'
import { normalizeCountryCode, phoneDigitsOf, type PhoneInput } from './consumers'
import type { KybStatus } from './corporate-enums'
import { corporateByPhone, corporateData, type CorporateRelatedRow, type CorporateRow } from './corporates'
import { statusesForIdentity } from './transitions'
import { assertTaxCountry, corporateProfileOf, type CorporateDetails } from './corporates-profile'
import { corporateRelated, corporates, corporateShares } from './db/schema'
import { SimError } from './errors'
import { formatPercent } from './kyb-graph'
import { findPartnerByName, getPartner, partnerSettings } from './partners'
import type { Scope } from './scope'
import type { Store } from './store'
import { emitEvent } from './webhooks'

// POST /corporates: a corporate, its account owner (a related physical person, the one who logs in
// with its phone) and the account owner's direct share. Anonymous callers name their partner.

/** LinkCy's AccountOwnerInfo: who opens the account for the corporate. */
export interface AccountOwnerInput {
  firstName: string
  lastName: string
  isDirector: boolean
  directorAppointmentDate?: string | null
  directSharesPercentage?: number | null
  address?: AddressInput | null
  nationalityCode?: string | null
  emailAddress?: string | null
  phone: PhoneInput
}

/** What a corporate is created with (the route and the scenario seeder share this). */
export interface CorporateInput extends CorporateDetails {
  registeredName: string
  incorporationCountry: string
  incorporationCode: string
  accountOwnerInfo: AccountOwnerInput
}

/** Everything a new corporate row may be created with beyond the request (scenario seeds). */
export interface NewCorporate extends CorporateInput {
  partnerId: string
  /** Whose is the deprecated `metadata`: a partner's call sets partnerMetadata, an anonymous one userMetadata. */
  metadataOwner?: 'PARTNER' | 'USER'
  kybStatus?: KybStatus
  /** The account owner's KYC status (scenario seeds of validated corporates); default NOT_STARTED. */
  accountOwnerKycStatus?: 'NOT_STARTED' | 'VALIDATED'
  /** Status axes to set instead of those that follow the KYB status (values of LinkCy's enums). */
  statuses?: Partial<Record<'bankingStatus' | 'linkcyStatus' | 'complianceStatus' | 'suspensionStatus', string>>
  /** The account owner's login password (scenario seeds; LinkCy's owners set theirs with a reset). */
  password?: string
  phoneVerifiedAt?: number | null
  creationDate?: number
}

/** The rows a corporate creation wrote. */
export interface CreatedCorporate {
  corporate: CorporateRow
  accountOwner: CorporateRelatedRow
}

/** Refuses an incorporation code + country already registered by another of the partner's corporates. */
export function assertIncorporationFree(store: Store, partnerId: string, country: string, code: string, exceptId?: string): void {
  const taken = store.db.select({ id: corporates.id }).from(corporates)
    .where(and(eq(corporates.partnerId, partnerId), eq(corporates.incorporationCountry, country), eq(corporates.incorporationCode, code)))
    .get()
  if (taken && taken.id !== exceptId) throw new SimError('INCORPORATION_CODE_ALREADY_TAKEN', [code, country])
}

/**
 * Inserts a corporate, its account owner and the owner's direct share, and the owner's login
 * (principal CORPORATE = the corporate, login = the owner's phone digits). KYB NOT_STARTED unless
 * given; the other axes follow the KYB; not suspended. The owner's KYC is NOT_STARTED, FULL_KYC for
 * a director and DOC_ONLY otherwise (LinkCy asks a full KYC of at least one director).
 */
export function insertCorporate(store: Store, input: NewCorporate): CreatedCorporate {
  const owner = input.accountOwnerInfo
  const phoneDigits = phoneDigitsOf(owner.phone)
  const countryCode = normalizeCountryCode(owner.phone.countryCode)
  assertIncorporationFree(store, input.partnerId, input.incorporationCountry, input.incorporationCode)
  if (corporateByPhone(store, input.partnerId, phoneDigits)) throw new SimError('CORPORATE_PHONE_ALREADY_TAKEN', [countryCode, owner.phone.number])
  const share = owner.directSharesPercentage ?? 0
  if (share > 100) {
    throw new SimError('TOTAL_SHARES_PERCENTAGE_IS_OVER_100', [input.incorporationCode, formatPercent(share)], { field: 'accountOwnerInfo.directSharesPercentage', rejectedValue: share })
  }
  const now = store.clock.nowMs()
  const creationDate = input.creationDate ?? now
  const kybStatus = input.kybStatus ?? 'NOT_STARTED'
  const statuses = { ...statusesForIdentity(kybStatus), suspensionStatus: 'NOT_SUSPENDED', ...input.statuses }
  const corporate: CorporateRow = {
    id: store.rng.uuid(), partnerId: input.partnerId, externalId: input.externalId ?? null,
    registeredName: input.registeredName, tradeName: input.tradeName ?? null,
    incorporationCountry: input.incorporationCountry, incorporationCode: input.incorporationCode, phoneDigits,
    lastTermsAccepted: input.lastTermsAccepted ?? null,
    profile: corporateProfileOf({}, input, input.metadataOwner ?? 'PARTNER'),
    isExtendedUbos: partnerSettings(getPartner(store, input.partnerId)).extendedUbos, kybStatus, kybStatusReason: null, kybLastVerificationRequestAt: null,
    bankingStatus: statuses.bankingStatus, linkcyStatus: statuses.linkcyStatus, complianceStatus: statuses.complianceStatus,
    suspensionStatus: statuses.suspensionStatus, statusReasons: {}, creationDate, updateDate: creationDate,
  }
  store.db.insert(corporates).values(corporate).run()
  const accountOwner: CorporateRelatedRow = {
    id: store.rng.uuid(), partnerId: input.partnerId, corporateId: corporate.id, kind: 'PHYSICAL_PERSON', externalId: null,
    isDirector: owner.isDirector, directorAppointmentDate: owner.directorAppointmentDate ?? null,
    isAccountOwner: true, isSpecialUbo: false, isPep: false,
    firstName: owner.firstName, middleName: null, lastName: owner.lastName,
    phoneCountryCode: countryCode, phoneNumber: owner.phone.number, phoneDigits, phoneVerifiedAt: input.phoneVerifiedAt ?? null,
    emailAddress: owner.emailAddress ?? null, emailVerifiedAt: null,
    kycApplicationId: null, kycStatus: input.accountOwnerKycStatus ?? 'NOT_STARTED', kycStatusReason: null,
    kycType: owner.isDirector ? 'FULL_KYC' : 'DOC_ONLY', kycUpdatedAt: input.accountOwnerKycStatus === 'VALIDATED' ? creationDate : null,
    registeredName: null, tradeName: null, incorporationCountry: null, incorporationCode: null,
    profile: {
      ...(owner.address ? { address: storedAddress(owner.address) } : {}),
      ...(owner.nationalityCode ? { nationalityCode: owner.nationalityCode } : {}),
    },
    creationDate, updateDate: creationDate,
  }
  store.db.insert(corporateRelated).values(accountOwner).run()
  if (share > 0) {
    store.db.insert(corporateShares).values({
      id: store.rng.uuid(), partnerId: input.partnerId, corporateId: corporate.id, holderId: accountOwner.id,
      ownedRelatedId: null, percentage: share, creationDate, updateDate: creationDate,
    }).run()
  }
  upsertCredential(store, { partnerId: input.partnerId, kind: 'CORPORATE', principalId: corporate.id, login: phoneDigits, password: input.password })
  return { corporate, accountOwner }
}

/** POST /corporates body: an anonymous caller names its partner. */
export interface CreateCorporateInput extends CorporateInput {
  partnerName?: string | null
}

/**
 * POST /corporates: anonymous callers name their partner with `partnerName` (400
 * PARTNER_NAME_REQUIRED otherwise); a partner token creates for its own partner. Accepted terms must
 * be the partner's current version (INVALID_TERMS_VERSION); a tax number needs its country.
 */
export function createCorporate(store: Store, scope: Scope, input: CreateCorporateInput): CreatedCorporate {
  const partner = scope.principal ? getPartner(store, scope.partnerId) : anonymousPartner(store, input.partnerName)
  assertTermsVersion(input.lastTermsAccepted, partnerSettings(partner).termsVersion)
  assertTaxCountry(input)
  const created = insertCorporate(store, { ...input, partnerId: partner.id, metadataOwner: scope.principal ? 'PARTNER' : 'USER' })
  emitEvent(store, partner.id, 'CORPORATE_CREATED', corporateData(created.corporate))
  return created
}

/** Accepted terms, when given, must be the partner's current version (400 INVALID_TERMS_VERSION). */
export function assertTermsVersion(lastTermsAccepted: string | null | undefined, termsVersion: string): void {
  if (lastTermsAccepted && lastTermsAccepted.trim() !== '' && lastTermsAccepted !== termsVersion) {
    throw new SimError('INVALID_TERMS_VERSION', [], { field: 'lastTermsAccepted', rejectedValue: lastTermsAccepted })
  }
}

function anonymousPartner(store: Store, partnerName: string | null | undefined) {
  // The Corporate reference documents PARTNER_NAME_REQUIRED as a 400 (the Consumer one as a 409).
  if (!partnerName) throw new SimError('PARTNER_NAME_REQUIRED', [], { status: 400, field: 'partnerName', rejectedValue: partnerName ?? null })
  const partner = findPartnerByName(store, partnerName)
  // SIM: as for consumers, an unknown partnerName is 404 PARTNER_NOT_FOUND.
  if (!partner) throw new SimError('PARTNER_NOT_FOUND', [partnerName], { status: 404 })
  return partner
}
