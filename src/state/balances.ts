import { and, eq, gte, sql } from 'drizzle-orm'
import { ledgers } from './db/schema'
import type { Store } from './store'

// The only code that moves ledger balances. Every function is one conditional UPDATE inside the
// caller's transaction: `available + reserved = total` holds at every instant, and no balance goes
// negative (the UPDATE matches nothing instead, and CHECK constraints back it up).

/** Money arrives: available += cents. */
export function credit(store: Store, ledgerId: string, cents: number): void {
  move(store, ledgerId, cents, 0)
}

/** Money leaves at once; false (nothing changed) when available < cents. */
export function tryDebit(store: Store, ledgerId: string, cents: number): boolean {
  return moveIfAvailable(store, ledgerId, cents, -cents, 0)
}

/** Money is held for a pending operation (authorization, outgoing SEPA); false when available < cents. */
export function tryReserve(store: Store, ledgerId: string, cents: number): boolean {
  return moveIfAvailable(store, ledgerId, cents, -cents, cents)
}

/** A hold ends without payment: reserved -= cents, available += cents. */
export function release(store: Store, ledgerId: string, cents: number): void {
  move(store, ledgerId, cents, -cents)
}

/**
 * A hold is paid: `heldCents` leave reserved and `paidCents` leave the ledger. Paying less gives the
 * difference back to available; paying more takes it from available, and fails (false, nothing
 * changed) if available cannot cover it.
 */
export function trySettle(store: Store, ledgerId: string, heldCents: number, paidCents: number): boolean {
  const extra = paidCents - heldCents
  if (extra > 0) return moveIfAvailable(store, ledgerId, extra, -extra, -heldCents)
  move(store, ledgerId, -extra, -heldCents)
  return true
}

/** Current balances of a ledger in cents. */
export function balancesOf(store: Store, ledgerId: string): { available: number; reserved: number; total: number } {
  const row = store.db.select({ a: ledgers.availableCents, r: ledgers.reservedCents }).from(ledgers).where(eq(ledgers.id, ledgerId)).get()
  const available = row?.a ?? 0
  const reserved = row?.r ?? 0
  return { available, reserved, total: available + reserved }
}

function move(store: Store, ledgerId: string, availableDelta: number, reservedDelta: number): void {
  store.db
    .update(ledgers)
    .set({ availableCents: sql`${ledgers.availableCents} + ${availableDelta}`, reservedCents: sql`${ledgers.reservedCents} + ${reservedDelta}`, updateDate: store.clock.nowMs() })
    .where(eq(ledgers.id, ledgerId))
    .run()
}

function moveIfAvailable(store: Store, ledgerId: string, needed: number, availableDelta: number, reservedDelta: number): boolean {
  const result = store.db
    .update(ledgers)
    .set({ availableCents: sql`${ledgers.availableCents} + ${availableDelta}`, reservedCents: sql`${ledgers.reservedCents} + ${reservedDelta}`, updateDate: store.clock.nowMs() })
    .where(and(eq(ledgers.id, ledgerId), gte(ledgers.availableCents, needed)))
    .run()
  return result.changes === 1
}
