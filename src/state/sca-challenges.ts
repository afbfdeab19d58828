import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import { scaInteractions, type ScaInteractionStatus } from './db/schema'
import { SimError } from './errors'
import type { Store } from './store'

// SCA interactions ("challenges"): PENDING until the end-user approves or declines on the phone;
// an APPROVED one authorises exactly one replay of the request it is bound to (then CONSUMED).
// Time-based transitions (expiry, the partner's auto-approve) are applied when read.

export type ScaInteractionRow = typeof scaInteractions.$inferSelect

/** The status an interaction has now: stored status plus auto-approval and expiry on the simulator clock. */
export function effectiveStatus(row: ScaInteractionRow, now: number): ScaInteractionStatus {
  let status = row.status
  if (status === 'PENDING' && row.autoApproveAt !== null && now >= row.autoApproveAt && row.autoApproveAt < row.expiresAt) status = 'APPROVED'
  if ((status === 'PENDING' || status === 'APPROVED') && now >= row.expiresAt) status = 'EXPIRED'
  return status
}

/** Writes the effective status when time changed it, so listings and later reads agree. */
function settle(store: Store, row: ScaInteractionRow): ScaInteractionRow {
  const status = effectiveStatus(row, store.clock.nowMs())
  if (status === row.status) return row
  const decidedAt = status === 'APPROVED' ? row.autoApproveAt : status === 'EXPIRED' ? row.expiresAt : row.decidedAt
  store.db.update(scaInteractions).set({ status, decidedAt }).where(and(eq(scaInteractions.id, row.id), eq(scaInteractions.status, row.status))).run()
  return { ...row, status, decidedAt }
}

/** Inserts an interaction (caller supplies the binding). */
export function insertInteraction(store: Store, row: ScaInteractionRow): ScaInteractionRow {
  store.db.insert(scaInteractions).values(row).run()
  return row
}

/** An interaction of this partner by scaId, settled; undefined when unknown (or another partner's). */
export function findInteraction(store: Store, partnerId: string | undefined, scaId: string): ScaInteractionRow | undefined {
  const row = store.db.select().from(scaInteractions).where(eq(scaInteractions.id, scaId)).get()
  if (!row || (partnerId !== undefined && row.partnerId !== partnerId)) return undefined
  return settle(store, row)
}

/** The interaction waiting for this join code, settled. */
export function findInteractionByJoinCode(store: Store, joinCode: string): ScaInteractionRow | undefined {
  const row = store.db.select().from(scaInteractions).where(eq(scaInteractions.joinCode, joinCode)).get()
  return row ? settle(store, row) : undefined
}

/**
 * Marks an APPROVED interaction CONSUMED. The conditional update is the guard: of concurrent replays
 * only one sees `changes === 1`.
 */
export function consumeInteraction(store: Store, scaId: string): boolean {
  const now = store.clock.nowMs()
  const result = store.db.update(scaInteractions).set({ status: 'CONSUMED', consumedAt: now })
    .where(and(eq(scaInteractions.id, scaId), eq(scaInteractions.status, 'APPROVED'))).run()
  return result.changes === 1
}

/** Gives a consumed interaction back when the operation it authorised did not succeed. */
export function releaseInteraction(store: Store, scaId: string): void {
  store.db.update(scaInteractions).set({ status: 'APPROVED', consumedAt: null })
    .where(and(eq(scaInteractions.id, scaId), eq(scaInteractions.status, 'CONSUMED'))).run()
}

export interface InteractionFilter {
  partnerId?: string
  endUserId?: string
  status?: ScaInteractionStatus
}

/** Interactions (not DATA_SIGNING records), newest first, settled, optionally filtered. */
export function listInteractions(store: Store, filter: InteractionFilter): ScaInteractionRow[] {
  const where: SQL[] = []
  if (filter.partnerId) where.push(eq(scaInteractions.partnerId, filter.partnerId))
  if (filter.endUserId) where.push(eq(scaInteractions.endUserId, filter.endUserId))
  const rows = store.db.select().from(scaInteractions).where(and(...where)).orderBy(desc(scaInteractions.createdAt), desc(sql`rowid`)).all()
  return rows
    .filter((r) => r.strategy !== 'DATA_SIGNING')
    .map((r) => settle(store, r))
    .filter((r) => !filter.status || r.status === filter.status)
}

/**
 * The end-user's answer on the phone. Only a PENDING interaction can be approved (approving an
 * approved one is a no-op); a PENDING or APPROVED one can be declined.
 */
export function decideInteraction(store: Store, scaId: string, decision: 'APPROVE' | 'DECLINE'): ScaInteractionRow {
  const row = findInteraction(store, undefined, scaId)
  if (!row || row.strategy === 'DATA_SIGNING') throw new SimError('SCA_INTERACTION_NOT_FOUND')
  assertOpen(row)
  const status = decision === 'APPROVE' ? 'APPROVED' : 'DECLINED'
  if (row.status === status) return row
  const decidedAt = store.clock.nowMs()
  store.db.update(scaInteractions).set({ status, decidedAt }).where(eq(scaInteractions.id, row.id)).run()
  return { ...row, status, decidedAt }
}

/** Lets the phone join a JOIN_CODE interaction (it then shows it to the end-user). */
export function joinInteraction(store: Store, row: ScaInteractionRow): ScaInteractionRow {
  assertOpen(row)
  const joinedAt = row.joinedAt ?? store.clock.nowMs()
  store.db.update(scaInteractions).set({ joinedAt }).where(eq(scaInteractions.id, row.id)).run()
  return { ...row, joinedAt }
}

/** Control plane: ends an interaction's life now, as if its TTL had run out. */
export function expireInteraction(store: Store, scaId: string): ScaInteractionRow {
  const row = findInteraction(store, undefined, scaId)
  if (!row || row.strategy === 'DATA_SIGNING') throw new SimError('SCA_INTERACTION_NOT_FOUND')
  assertOpen(row)
  const now = store.clock.nowMs()
  store.db.update(scaInteractions).set({ status: 'EXPIRED', expiresAt: now, decidedAt: now }).where(eq(scaInteractions.id, row.id)).run()
  return { ...row, status: 'EXPIRED', expiresAt: now, decidedAt: now }
}

/** Throws LinkCy's code for an interaction that can no longer be decided. */
export function assertOpen(row: ScaInteractionRow): void {
  if (row.status === 'CONSUMED') throw new SimError('SCA_INTERACTION_ALREADY_CONSUMED')
  if (row.status === 'DECLINED' || row.status === 'EXPIRED') throw new SimError('SCA_INTERACTION_DECLINED')
}
