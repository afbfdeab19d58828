import { storedAddress, type AddressInput } from './addresses'
import type { CorporateProfile } from './db/schema'
import { SimError } from './errors'

// The descriptive data of a corporate that create and update share, merged into the stored profile.
// Optional inputs may be null: LinkCy (Jackson) reads a null member as an absent one.

/** LinkCy's per-country legal type wrapper ({ franceValue: 'FR_...' }: one member set), or its bare value (scenarios). */
export type LegalTypeInput = Record<string, string | null | undefined> | string

/** The descriptive fields of a corporate create or patch body. */
export interface CorporateDetails {
  externalId?: string | null
  tradeName?: string | null
  incorporationDate?: string | null
  legalType?: LegalTypeInput | null
  website?: string | null
  industry?: string | null
  vatNumber?: string | null
  registeredAddress?: AddressInput | null
  businessAddress?: AddressInput | null
  expectedMonthlyExpenses?: { value: string; currency: string } | null
  employeesRange?: string | null
  accountPurposes?: string[] | null
  lastTermsAccepted?: string | null
  taxIdentificationNumber?: string | null
  taxCountry?: string | null
  notes?: string | null
  metadata?: Record<string, unknown> | null
  userMetadata?: Record<string, unknown> | null
  partnerMetadata?: Record<string, unknown> | null
}

/** The legal type's enum value: the one member of LinkCy's per-country wrapper object. */
export function legalTypeValue(input: LegalTypeInput | null | undefined): string | undefined {
  if (input === null || input === undefined) return undefined
  if (typeof input === 'string') return input
  return Object.values(input).find((v) => typeof v === 'string')
}

/**
 * The fields of a create or patch body merged over a stored profile (null or absent = unchanged). A
 * new address is VALID (VERIFIED with bypassVerification), as for consumers.
 */
export function corporateProfileOf(current: CorporateProfile, d: CorporateDetails, metadataOwner: 'PARTNER' | 'USER'): CorporateProfile {
  const next: CorporateProfile = { ...current }
  const set = <K extends keyof CorporateProfile>(key: K, value: CorporateProfile[K] | null | undefined) => {
    if (value !== undefined && value !== null) next[key] = value
  }
  set('incorporationDate', d.incorporationDate)
  set('legalType', legalTypeValue(d.legalType))
  set('website', d.website)
  set('industry', d.industry)
  set('vatNumber', d.vatNumber)
  if (d.registeredAddress) next.registeredAddress = storedAddress(d.registeredAddress)
  if (d.businessAddress) next.businessAddress = storedAddress(d.businessAddress)
  set('employeesRange', d.employeesRange)
  if (d.accountPurposes) next.accountPurposes = [...new Set(d.accountPurposes)]
  set('expectedMonthlyExpenses', d.expectedMonthlyExpenses)
  set('taxIdentificationNumber', d.taxIdentificationNumber)
  set('taxCountry', d.taxCountry)
  set('notes', d.notes)
  // The deprecated `metadata` is the caller's own metadata: the partner's, or the end-user's.
  set(metadataOwner === 'PARTNER' ? 'partnerMetadata' : 'userMetadata', d.metadata)
  set('userMetadata', d.userMetadata)
  set('partnerMetadata', d.partnerMetadata)
  return next
}

const blank = (s: string | null | undefined): boolean => s === undefined || s === null || s.trim() === ''

/** A tax identification number needs its country (400 TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY). */
export function assertTaxCountry(profile: { taxIdentificationNumber?: string | null; taxCountry?: string | null }): void {
  if (!blank(profile.taxIdentificationNumber) && blank(profile.taxCountry)) {
    throw new SimError('TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY', [], { field: 'taxCountry', rejectedValue: profile.taxCountry ?? null })
  }
}
