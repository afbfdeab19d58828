import { beneficiarySettings } from './beneficiaries-settings'
import { SimError } from './errors'
import { ibanProblem, isBic, normalizeIban } from './iban'
import type { Store } from './store'

// The checks LinkCy makes on the SEPA account of a beneficiary or of a mandate's debtor before
// accepting it: a SEPA IBAN (IBAN_NOT_SUPPORTED), a well-formed BIC of the IBAN's country
// (INVALID_BIC_SWIFT), and a BIC LinkCy does not refuse (NOT_ALLOWED_BIC_SWIFT).

export interface SepaDetails {
  iban: string
  bic: string
}

/**
 * Countries whose banks may hold IBANs of another SEPA country: Monaco's banks are French-clearing,
 * and French overseas departments and collectivities use FR IBANs with their own BIC country.
 */
const BIC_COUNTRIES_OF_IBAN: Readonly<Record<string, readonly string[]>> = {
  FR: ['FR', 'MC', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'NC', 'PF', 'WF'],
  MC: ['MC', 'FR'],
}

/**
 * The normalised IBAN and BIC of a SEPA account, or LinkCy's 400. `field` is the body path of the
 * banking details (e.g. 'bankingDetails', 'debtor.bankingDetails') for the error's details.
 * SIM: a malformed IBAN (format, length, checksum) is IBAN_NOT_SUPPORTED too, naming its first two characters.
 */
export function checkSepaDetails(store: Store, partnerId: string, details: SepaDetails, field: string): SepaDetails {
  const iban = normalizeIban(details.iban)
  const country = iban.slice(0, 2)
  if (ibanProblem(iban) !== null) throw new SimError('IBAN_NOT_SUPPORTED', [country], { field: `${field}.iban`, rejectedValue: details.iban })
  const bic = details.bic.trim().toUpperCase()
  const bicCountry = bic.slice(4, 6)
  const allowed = BIC_COUNTRIES_OF_IBAN[country] ?? [country]
  if (!isBic(bic) || !allowed.includes(bicCountry)) throw new SimError('INVALID_BIC_SWIFT', [], { field: `${field}.bic`, rejectedValue: details.bic })
  if (isDeniedBic(store, partnerId, bic)) throw new SimError('NOT_ALLOWED_BIC_SWIFT', [], { field: `${field}.bic`, rejectedValue: details.bic })
  return { iban, bic }
}

/** Whether LinkCy refuses this BIC: an 8-character deny-list entry covers all its branches. */
export function isDeniedBic(store: Store, partnerId: string, bic: string): boolean {
  const full = bic.length === 8 ? `${bic}XXX` : bic
  return beneficiarySettings(store, partnerId).deniedBics.some((denied) => (denied.length === 8 ? full.startsWith(denied) : full === denied))
}
