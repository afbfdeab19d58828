import { storedAddress } from './addresses'
import { settleConsumerKyc } from './kyc'
import { consumers, type ConsumerProfile } from './db/schema'
import { currentScaDevice } from './end-users'
import type { KycStatus } from './enums'
import { SimError } from './errors'
import { findPartnerByName, getPartner, partnerSettings } from './partners'
import { consumerByPhone, findConsumer, setConsumerColumns, type ConsumerRow } from './persons'
import { isEndUser, userTypeOf, type Scope } from './scope'
import type { Store } from './store'
import { statusesForIdentity, type IdentityStatuses } from './transitions'
import { syncEndUserLogin } from './auth'
import { checkConsumerRules, type ConsumerDetails } from './consumers-rules'
import { consumerData, emitEvent } from './webhooks'

// Consumers: LinkCy's individual end-users. Creation (anonymous with partnerName, or by a partner),
// reading, updating; the list lives in consumers-list.ts, the sandbox deletion in consumers-delete.ts.
// Optional inputs may be null: LinkCy (Jackson) reads a null member as an absent one.

export type { ConsumerRow }

/** The end-user's current SCA device, as GET /consumers/{id} shows it (strongAuthentication). */
export interface StrongAuthentication {
  id: string
  endpointId: string
  creationDate: number
  pinStatus: string
  biometryStatus: string
}

/** A consumer as LinkCy shows it: the row plus what is derived when read. */
export type ConsumerRecord = ConsumerRow & { termsAccepted: boolean; strongAuthentication?: StrongAuthentication }

export interface PhoneInput {
  countryCode: string
  number: string
}

/** Country calling code digits, without a leading '+' or international '00' prefix ('+33', '0033' → '33'). */
export function normalizeCountryCode(countryCode: string): string {
  return countryCode.replace(/\D/g, '').replace(/^0+/, '')
}

/** The phone as one digit string, country code first: the consumer's login and uniqueness key. */
export function phoneDigitsOf(phone: PhoneInput): string {
  return normalizeCountryCode(phone.countryCode) + phone.number
}

export type { ConsumerDetails }

/** What a consumer is created with: its phone, names and declared details. */
export interface ConsumerInput extends ConsumerDetails {
  phone: PhoneInput
  firstName?: string | null
  middleName?: string | null
  lastName?: string | null
}

/** Everything a new consumer row may be created with (the route and the scenario seeder share this). */
export interface NewConsumer extends ConsumerInput {
  partnerId: string
  /** Whose is the deprecated `metadata`: a partner's call sets partnerMetadata, an anonymous one userMetadata. */
  metadataOwner?: 'PARTNER' | 'USER'
  /** Profile data a scenario may set directly (KYC-collected identity, ...). */
  profileExtras?: Partial<ConsumerProfile>
  kycStatus?: KycStatus
  kycApplicationId?: string | null
  kycUpdatedAt?: number
  /** Status axes to set instead of those that follow the KYC status (values of LinkCy's enums). */
  statuses?: Partial<Record<'bankingStatus' | 'linkcyStatus' | 'complianceStatus' | 'suspensionStatus', string>>
  phoneVerifiedAt?: number | null
  emailVerifiedAt?: number | null
  creationDate?: number
  updateDate?: number
}

/**
 * Inserts a consumer. LinkCy starts every consumer with KYC NOT_STARTED (type FULL_KYC), the other
 * status axes following its KYC, not suspended. Refuses a phone already used by one of the partner's consumers.
 */
