// The SEPA settlement calendar: TARGET2 business days (Monday to Friday, except 1 January, Good
// Friday, Easter Monday, 1 May, 25 and 26 December). An SCT settles on the next one; a direct-debit
// collection date must be one. All dates are UTC days of the simulator clock.

const DAY_MS = 24 * 3600 * 1000

/** Easter Sunday of a year (anonymous Gregorian algorithm), as a UTC midnight in epoch ms. */
function easterSunday(year: number): number {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return Date.UTC(year, month - 1, day)
}

/** Whether the UTC day containing `ms` is a TARGET2 business day (SEPA settles). */
export function isTargetBusinessDay(ms: number): boolean {
  const date = new Date(ms)
  const weekday = date.getUTCDay()
  if (weekday === 0 || weekday === 6) return false
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + 1
  const day = date.getUTCDate()
  if ((month === 1 && day === 1) || (month === 5 && day === 1) || (month === 12 && (day === 25 || day === 26))) return false
  const midnight = Date.UTC(year, month - 1, day)
  const easter = easterSunday(year)
  return midnight !== easter - 2 * DAY_MS && midnight !== easter + DAY_MS
}

/** The same time of day on the next TARGET2 business day after `ms` (an SCT's default settlement instant). */
export function nextTargetBusinessDay(ms: number): number {
  let next = ms + DAY_MS
  while (!isTargetBusinessDay(next)) next += DAY_MS
  return next
}

/** The UTC calendar date (YYYY-MM-DD) of an instant: mandate and collection dates, statement periods. */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** Start (inclusive) and end (exclusive) of the UTC day containing `ms`. */
export function utcDay(ms: number): { start: number; end: number } {
  const d = new Date(ms)
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  return { start, end: start + DAY_MS }
}

/** Start (inclusive) and end (exclusive) of the UTC calendar month containing `ms`. */
export function utcMonth(ms: number): { start: number; end: number } {
  const d = new Date(ms)
  return { start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) }
}
