import { getCorporate, type CorporateRow } from './corporates'
import { getCorporateRelated, type RelatedRow } from './corporate-related'
import { SimError } from './errors'
import { isUbo, kycTypeOf, ownershipGraph, totalSharesOf, type OwnershipGraph, type PlacedShare } from './kyb-graph'
import { settleRelatedKyc } from './kyc-related'
import type { Scope } from './scope'
import type { Store } from './store'

// GET /corporates/{id}/related and GET /corporates/{id}/related/{relatedId}: each related person or
// entity with what the ownership graph says about it (its shares placed in layers, its total final
// percentage, whether it is a UBO) and the type of KYC LinkCy asks of it.

/** The short identity of a company (the corporate itself, or one of its related entities). */
export interface CompanyRef {
  id: string
  registeredName: string
  tradeName?: string | null
}

/** A share held by a related row, with the company it is a share of. */
export interface HeldShare {
  share: PlacedShare
  owned: CompanyRef
}

export interface RelatedView {
  row: RelatedRow
  corporate: CorporateRow
  shares: HeldShare[]
  totalSharesPercentage: number
  isUbo: boolean
  kycType: 'FULL_KYC' | 'DOC_ONLY' | 'NOT_REQUIRED'
}

/** A related row seen through its corporate's ownership graph. */
function viewOf(graph: OwnershipGraph, corporate: CorporateRow, row: RelatedRow): RelatedView {
  const company = (id: string | null): CompanyRef => {
    const entity = id ? graph.related.find((r) => r.id === id) : undefined
    return entity ? { id: entity.id, registeredName: entity.registeredName ?? '', tradeName: entity.tradeName } : corporate
  }
  return {
    row,
    corporate,
    shares: graph.shares.filter((s) => s.holderId === row.id).map((share) => ({ share, owned: company(share.ownedRelatedId) })),
    totalSharesPercentage: totalSharesOf(graph, row.id),
    isUbo: isUbo(graph, corporate, row),
    kycType: kycTypeOf(graph, corporate, row),
  }
}

/** The corporate's graph with every related person's KYC settled first (an expired link reads ABORTED). */
function settledGraph(store: Store, corporate: CorporateRow): OwnershipGraph {
  const before = ownershipGraph(store, corporate.id)
  const changed = before.related.filter((r) => r.kind === 'PHYSICAL_PERSON' && settleRelatedKyc(store, r) !== r)
  return changed.length > 0 ? ownershipGraph(store, corporate.id) : before
}

/** GET /corporates/{corporateId}/related/{corporateRelatedId} (Kyb_getCorporateRelatedInfo). */
export function getCorporateRelatedInfo(store: Store, scope: Scope, corporateId: string, relatedId: string): RelatedView {
  const { corporate } = getCorporateRelated(store, scope, corporateId, relatedId)
  const graph = settledGraph(store, corporate)
  return viewOf(graph, corporate, graph.related.find((r) => r.id === relatedId)!)
}

export interface RelatedListQuery {
  ownedCorporateId?: string
  layer?: number
  sortAttribute?: 'UPDATE_DATE' | 'CREATION_DATE'
  sortDirection?: 'ASC' | 'DESC'
}

/**
 * GET /corporates/{corporateId}/related (Kyb_getCorporateRelated): the corporate's related persons and
 * entities, optionally only the shareholders of one related entity (ownedCorporateId; the corporate's
 * own id: its direct shareholders; unknown: CORPORATE_RELATED_NOT_FOUND) or those holding a share at
 * `layer`. SIM: default order CREATION_DATE DESC, ties in declaration order.
 */
export function listCorporateRelated(store: Store, scope: Scope, corporateId: string, query: RelatedListQuery): RelatedView[] {
  const corporate = getCorporate(store, scope, corporateId)
  const graph = settledGraph(store, corporate)
  let rows = graph.related
  if (query.ownedCorporateId !== undefined) {
    const owned = query.ownedCorporateId === corporate.id ? null : graph.related.find((r) => r.id === query.ownedCorporateId && r.kind === 'CORPORATE')
    if (owned === undefined) throw new SimError('CORPORATE_RELATED_NOT_FOUND', [query.ownedCorporateId])
    const holders = new Set(graph.shares.filter((s) => s.ownedRelatedId === (owned?.id ?? null)).map((s) => s.holderId))
    rows = rows.filter((r) => holders.has(r.id))
  }
  if (query.layer !== undefined) {
    const holders = new Set(graph.shares.filter((s) => s.layer === query.layer).map((s) => s.holderId))
    rows = rows.filter((r) => holders.has(r.id))
  }
  const key = query.sortAttribute === 'UPDATE_DATE' ? 'updateDate' : 'creationDate'
  const sign = query.sortDirection === 'ASC' ? 1 : -1
  const order = new Map(graph.related.map((r, i) => [r.id, i]))
  const sorted = [...rows].sort((a, b) => sign * (a[key] - b[key] || order.get(a.id)! - order.get(b.id)!))
  return sorted.map((row) => viewOf(graph, corporate, row))
}
