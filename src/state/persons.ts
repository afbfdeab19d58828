import { and, eq } from 'drizzle-orm'
import { consumers } from './db/schema'
import { SimError } from './errors'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'

// A "person" in LinkCy's verification and KYC operations: a consumer, or (with the corporate issue)
// a corporate-related physical person. Another partner's or another end-user's person reads as absent.
// Also the consumer row's plain reads and writes that every consumer-related module shares.

export type ConsumerRow = typeof consumers.$inferSelect

/** The consumer row with this id, whatever its partner (internal follow-ups of an already scoped operation). */
export function consumerById(store: Store, consumerId: string): ConsumerRow | undefined {
  return store.db.select().from(consumers).where(eq(consumers.id, consumerId)).get()
}

/** The consumer row with this id if it belongs to this partner. */
export function partnerConsumer(store: Store, partnerId: string, consumerId: string): ConsumerRow | undefined {
  return store.db.select().from(consumers).where(and(eq(consumers.partnerId, partnerId), eq(consumers.id, consumerId))).get()
}

/** The partner's consumer who has this phone (digits, country code first: the login and uniqueness key). */
export function consumerByPhone(store: Store, partnerId: string, phoneDigits: string): ConsumerRow | undefined {
  return store.db.select().from(consumers).where(and(eq(consumers.partnerId, partnerId), eq(consumers.phoneDigits, phoneDigits))).get()
}

/** Writes columns of a consumer row; its updateDate moves to `at` (LinkCy shows every change there). */
export function setConsumerColumns(store: Store, consumerId: string, columns: Partial<ConsumerRow>, at: number): void {
  store.db.update(consumers).set({ ...columns, updateDate: at }).where(eq(consumers.id, consumerId)).run()
}

/** The consumer with this id visible to the caller, or undefined. */
export function findConsumer(store: Store, scope: Scope, consumerId: string): ConsumerRow | undefined {
  if (isEndUser(scope) && scope.principal?.id !== consumerId) return undefined
  return partnerConsumer(store, scope.partnerId, consumerId)
}

/**
 * The consumer a verification or KYC operation targets; throws LinkCy's PERSON_NOT_FOUND (400 by
 * default, as documented for these operations; pass `status: 404` where the reference says so).
 */
export function getPersonConsumer(store: Store, scope: Scope, consumerId: string, field = 'consumerId', status?: 404): ConsumerRow {
  const row = findConsumer(store, scope, consumerId)
  if (!row) throw new SimError('PERSON_NOT_FOUND', ['CONSUMER', consumerId], { field, rejectedValue: consumerId, ...(status ? { status } : {}) })
  return row
}
