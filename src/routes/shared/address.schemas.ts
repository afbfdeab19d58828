import { z } from '@hono/zod-openapi'
import type { StoredAddress } from '../../state/addresses'
import { ADDRESS_STATUSES, COUNTRY_CODES, EUROPEAN_COUNTRY_CODES } from '../../state/enums'
import { compact } from '../openapi'

// LinkCy's postal address on the wire: the European address its requests take (consumers, partner,
// kyc/simulate) and the address with its verification status its responses show.

/** LinkCy's EuropeanAddressRequest (optional members accept null, read as absent). */
export const EuropeanAddressRequestSchema = z
  .object({
    isoCountryCode: z.enum(EUROPEAN_COUNTRY_CODES),
    city: z.string().max(255),
    postalCode: z.string().max(255),
    street: z.string().max(511),
    number: z.string().max(255).nullish(),
    refinement: z.string().max(35).nullish(),
    stateOrProvince: z.string().max(255).nullish(),
    bypassVerification: z.boolean().nullish(),
  })
  .openapi('EuropeanAddressRequest')

/** LinkCy's WorldwideAddressRequest: the same fields, any country (a corporate's account owner, related persons). */
export const WorldwideAddressRequestSchema = EuropeanAddressRequestSchema.extend({ isoCountryCode: z.enum(COUNTRY_CODES) }).openapi('WorldwideAddressRequest')

/** LinkCy's AddressResponse: the address and whether it was checked (VALID) or proven (VERIFIED). */
export const AddressResponseSchema = z
  .object({
    isoCountryCode: z.enum(COUNTRY_CODES),
    city: z.string(),
    postalCode: z.string().optional(),
    street: z.string().optional(),
    number: z.string().optional(),
    refinement: z.string().optional(),
    stateOrProvince: z.string().optional(),
    status: z.enum(ADDRESS_STATUSES),
  })
  .openapi('AddressResponse')

export type AddressResponse = z.infer<typeof AddressResponseSchema>

const ADDRESS_KEYS = ['isoCountryCode', 'city', 'postalCode', 'street', 'number', 'refinement', 'stateOrProvince', 'status'] as const

/** A stored address as LinkCy shows it: its known fields only, absent ones omitted. */
export function presentAddress(address: StoredAddress): AddressResponse {
  return compact(Object.fromEntries(ADDRESS_KEYS.map((k) => [k, address[k]]))) as AddressResponse
}
