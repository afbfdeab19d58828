import { ValidationError } from './errors'

// Amounts are exact: the API speaks decimal numbers with at most two decimals (12.34), the
// simulator stores integer cents. Never add or compare amounts as floats.

/**
 * Cents of an API amount; a value with more than two decimals (or not finite) is a 400 on `field`.
 * 12.34 * 100 is 1233.9999999999998 in floating point, hence the rounding with a tolerance.
 */
export function toCents(amount: number, field = 'amount'): number {
  const scaled = amount * 100
  const cents = Math.round(scaled)
  if (!Number.isFinite(amount) || Math.abs(scaled - cents) > 1e-6 || !Number.isSafeInteger(cents)) {
    throw new ValidationError([{ field, rejectedValue: amount, message: 'numeric value out of bounds (<15 digits>.<2 digits> expected)' }])
  }
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
