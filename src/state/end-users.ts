import type { PrincipalKind } from './db/tables/auth'
import { consumerByPhone, partnerConsumer, type ConsumerRow } from './persons'
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

const fromConsumer = (row: ConsumerRow): EndUserRef => ({
  kind: 'CONSUMER',
  id: row.id,
  partnerId: row.partnerId,
  phoneDigits: row.phoneDigits,
  linkcyStatus: row.linkcyStatus,
  suspensionStatus: row.suspensionStatus,
})

/** The end-user of this partner with this id, whatever its kind. */
export function findEndUser(store: Store, partnerId: string, id: string): EndUserRef | undefined {
  const consumer = partnerConsumer(store, partnerId, id)
  return consumer ? fromConsumer(consumer) : undefined
}

/** The end-user of this partner who logs in with this phone (digits, country code first). */
export function findEndUserByPhone(store: Store, partnerId: string, kind: EndUserRef['kind'], phoneDigits: string): EndUserRef | undefined {
  if (kind !== 'CONSUMER') return undefined // corporates arrive with the corporate issue
  const row = consumerByPhone(store, partnerId, phoneDigits)
  return row ? fromConsumer(row) : undefined
}

/** LinkCy refuses end-users it has forbidden or closed (END_USER_FORBIDDEN): logins, KYC requests. */
export function isForbidden(user: Pick<EndUserRef, 'linkcyStatus'>): boolean {
  return user.linkcyStatus === 'FORBIDDEN' || user.linkcyStatus === 'CLOSED'
}
