import { and, eq } from 'drizzle-orm'
import { corporateById, type CorporateRow } from './corporates'
import { findRelated, relatedById } from './corporate-related'
import { corporateShares } from './db/schema'
import { SimError } from './errors'
import { formatPercent, isOver100, ownedTotal, ownershipGraph, wouldCycle, type PlacedShare, type RelatedRow, type ShareEdge, type ShareRow } from './kyb-graph'
import { noteKybDataChanged } from './kyb'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'

// Shares (tag KYB): a related person or entity holds a percentage of the corporate itself (a direct
// share, layer 1) or of one of the corporate's related entities (an indirect share, one layer deeper).
// Every write keeps each owned entity at 100% at most and the ownership graph free of cycles.

/** A share with its place in the ownership graph, its holder and what it owns (null: the corporate itself). */
export interface ShareView {
  share: PlacedShare
  corporate: CorporateRow
  holder: RelatedRow
  owned: RelatedRow | null
}

/** POST /shares body. */
export interface ShareCreateRequest {
  corporateRelatedId: string
  percentage: number
  ownedCorporateId?: string | null
}

/** The corporate's shares as stored. */
export function sharesOfCorporate(store: Store, corporateId: string): ShareRow[] {
  return store.db.select().from(corporateShares).where(eq(corporateShares.corporateId, corporateId)).all()
}

/**
 * The entity an ownedCorporateId names: one of the corporate's related legal entities (null for the
 * corporate's own id: a direct share); anything else is OWNED_CORPORATE_NOT_FOUND (400, on `field`).
 */
export function resolveOwnedEntity(store: Store, corporate: CorporateRow, ownedCorporateId: string | null | undefined, field: string): RelatedRow | null {
  if (!ownedCorporateId || ownedCorporateId === corporate.id) return null
  const owned = relatedById(store, ownedCorporateId)
  if (!owned || owned.corporateId !== corporate.id || owned.kind !== 'CORPORATE') {
    throw new SimError('OWNED_CORPORATE_NOT_FOUND', [ownedCorporateId], { field, rejectedValue: ownedCorporateId })
  }
  return owned
}

/**
 * LinkCy's checks of a share about to be written among the corporate's `shares`: not zero, one share
 * per holder and owned entity (a new share), no cycle, and the owned entity at 100% at most.
 */
export function assertShareAllowed(corporate: CorporateRow, shares: readonly ShareEdge[], change: ShareEdge, field: string, isNew: boolean): void {
  if (change.percentage === 0) throw new SimError('SHARE_PERCENTAGE_EQUALS_ZERO', [], { field, rejectedValue: change.percentage })
  if (isNew && shares.some((s) => s.holderId === change.holderId && s.ownedRelatedId === change.ownedRelatedId)) {
    throw new SimError('SHARE_ALREADY_EXIST', [change.holderId, change.ownedRelatedId ?? corporate.id])
  }
  if (isNew && wouldCycle(shares, change.holderId, change.ownedRelatedId)) throw new SimError('CYCLIC_SHARE_DEPENDENCY')
  const total = ownedTotal(shares, change)
  if (isOver100(total)) {
    throw new SimError('TOTAL_SHARES_PERCENTAGE_IS_OVER_100', [change.ownedRelatedId ?? corporate.id, formatPercent(total)], { field, rejectedValue: change.percentage })
  }
}

/** Inserts a share (already checked). */
export function insertShare(store: Store, corporate: CorporateRow, edge: ShareEdge, at: number): ShareRow {
  const row: ShareRow = {
    id: store.rng.uuid(), partnerId: corporate.partnerId, corporateId: corporate.id, holderId: edge.holderId,
    ownedRelatedId: edge.ownedRelatedId, percentage: edge.percentage, creationDate: at, updateDate: at,
  }
  store.db.insert(corporateShares).values(row).run()
  return row
}

/**
 * POST /shares (Kyb_createShare): the related person or entity `corporateRelatedId` now holds
 * `percentage` of the corporate, or of its related entity `ownedCorporateId`. An unknown holder is
 * CORPORATE_RELATED_NOT_FOUND (400: it is named in the body).
 */
export function createShare(store: Store, scope: Scope, req: ShareCreateRequest): ShareRow {
  const holder = findRelated(store, scope, req.corporateRelatedId)
  if (!holder) throw new SimError('CORPORATE_RELATED_NOT_FOUND', [req.corporateRelatedId], { status: 400, field: 'corporateRelatedId', rejectedValue: req.corporateRelatedId })
  const corporate = corporateById(store, holder.corporateId)!
  if (req.percentage === 0) throw new SimError('SHARE_PERCENTAGE_EQUALS_ZERO', [], { field: 'percentage', rejectedValue: req.percentage })
  const owned = resolveOwnedEntity(store, corporate, req.ownedCorporateId, 'ownedCorporateId')
  const edge: ShareEdge = { holderId: holder.id, ownedRelatedId: owned?.id ?? null, percentage: req.percentage }
  assertShareAllowed(corporate, sharesOfCorporate(store, corporate.id), edge, 'percentage', true)
  const now = store.clock.nowMs()
  const row = insertShare(store, corporate, edge, now)
  noteKybDataChanged(store, corporate, now)
  return row
}

/** The share this caller may see (of its partner's corporates; a corporate end-user: its own); SHARE_NOT_FOUND (404) otherwise. */
function getShareRow(store: Store, scope: Scope, shareId: string): ShareRow {
  const row = store.db.select().from(corporateShares).where(and(eq(corporateShares.partnerId, scope.partnerId), eq(corporateShares.id, shareId))).get()
  if (!row || (isEndUser(scope) && !findRelated(store, scope, row.holderId))) throw new SimError('SHARE_NOT_FOUND', [shareId])
  return row
}

/** GET /shares/{shareId} (Kyb_getShareInformation): the share placed in its corporate's ownership graph. */
export function getShare(store: Store, scope: Scope, shareId: string): ShareView {
  return shareView(store, getShareRow(store, scope, shareId))
}

/** A stored share with its layer, final percentage, holder and owned entity. */
export function shareView(store: Store, row: ShareRow): ShareView {
  const graph = ownershipGraph(store, row.corporateId)
  const share = graph.shares.find((s) => s.id === row.id)!
  const byId = (id: string | null) => (id ? graph.related.find((r) => r.id === id) ?? null : null)
  return { share, corporate: corporateById(store, row.corporateId)!, holder: byId(row.holderId)!, owned: byId(row.ownedRelatedId) }
}

/**
 * PATCH /shares/{shareId} (Kyb_updateShareInformation): a new percentage, never zero, keeping the
 * owned entity at 100% at most.
 */
export function updateShare(store: Store, scope: Scope, shareId: string, percentage: number): ShareRow {
  const row = getShareRow(store, scope, shareId)
  const corporate = corporateById(store, row.corporateId)!
  assertShareAllowed(corporate, sharesOfCorporate(store, corporate.id), { ...row, percentage }, 'percentage', false)
  const now = store.clock.nowMs()
  store.db.update(corporateShares).set({ percentage, updateDate: now }).where(eq(corporateShares.id, row.id)).run()
  noteKybDataChanged(store, corporate, now)
  return { ...row, percentage, updateDate: now }
}

/** DELETE /shares/{shareId} (Kyb_deleteShare): the holder no longer holds this share. */
export function deleteShare(store: Store, scope: Scope, shareId: string): void {
  const row = getShareRow(store, scope, shareId)
  store.db.delete(corporateShares).where(eq(corporateShares.id, row.id)).run()
  noteKybDataChanged(store, corporateById(store, row.corporateId)!, store.clock.nowMs())
}
