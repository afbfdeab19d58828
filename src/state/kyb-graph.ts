import { eq } from 'drizzle-orm'
import { corporateRelated, corporateShares, type corporates } from './db/schema'
import type { Store } from './store'

// The ownership graph of a corporate: who holds shares of the corporate (layer 1) or of one of its
// related legal entities (layer n + 1 when that entity sits at layer n). A share's final percentage
// is its direct percentage times the owned entity's final percentage. UBOs are the physical persons
// whose final percentages add up to the threshold (25%, or 10% with extended UBOs).

type CorporateRow = typeof corporates.$inferSelect
export type RelatedRow = typeof corporateRelated.$inferSelect
export type ShareRow = typeof corporateShares.$inferSelect

/** A share with its place in the graph. A share whose owned entity does not reach the corporate has layer 0 and final 0. */
export interface PlacedShare extends ShareRow {
  layer: number
  finalPercentage: number
}

export interface OwnershipGraph {
  related: RelatedRow[]
  shares: PlacedShare[]
}

/** LinkCy's UBO threshold in percent for this corporate. */
export const uboThreshold = (corporate: Pick<CorporateRow, 'isExtendedUbos'>): number => (corporate.isExtendedUbos ? 10 : 25)

/** Floats as LinkCy stores them (float percentages): rounded to 4 decimals so 33.3333 × 3 reads back cleanly. */
const round = (value: number): number => Math.round(value * 10_000) / 10_000

/**
 * The corporate's related persons and entities and every share placed in the graph. An entity sits at
 * the lowest layer of its shares that reach the corporate, and its own final percentage is the sum of
 * their finals; a share of an entity that reaches nowhere (holds nothing, or only shares of such
 * entities) has layer 0 and final 0. A cycle (refused when shares are written) cannot occur.
 */
export function ownershipGraph(store: Store, corporateId: string): OwnershipGraph {
  const related = store.db.select().from(corporateRelated).where(eq(corporateRelated.corporateId, corporateId)).all()
  const rows = store.db.select().from(corporateShares).where(eq(corporateShares.corporateId, corporateId)).all()
  const held = new Map<string, ShareRow[]>()
  for (const share of rows) held.set(share.holderId, [...(held.get(share.holderId) ?? []), share])
  const placed = new Map<string, PlacedShare>()
  const entities = new Map<string, { layer: number; final: number } | null>()

  const entityPlace = (entityId: string): { layer: number; final: number } | null => {
    if (entities.has(entityId)) return entities.get(entityId) ?? null
    entities.set(entityId, null) // guards a (never stored) cycle
    const reaching = (held.get(entityId) ?? []).map(place).filter((s) => s.layer > 0)
    const at = reaching.length === 0 ? null
      : { layer: Math.min(...reaching.map((s) => s.layer)), final: reaching.reduce((sum, s) => sum + s.finalPercentage, 0) }
    entities.set(entityId, at)
    return at
  }
  function place(share: ShareRow): PlacedShare {
    const known = placed.get(share.id)
    if (known) return known
    const owned = share.ownedRelatedId === null ? { layer: 0, final: 100 } : entityPlace(share.ownedRelatedId)
    const result = owned
      ? { ...share, layer: owned.layer + 1, finalPercentage: round((share.percentage * owned.final) / 100) }
      : { ...share, layer: 0, finalPercentage: 0 }
    placed.set(share.id, result)
    return result
  }
  return { related, shares: rows.map(place) }
}

/** The total final percentage of the corporate a related person or entity holds, through all its shares. */
export function totalSharesOf(graph: OwnershipGraph, relatedId: string): number {
  return round(graph.shares.filter((s) => s.holderId === relatedId).reduce((sum, s) => sum + s.finalPercentage, 0))
}

/** Whether this related row is a UBO: a physical person at or over the threshold, or declared a special UBO. */
export function isUbo(graph: OwnershipGraph, corporate: Pick<CorporateRow, 'isExtendedUbos'>, related: RelatedRow): boolean {
  if (related.kind !== 'PHYSICAL_PERSON') return false
  return related.isSpecialUbo || totalSharesOf(graph, related.id) >= uboThreshold(corporate)
}

/**
 * LinkCy's complianceInfo: relatedLayersTotal = the deepest layer of the graph, maxUbosLayer = the
 * deepest layer where a UBO holds shares (0 when none). SIM: LinkCy does not define them further.
 */
