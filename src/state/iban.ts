// ISO 13616 IBANs and ISO 9362 BICs: validation for beneficiaries and mandates, check digits for
// the IBANs the simulator issues. National check digits (French RIB key, Belgian mod 97, ...) are
// computed by the ledger code that builds each country's BBAN.

/** IBAN length per country (ISO 13616 registry) for the countries of SEPA. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22,
  GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18,
  NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
}

/** An IBAN without spaces, upper-case. */
export function normalizeIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase()
}

/** mod 97 of a string of digits and letters (A=10 ... Z=35), computed piecewise to stay exact. */
export function mod97(text: string): number {
  let remainder = 0
  for (const ch of text) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder
}

/** The two IBAN check digits of a country and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0')
}

/** The IBAN of a country and BBAN. */
export function buildIban(country: string, bban: string): string {
  return `${country}${ibanCheckDigits(country, bban)}${bban}`
}

/** Why an IBAN is not valid (null when it is): format, country, length, checksum. */
export function ibanProblem(raw: string): 'FORMAT' | 'COUNTRY' | 'LENGTH' | 'CHECKSUM' | null {
  const iban = normalizeIban(raw)
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(iban)) return 'FORMAT'
  const expected = IBAN_LENGTHS[iban.slice(0, 2)]
  if (expected === undefined) return 'COUNTRY'
  if (iban.length !== expected) return 'LENGTH'
  return mod97(`${iban.slice(4)}${iban.slice(0, 4)}`) === 1 ? null : 'CHECKSUM'
}

/** A well-formed BIC: 4 letters (bank), 2 letters (country), 2 alphanumerics (location), optional 3 (branch). */
export function isBic(raw: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(raw.toUpperCase())
}

/** Groups an IBAN by four characters, as printed on bank details. */
export function formatIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})/g, '$1 ').trim()
}
