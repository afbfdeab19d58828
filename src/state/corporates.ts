import { and, eq } from 'drizzle-orm'
import type { KybStatus } from './corporate-enums'
import { corporateRelated, corporates } from './db/schema'
import { SimError } from './errors'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'
import { statusesForIdentity } from './transitions'
import { emitEvent } from './webhooks'

// Corporates: LinkCy's company end-users. This module holds the row reads and writes every corporate
// module shares, the scoped lookup (CORPORATE_NOT_FOUND) and the single writer of the KYB status.
// Creation: corporates-create.ts; update: corporates-update.ts; list: corporates-list.ts; sandbox
// deletion: corporates-delete.ts; GET's derived data: corporates-info.ts.

export type CorporateRow = typeof corporates.$inferSelect
export type CorporateRelatedRow = typeof corporateRelated.$inferSelect

/** The corporate row with this id, whatever its partner (internal follow-ups of a scoped operation). */
export function corporateById(store: Store, corporateId: string): CorporateRow | undefined {
  return store.db.select().from(corporates).where(eq(corporates.id, corporateId)).get()
}

/** The corporate row with this id if it belongs to this partner. */
export function partnerCorporate(store: Store, partnerId: string, corporateId: string): CorporateRow | undefined {
  return store.db.select().from(corporates).where(and(eq(corporates.partnerId, partnerId), eq(corporates.id, corporateId))).get()
}

/** The partner's corporate whose account owner has this phone (digits, country code first: the login). */
export function corporateByPhone(store: Store, partnerId: string, phoneDigits: string): CorporateRow | undefined {
  return store.db.select().from(corporates).where(and(eq(corporates.partnerId, partnerId), eq(corporates.phoneDigits, phoneDigits))).get()
}

/** The corporate's account owner: the related physical person who logs in for it. */
export function accountOwnerOf(store: Store, corporateId: string): CorporateRelatedRow | undefined {
  return store.db.select().from(corporateRelated).where(and(eq(corporateRelated.corporateId, corporateId), eq(corporateRelated.isAccountOwner, true))).get()
}

/** Writes columns of a corporate row; its updateDate moves to `at` (LinkCy shows every change there). */
export function setCorporateColumns(store: Store, corporateId: string, columns: Partial<CorporateRow>, at: number): void {
  store.db.update(corporates).set({ ...columns, updateDate: at }).where(eq(corporates.id, corporateId)).run()
}

/** The corporate visible to the caller (the partner's, or the corporate end-user itself), or undefined. */
export function findCorporate(store: Store, scope: Scope, corporateId: string): CorporateRow | undefined {
  if (isEndUser(scope) && scope.principal?.id !== corporateId) return undefined
  return partnerCorporate(store, scope.partnerId, corporateId)
}

/** The corporate visible to the caller, or LinkCy's 404 CORPORATE_NOT_FOUND. */
export function getCorporate(store: Store, scope: Scope, corporateId: string): CorporateRow {
  const row = findCorporate(store, scope, corporateId)
  if (!row) throw new SimError('CORPORATE_NOT_FOUND', [corporateId])
  return row
}


export interface KybStatusOptions {
  /** LinkCy's reason for the status (shown as status.kyb.reason); null clears it. Default: cleared. */
  reason?: string | null
  /** When the partner last asked for a KYB verification (status.kyb.lastVerificationRequestDate). */
  lastVerificationRequestAt?: number
}

/**
 * The ONLY writer of a corporate's KYB status: sets it with the axes that follow it (LinkCy, banking,
 * compliance: statusesForIdentity), moves updateDate to `at`, and tells the partner's webhooks
 * (CORPORATE_KYB_VALIDATED, or CORPORATE_KYB_UPDATED for any other status) when the status changed.
 */
export function setCorporateKybStatus(store: Store, corporateId: string, status: KybStatus, at: number, options: KybStatusOptions = {}): CorporateRow {
  const row = corporateById(store, corporateId)
  if (!row) throw new SimError('CORPORATE_NOT_FOUND', [corporateId])
  const set: Partial<CorporateRow> = {
    kybStatus: status,
    kybStatusReason: options.reason ?? null,
    ...statusesForIdentity(status),
    ...(options.lastVerificationRequestAt !== undefined ? { kybLastVerificationRequestAt: options.lastVerificationRequestAt } : {}),
  }
  setCorporateColumns(store, corporateId, set, at)
  const next = { ...row, ...set, updateDate: at }
  if (status !== row.kybStatus) emitEvent(store, row.partnerId, status === 'VALIDATED' ? 'CORPORATE_KYB_VALIDATED' : 'CORPORATE_KYB_UPDATED', corporateData(next))
  return next
}

/** CORPORATE_*: the webhook data of a corporate { id, kybStatus, linkcyStatus, suspensionStatus }. */
export const corporateData = (c: Pick<CorporateRow, 'id' | 'kybStatus' | 'linkcyStatus' | 'suspensionStatus'>) =>
  ({ id: c.id, kybStatus: c.kybStatus, linkcyStatus: c.linkcyStatus, suspensionStatus: c.suspensionStatus })