export function complianceInfoOf(store: Store, corporate: CorporateRow): { maxUbosLayer: number; relatedLayersTotal: number; isExtendedUbos: boolean } {
  const graph = ownershipGraph(store, corporate.id)
  const ubos = new Set(graph.related.filter((r) => isUbo(graph, corporate, r)).map((r) => r.id))
  const layers = graph.shares.map((s) => s.layer)
  const uboLayers = graph.shares.filter((s) => ubos.has(s.holderId)).map((s) => s.layer)
  return {
    maxUbosLayer: uboLayers.length ? Math.max(...uboLayers) : 0,
    relatedLayersTotal: layers.length ? Math.max(...layers) : 0,
    isExtendedUbos: corporate.isExtendedUbos,
  }
}

/** The physical persons who are UBOs of the corporate, in declaration order. */
export function ubosOf(graph: OwnershipGraph, corporate: Pick<CorporateRow, 'isExtendedUbos'>): RelatedRow[] {
  return graph.related.filter((r) => isUbo(graph, corporate, r))
}

/**
 * LinkCy's kycInfo.type of a related person: the type of its KYC application once one exists; else
 * FULL_KYC for the first physical director declared, DOC_ONLY for the other directors and the UBOs,
 * NOT_REQUIRED for anyone else (the guide: "by default it's the first one you register").
 */
export function kycTypeOf(graph: OwnershipGraph, corporate: Pick<CorporateRow, 'isExtendedUbos'>, related: RelatedRow): 'FULL_KYC' | 'DOC_ONLY' | 'NOT_REQUIRED' {
  if (related.kycApplicationId && related.kycType) return related.kycType as 'FULL_KYC' | 'DOC_ONLY'
  if (related.kind !== 'PHYSICAL_PERSON') return 'NOT_REQUIRED'
  if (related.isDirector) {
    const directors = graph.related.filter((r) => r.kind === 'PHYSICAL_PERSON' && r.isDirector)
    const full = directors.find((r) => r.kycApplicationId && r.kycType === 'FULL_KYC') ?? directors[0]
    return full?.id === related.id ? 'FULL_KYC' : 'DOC_ONLY'
  }
  return isUbo(graph, corporate, related) ? 'DOC_ONLY' : 'NOT_REQUIRED'
}

/** The related persons whose KYC LinkCy requires before validating a KYB: every physical director and every UBO. */
export function kycRequiredOf(graph: OwnershipGraph, corporate: Pick<CorporateRow, 'isExtendedUbos'>): RelatedRow[] {
  return graph.related.filter((r) => r.kind === 'PHYSICAL_PERSON' && (r.isDirector || isUbo(graph, corporate, r)))
}

/** A share as the checks below see it: who holds what percentage of which entity (null: the corporate itself). */
export type ShareEdge = Pick<ShareRow, 'holderId' | 'ownedRelatedId' | 'percentage'> & { id?: string }

/**
 * The total direct percentage of the entity `ownedRelatedId` (null: the corporate) its shares would
 * add up to with `change` applied (a new share, or an existing one with its new percentage).
 */
export function ownedTotal(shares: readonly ShareEdge[], change: ShareEdge): number {
  const others = shares.filter((s) => s.ownedRelatedId === change.ownedRelatedId && (change.id === undefined || s.id !== change.id))
  return round(others.reduce((sum, s) => sum + s.percentage, 0) + change.percentage)
}

/** Whether the total of an owned entity is over 100% (float noise below 1e-6 ignored). */
export const isOver100 = (total: number): boolean => total > 100 + 1e-6

/**
 * Whether `holderId` holding shares of `ownedRelatedId` would close a loop: the owned entity (or an
 * entity it holds shares of, at any depth) already holds shares of the holder, or holder = owned.
 */
export function wouldCycle(shares: readonly ShareEdge[], holderId: string, ownedRelatedId: string | null): boolean {
  const seen = new Set<string>()
  const stack = ownedRelatedId ? [ownedRelatedId] : []
  while (stack.length > 0) {
    const entity = stack.pop()!
    if (entity === holderId) return true
    if (seen.has(entity)) continue
    seen.add(entity)
    for (const s of shares) if (s.holderId === entity && s.ownedRelatedId) stack.push(s.ownedRelatedId)
  }
  return false
}

/** A percentage as LinkCy's Java backend prints a float in messages: 110 → "110.0", 33.3333 stays. */
export function formatPercent(value: number): string {
  const rounded = round(value)
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded)
}
