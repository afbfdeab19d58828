import { eq } from 'drizzle-orm'
import type { CardScheme } from './card-designs'
import { cards } from './db/schema'
import type { Store } from './store'

// The secrets of a card: PAN (Luhn-valid, of the card's scheme, unique in the world), CVV, expiry
// and PIN, all drawn from the seeded RNG. Nothing here logs or presents them.

export type { CardScheme }

/** The Luhn check digit that completes `body` (the digits before it). */
export function luhnCheckDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

/** True when `pan` is all digits and passes the Luhn check. */
export function isLuhnValid(pan: string): boolean {
  return /^\d{12,19}$/.test(pan) && luhnCheckDigit(pan.slice(0, -1)) === pan.slice(-1)
}

/**
 * A 16-digit PAN of the scheme's ranges (VISA 4…, MASTERCARD 51–55 or 2221–2720), Luhn-valid and
 * not held by another card of the world.
 */
export function newPan(store: Store, scheme: CardScheme): string {
  for (;;) {
    const prefix = scheme === 'VISA' ? '4'
      : store.rng.int(0, 1) === 0 ? String(store.rng.int(51, 55)) : String(store.rng.int(2221, 2720))
    const body = prefix + store.rng.digits(15 - prefix.length)
    const pan = body + luhnCheckDigit(body)
    if (!store.db.select({ id: cards.id }).from(cards).where(eq(cards.pan, pan)).get()) return pan
  }
}

/** True when the PAN belongs to the scheme's issuer ranges. */
export function panMatchesScheme(pan: string, scheme: CardScheme): boolean {
  if (scheme === 'VISA') return pan.startsWith('4')
  const two = Number(pan.slice(0, 2))
  const four = Number(pan.slice(0, 4))
  return (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)
}

/** A three-digit card verification value. */
export const newCvv = (store: Store): string => store.rng.digits(3)

/** A four-digit PIN. SIM: LinkCy lets the cardholder pick none; the issuer draws it. */
export const newPin = (store: Store): string => store.rng.digits(4)

/** Validity of a new card in years (the expiry month is this many years after issue). */
export const CARD_VALIDITY_YEARS = 3

/** Expiry month/year `years` after `at`, and the instant it ends (the card is valid through its month). */
export function expiryFrom(at: number, years = CARD_VALIDITY_YEARS): { expiryMonth: number, expiryYear: number, expiresAt: number } {
  const d = new Date(at)
  const expiryYear = d.getUTCFullYear() + years
  const expiryMonth = d.getUTCMonth() + 1
  return { expiryMonth, expiryYear, expiresAt: endOfMonth(expiryYear, expiryMonth) }
}

/** The first instant after the month `month` (1–12) of `year`, UTC: a card expiring then stops working. */
export function endOfMonth(year: number, month: number): number {
  return Date.UTC(year, month, 1)
}

/** The `MM/YY` expiry date as printed on the card (the display page). */
export const formatExpiry = (month: number, year: number): string =>
  `${String(month).padStart(2, '0')}/${String(year % 100).padStart(2, '0')}`

/**
 * The expiry as the API shows it (`expiryDate`): a year-month, `YYYY-MM`. SIM: the reference gives no
 * format; a Java YearMonth serialises so (a date would be documented as format: date).
 */
export const apiExpiry = (month: number, year: number): string => `${year}-${String(month).padStart(2, '0')}`
