import type { ADDRESS_STATUSES } from './enums'
import { compact } from './objects'

// Postal addresses as LinkCy's requests carry them (EuropeanAddressRequest) and as they are stored
// on a consumer's profile, a KYC identity or a partner, with their verification status.

export type AddressStatus = (typeof ADDRESS_STATUSES)[number]

/** LinkCy's EuropeanAddressRequest as a state operation receives it (null members read as absent). */
export type AddressInput = {
  isoCountryCode: string
  city: string
  postalCode: string
  street: string
  number?: string | null
  refinement?: string | null
  stateOrProvince?: string | null
  bypassVerification?: boolean | null
}

/** A stored address: its fields (absent ones omitted) and LinkCy's verification status. */
export type StoredAddress = {
  isoCountryCode: string
  city: string
  postalCode?: string
  street?: string
  number?: string
  refinement?: string
  stateOrProvince?: string
  status: AddressStatus
}

/**
 * The address to store for a request's address: its given fields, without the request-only
 * bypassVerification flag, with `status`. SIM: LinkCy checks a declared address with its tools; a
 * well-formed address is VALID, and VERIFIED when the caller asked to bypass the verification.
 */
export function storedAddress(input: AddressInput, status: AddressStatus = input.bypassVerification ? 'VERIFIED' : 'VALID'): StoredAddress {
  const { bypassVerification: _bypass, ...fields } = input
  return { ...(compact(fields) as Omit<StoredAddress, 'status'>), status }
}
