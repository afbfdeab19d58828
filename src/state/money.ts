import { ValidationError } from './errors'

// Amounts are exact: the API speaks decimal numbers with at most two decimals (12.34), the
// simulator stores integer cents. Never add or compare amounts as floats.

/** Integer digits an amount may have: LinkCy's amounts are DECIMAL(15,2), 13 digits before the point. */
export const AMOUNT_INTEGER_DIGITS = 13

/** The Bean Validation message (@Digits(integer = 13, fraction = 2)) of an amount that is not a DECIMAL(15,2). */
export const AMOUNT_OUT_OF_BOUNDS = `numeric value out of bounds (<${AMOUNT_INTEGER_DIGITS} digits>.<2 digits> expected)`

/** A decimal text of at most 13 integer digits and 2 decimals (the shortest text JavaScript prints for a number). */
const AMOUNT_TEXT = new RegExp(`^(-?)(\\d{1,${AMOUNT_INTEGER_DIGITS}})(?:\\.(\\d{1,2}))?$`)

/**
 * The exact cents of an API amount, or null when it is not a DECIMAL(15,2): more than two decimals
 * (0.100000001, 1e-9), more than 13 integer digits, or not finite. The number's shortest decimal
 * text (what JSON sent for any amount with up to 15 significant digits) is read digit by digit, so
 * nothing is rounded: 12.34 is 1234, never 1233.9999999999998.
 */
export function centsOf(amount: number): number | null {
  if (!Number.isFinite(amount)) return null
  const match = AMOUNT_TEXT.exec(String(amount))
  if (!match) return null
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'))
  return match[1] ? -cents : cents
}

/** Cents of an API amount; one that is not a DECIMAL(15,2) (see centsOf) is a 400 on `field`. */
export function toCents(amount: number, field = 'amount'): number {
  const cents = centsOf(amount)
  if (cents === null) throw new ValidationError([{ field, rejectedValue: amount, message: AMOUNT_OUT_OF_BOUNDS }])
  return cents
}

/** The API number of an amount in cents (1234 → 12.34). */
export function fromCents(cents: number): number {
  return cents / 100
}

/** The API numbers of amounts in cents, member by member ({ transactionLimit: 500000 } → { transactionLimit: 5000 }). */
export function amountsOf<K extends string>(cents: Record<K, number>): Record<K, number> {
  return Object.fromEntries(Object.entries<number>(cents).map(([key, value]) => [key, fromCents(value)])) as Record<K, number>
}
