import type { AddressInput } from './addresses'
import { SimError } from './errors'

// The business checks LinkCy applies to a consumer's declared data, on creation and update.

/** The descriptive data a consumer create or patch body carries (null reads as absent). */
export interface ConsumerDetails {
  externalId?: string | null
  address?: AddressInput | null
  emailAddress?: string | null
  sourceOfFunds?: string | null
  otherSourceOfFunds?: string | null
  occupation?: string | null
  otherOccupation?: string | null
  lastTermsAccepted?: string | null
  taxIdentificationNumber?: string | null
  taxCountry?: string | null
  accountPurposes?: string[] | null
  expectedMonthlyExpenses?: { value: string; currency: string } | null
  metadata?: Record<string, unknown> | null
  userMetadata?: Record<string, unknown> | null
  partnerMetadata?: Record<string, unknown> | null
}

type Checked = Pick<
  ConsumerDetails,
  'lastTermsAccepted' | 'occupation' | 'otherOccupation' | 'sourceOfFunds' | 'otherSourceOfFunds' | 'taxIdentificationNumber' | 'taxCountry'
>

const blank = (s: string | null | undefined): boolean => s === undefined || s === null || s.trim() === ''

/**
 * Accepted terms must be the partner's current version; OTHER as occupation or source of funds needs
 * a description; a tax identification number needs its country. Throws LinkCy's 400 for the first failure.
 */
export function checkConsumerRules(d: Checked, termsVersion: string): void {
  if (!blank(d.lastTermsAccepted) && d.lastTermsAccepted !== termsVersion) {
    throw new SimError('INVALID_TERMS_VERSION', [], { field: 'lastTermsAccepted', rejectedValue: d.lastTermsAccepted })
  }
  if (d.occupation === 'OTHER' && blank(d.otherOccupation)) {
    throw new SimError('OTHER_OCCUPATION_MUST_HAVE_A_DESCRIPTION', [], { field: 'otherOccupation', rejectedValue: d.otherOccupation ?? null })
  }
  if (d.sourceOfFunds === 'OTHER' && blank(d.otherSourceOfFunds)) {
    throw new SimError('OTHER_SOURCE_OF_FUNDS_MUST_HAVE_A_DESCRIPTION', [], { field: 'otherSourceOfFunds', rejectedValue: d.otherSourceOfFunds ?? null })
  }
  if (!blank(d.taxIdentificationNumber) && blank(d.taxCountry)) {
    throw new SimError('TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY', [], { field: 'taxCountry', rejectedValue: d.taxCountry ?? null })
  }
}
