import { and, desc, eq, ne, sql } from 'drizzle-orm'
import type { StoredAddress } from './addresses'
import { accountOwnerOf, corporateById, corporateByPhone, partnerCorporate, setCorporateColumns, type CorporateRow } from './corporates'
import type { PrincipalKind } from './db/tables/auth'
import { scaDevices } from './db/schema'
import { consumerById, consumerByPhone, partnerConsumer, setConsumerColumns, type ConsumerRow } from './persons'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'
import { emitEvent } from './webhooks'

// An end-user is a consumer or a corporate (through its account owner). This module hides which
// table holds one, for the operations that accept either (login, passwords, SMS, SCA, suspensions,
// and every money and card operation through state/end-user-checks.ts).

export interface EndUserRef {
  kind: Exclude<PrincipalKind, 'PARTNER'>
  id: string
  partnerId: string
  /** The login: the consumer's phone, or the corporate account owner's. */
  phoneDigits: string
  /** The identity check that gates banking: the consumer's KYC status, or the corporate's KYB status. */
  identityStatus: string
  linkcyStatus: string
  suspensionStatus: string
  bankingStatus: string
  complianceStatus: string
  lastTermsAccepted: string | null
  statusReasons: Record<string, string>
  updateDate: number
  /** The name LinkCy shows for the end-user (transactions, statements): the consumer's first and last names, the corporate's registered name. */
  name?: string
  /** The person's names: the consumer's, or the corporate account owner's (a card's default name). */
  firstName?: string
  lastName?: string
  /** The postal address: the consumer's declared one, or the corporate's business address (else its registered one). */
  address?: StoredAddress
}

const joinNames = (...names: (string | null | undefined)[]): string | undefined => names.filter(Boolean).join(' ') || undefined

const fromConsumer = (row: ConsumerRow): EndUserRef => ({
  kind: 'CONSUMER',
  id: row.id,
  partnerId: row.partnerId,
  phoneDigits: row.phoneDigits,
  identityStatus: row.kycStatus,
  linkcyStatus: row.linkcyStatus,
  suspensionStatus: row.suspensionStatus,
  bankingStatus: row.bankingStatus,
  complianceStatus: row.complianceStatus,
  lastTermsAccepted: row.lastTermsAccepted,
  statusReasons: row.statusReasons,
  updateDate: row.updateDate,
  name: joinNames(row.firstName, row.lastName),
  firstName: row.firstName ?? undefined,
  lastName: row.lastName ?? undefined,
  address: row.profile.address,
})

function fromCorporate(store: Store, row: CorporateRow): EndUserRef {
  const owner = accountOwnerOf(store, row.id)
  return {
    kind: 'CORPORATE',
    id: row.id,
    partnerId: row.partnerId,
    phoneDigits: row.phoneDigits,
    identityStatus: row.kybStatus,
    linkcyStatus: row.linkcyStatus,
    suspensionStatus: row.suspensionStatus,
    bankingStatus: row.bankingStatus,
    complianceStatus: row.complianceStatus,
    lastTermsAccepted: row.lastTermsAccepted,
    statusReasons: row.statusReasons,
    updateDate: row.updateDate,
    name: row.registeredName,
    firstName: owner?.firstName ?? undefined,
    lastName: owner?.lastName ?? undefined,
    address: row.profile.businessAddress ?? row.profile.registeredAddress,
  }
}

/** The end-user of this partner with this id, whatever its kind. */
export function findEndUser(store: Store, partnerId: string, id: string): EndUserRef | undefined {
  const consumer = partnerConsumer(store, partnerId, id)
  if (consumer) return fromConsumer(consumer)
  const corporate = partnerCorporate(store, partnerId, id)
  return corporate ? fromCorporate(store, corporate) : undefined
}

/** The end-user with this id visible to the caller: the partner's, and for an end-user token only itself. */
export function findVisibleEndUser(store: Store, scope: Scope, id: string): EndUserRef | undefined {
  if (isEndUser(scope) && scope.principal?.id !== id) return undefined
  return findEndUser(store, scope.partnerId, id)
}

/** The end-user with this id whatever its partner (internal follow-ups: jobs, the other side of a transfer, documents). */
export function endUserById(store: Store, id: string): EndUserRef | undefined {
  const consumer = consumerById(store, id)
  if (consumer) return fromConsumer(consumer)
  const corporate = corporateById(store, id)
  return corporate ? fromCorporate(store, corporate) : undefined
}

/** The end-user of this partner who logs in with this phone (digits, country code first). */
export function findEndUserByPhone(store: Store, partnerId: string, kind: EndUserRef['kind'], phoneDigits: string): EndUserRef | undefined {
  if (kind === 'CONSUMER') {
    const row = consumerByPhone(store, partnerId, phoneDigits)
    return row ? fromConsumer(row) : undefined
  }
  const corporate = corporateByPhone(store, partnerId, phoneDigits)
  return corporate ? fromCorporate(store, corporate) : undefined
}

/** LinkCy refuses end-users it has forbidden or closed (END_USER_FORBIDDEN): logins, KYC requests. */
export function isForbidden(user: Pick<EndUserRef, 'linkcyStatus'>): boolean {
  return user.linkcyStatus === 'FORBIDDEN' || user.linkcyStatus === 'CLOSED'
}

/** The status columns any end-user row has, which the operations on either kind write. */
export type EndUserStatusColumns = Partial<Pick<ConsumerRow & CorporateRow, 'suspensionStatus' | 'statusReasons'>>

/** Writes status columns of an end-user of either kind; its updateDate moves to `at`. */
export function setEndUserColumns(store: Store, user: Pick<EndUserRef, 'kind' | 'id'>, columns: EndUserStatusColumns, at: number): void {
  if (user.kind === 'CONSUMER') setConsumerColumns(store, user.id, columns, at)
  else setCorporateColumns(store, user.id, columns, at)
}

/** The end-user's current SCA device (the newest one not removed), as its GET shows it (strongAuthentication). */
export function currentScaDevice(store: Store, partnerId: string, endUserId: string): typeof scaDevices.$inferSelect | undefined {
  return store.db
    .select()
    .from(scaDevices)
    .where(and(eq(scaDevices.partnerId, partnerId), eq(scaDevices.endUserId, endUserId), ne(scaDevices.status, 'REMOVED')))
    .orderBy(desc(scaDevices.creationDate), desc(sql`rowid`))
    .get()
}

/** Tells the partner's webhooks an end-user changed outside its KYC / KYB: CONSUMER_UPDATED or CORPORATE_UPDATED. */
export function emitEndUserUpdated(store: Store, user: EndUserRef): void {
  const status = { linkcyStatus: user.linkcyStatus, suspensionStatus: user.suspensionStatus }
  if (user.kind === 'CORPORATE') emitEvent(store, user.partnerId, 'CORPORATE_UPDATED', { id: user.id, kybStatus: user.identityStatus, ...status })
  else emitEvent(store, user.partnerId, 'CONSUMER_UPDATED', { id: user.id, kycStatus: user.identityStatus, ...status })
}