export function insertConsumer(store: Store, input: NewConsumer): ConsumerRow {
  const phoneDigits = phoneDigitsOf(input.phone)
  assertPhoneFree(store, input.partnerId, phoneDigits)
  const now = store.clock.nowMs()
  const kycStatus = input.kycStatus ?? 'NOT_STARTED'
  const statuses: Record<keyof IdentityStatuses | 'suspensionStatus', string> = { ...statusesForIdentity(kycStatus), suspensionStatus: 'NOT_SUSPENDED', ...input.statuses }
  const creationDate = input.creationDate ?? now
  const row: ConsumerRow = {
    id: store.rng.uuid(),
    partnerId: input.partnerId,
    firstName: input.firstName ?? null,
    middleName: input.middleName ?? null,
    lastName: input.lastName ?? null,
    phoneCountryCode: normalizeCountryCode(input.phone.countryCode),
    phoneNumber: input.phone.number,
    phoneDigits,
    phoneVerifiedAt: input.phoneVerifiedAt ?? null,
    emailAddress: input.emailAddress ?? null,
    emailVerifiedAt: input.emailVerifiedAt ?? null,
    lastTermsAccepted: input.lastTermsAccepted ?? null,
    profile: { ...profileOf({}, input, input.metadataOwner ?? 'PARTNER'), ...input.profileExtras },
    kycApplicationId: input.kycApplicationId ?? null,
    kycStatus,
    kycStatusReason: null,
    kycType: 'FULL_KYC',
    kycUpdatedAt: input.kycUpdatedAt ?? (kycStatus === 'NOT_STARTED' ? null : creationDate),
    bankingStatus: statuses.bankingStatus,
    linkcyStatus: statuses.linkcyStatus,
    complianceStatus: statuses.complianceStatus,
    suspensionStatus: statuses.suspensionStatus,
    statusReasons: {},
    creationDate,
    updateDate: input.updateDate ?? creationDate,
  }
  store.db.insert(consumers).values(row).run()
  return row
}

function assertPhoneFree(store: Store, partnerId: string, phoneDigits: string, exceptId?: string): void {
  const taken = consumerByPhone(store, partnerId, phoneDigits)
  if (taken && taken.id !== exceptId) throw new SimError('PHONE_ALREADY_TAKEN')
}

/** The descriptive fields of a create or patch body merged over a stored profile (null = unchanged). */
function profileOf(current: ConsumerProfile, d: ConsumerDetails, metadataOwner: 'PARTNER' | 'USER'): ConsumerProfile {
  const next: ConsumerProfile = { ...current }
  const set = <K extends keyof ConsumerProfile>(key: K, value: ConsumerProfile[K] | null | undefined) => {
    if (value !== undefined && value !== null) next[key] = value
  }
  set('externalId', d.externalId)
  // A new address loses VERIFIED unless sent with bypassVerification (as kyc/simulate does).
  if (d.address) next.address = storedAddress(d.address)
  set('sourceOfFunds', d.sourceOfFunds)
  set('otherSourceOfFunds', d.otherSourceOfFunds)
  set('occupation', d.occupation)
  set('otherOccupation', d.otherOccupation)
  set('taxIdentificationNumber', d.taxIdentificationNumber)
  set('taxCountry', d.taxCountry)
  if (d.accountPurposes) next.accountPurposes = [...new Set(d.accountPurposes)]
  set('expectedMonthlyExpenses', d.expectedMonthlyExpenses)
  // The deprecated `metadata` is the caller's own metadata: the partner's, or the end-user's.
  set(metadataOwner === 'PARTNER' ? 'partnerMetadata' : 'userMetadata', d.metadata)
  set('userMetadata', d.userMetadata)
  set('partnerMetadata', d.partnerMetadata)
  return next
}

/** POST /consumers body: an anonymous caller names its partner. */
export interface CreateConsumerInput extends ConsumerInput {
  partnerName?: string | null
}

/**
 * POST /consumers: anonymous callers name their partner with `partnerName` (PARTNER_NAME_REQUIRED
 * otherwise); a partner token creates for its own partner and `partnerName` is ignored.
 */
export function createConsumer(store: Store, scope: Scope, input: CreateConsumerInput): ConsumerRow {
  const partner = scope.principal ? getPartner(store, scope.partnerId) : anonymousPartner(store, input.partnerName)
  checkConsumerRules(input, partnerSettings(partner).termsVersion)
  const row = insertConsumer(store, { ...input, partnerId: partner.id, metadataOwner: scope.principal ? 'PARTNER' : 'USER' })
  emitEvent(store, row.partnerId, 'CONSUMER_CREATED', consumerData(row))
  return row
}

