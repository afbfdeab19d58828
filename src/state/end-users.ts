import { and, eq } from 'drizzle-orm'
import { consumers } from './db/schema'
import type { PrincipalKind } from './db/tables/auth'
import type { Store } from './store'

// An end-user is a consumer or a corporate (through its account owner). This module hides which
// table holds one, for the operations that accept either (login, passwords, SMS, suspensions).

export interface EndUserRef {
  kind: Exclude<PrincipalKind, 'PARTNER'>
  id: string
  partnerId: string
  phoneDigits: string
  linkcyStatus: string
  suspensionStatus: string
}

const fromConsumer = (row: typeof consumers.$inferSelect): EndUserRef => ({
  kind: 'CONSUMER',
  id: row.id,
  partnerId: row.partnerId,
  phoneDigits: row.phoneDigits,
  linkcyStatus: row.linkcyStatus,
  suspensionStatus: row.suspensionStatus,
})

/** The end-user of this partner with this id, whatever its kind. */
export function findEndUser(store: Store, partnerId: string, id: string): EndUserRef | undefined {
  const consumer = store.db.select().from(consumers).where(and(eq(consumers.partnerId, partnerId), eq(consumers.id, id))).get()
  return consumer ? fromConsumer(consumer) : undefined
}

/** The end-user of this partner who logs in with this phone (digits, country code first). */
export function findEndUserByPhone(store: Store, partnerId: string, kind: EndUserRef['kind'], phoneDigits: string): EndUserRef | undefined {
  if (kind !== 'CONSUMER') return undefined // corporates arrive with the corporate issue
  const row = store.db
    .select()
    .from(consumers)
    .where(and(eq(consumers.partnerId, partnerId), eq(consumers.phoneDigits, phoneDigits)))
    .get()
  return row ? fromConsumer(row) : undefined
}

/** LinkCy refuses logins of end-users it has forbidden or closed (END_USER_FORBIDDEN). */
export function isForbidden(user: EndUserRef): boolean {
  return user.linkcyStatus === 'FORBIDDEN' || user.linkcyStatus === 'CLOSED'
}
