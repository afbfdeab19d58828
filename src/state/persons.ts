import { and, eq } from 'drizzle-orm'
import { consumers } from './db/schema'
import { SimError } from './errors'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'

// A "person" in LinkCy's verification and KYC operations: a consumer, or (with the corporate issue)
// a corporate-related physical person. Another partner's or another end-user's person reads as absent.

export type ConsumerRow = typeof consumers.$inferSelect

/** The consumer with this id visible to the caller, or undefined. */
export function findConsumer(store: Store, scope: Scope, consumerId: string): ConsumerRow | undefined {
  if (isEndUser(scope) && scope.principal?.id !== consumerId) return undefined
  return store.db.select().from(consumers).where(and(eq(consumers.partnerId, scope.partnerId), eq(consumers.id, consumerId))).get()
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