function anonymousPartner(store: Store, partnerName: string | null | undefined) {
  if (!partnerName) throw new SimError('PARTNER_NAME_REQUIRED')
  const partner = findPartnerByName(store, partnerName)
  // SIM: the reference documents no error for an unknown partnerName; 404 PARTNER_NOT_FOUND, as for password resets.
  if (!partner) throw new SimError('PARTNER_NOT_FOUND', [partnerName], { status: 404 })
  return partner
}

/** The consumer visible to the caller (a partner's own, or the end-user itself), or CONSUMER_NOT_FOUND. */
export function getConsumer(store: Store, scope: Scope, consumerId: string): ConsumerRow {
  const row = findConsumer(store, scope, consumerId)
  if (!row) throw new SimError('CONSUMER_NOT_FOUND', [consumerId])
  return row
}

/**
 * GET /consumers/{id}: the consumer with its terms acceptance (against the partner's current terms
 * version) and its current SCA device (the newest one not removed).
 */
export function getConsumerInfo(store: Store, scope: Scope, consumerId: string): ConsumerRecord {
  // A KYC link that expired since the last read turns the consumer's KYC to ABORTED now.
  const row = settleConsumerKyc(store, getConsumer(store, scope, consumerId))
  const termsVersion = partnerSettings(getPartner(store, row.partnerId)).termsVersion
  const device = currentScaDevice(store, row.partnerId, row.id)
  const strongAuthentication = device && {
    id: device.id, endpointId: device.endpointId, creationDate: device.creationDate, pinStatus: device.pinStatus, biometryStatus: device.biometryStatus,
  }
  return { ...row, termsAccepted: row.lastTermsAccepted === termsVersion, ...(strongAuthentication ? { strongAuthentication } : {}) }
}

export interface UpdateConsumerInput extends ConsumerDetails {
  phone?: PhoneInput | null
}

/**
 * PATCH /consumers/{id}: a new phone must be verified again (and becomes the login), a new e-mail
 * address too. End-users may not change their phone nor set the partner's metadata.
 */
export function updateConsumer(store: Store, scope: Scope, consumerId: string, patch: UpdateConsumerInput): ConsumerRow {
  const row = getConsumer(store, scope, consumerId)
  const endUser = isEndUser(scope)
  const phoneDigits = patch.phone ? phoneDigitsOf(patch.phone) : row.phoneDigits
  const phoneChanged = phoneDigits !== row.phoneDigits
  // SIM: an end-user re-sending its current phone is not refused; only a change is.
  if (endUser && phoneChanged) throw new SimError('INSUFFICIENT_RIGHTS_TO_UPDATE_PHONE', [userTypeOf(scope)])
  if (endUser && patch.partnerMetadata) throw new SimError('INSUFFICIENT_RIGHTS_TO_UPDATE_PARTNER_METADATA', [userTypeOf(scope)])
  const profile = profileOf(row.profile, patch, endUser ? 'USER' : 'PARTNER')
  checkConsumerRules({ ...profile, lastTermsAccepted: patch.lastTermsAccepted }, partnerSettings(getPartner(store, row.partnerId)).termsVersion)
  if (phoneChanged) assertPhoneFree(store, row.partnerId, phoneDigits, row.id)

  const email = patch.emailAddress ?? row.emailAddress
  const emailChanged = (email ?? '').toLowerCase() !== (row.emailAddress ?? '').toLowerCase()
  const now = store.clock.nowMs()
  const set: Partial<ConsumerRow> = {
    profile,
    ...(patch.lastTermsAccepted ? { lastTermsAccepted: patch.lastTermsAccepted } : {}),
    ...(emailChanged ? { emailAddress: email, emailVerifiedAt: null } : {}),
    ...(phoneChanged && patch.phone
      ? { phoneCountryCode: normalizeCountryCode(patch.phone.countryCode), phoneNumber: patch.phone.number, phoneDigits, phoneVerifiedAt: null }
      : {}),
  }
  setConsumerColumns(store, row.id, set, now)
  if (phoneChanged) syncEndUserLogin(store, { kind: 'CONSUMER', id: row.id, partnerId: row.partnerId, phoneDigits })
  emitEvent(store, row.partnerId, 'CONSUMER_UPDATED', consumerData(row))
  return { ...row, ...set, updateDate: now }
}
