import { and, eq } from 'drizzle-orm'
import { storedAddress, type AddressInput } from './addresses'
import { normalizeCountryCode, phoneDigitsOf, type PhoneInput } from './consumers'
import { getCorporate, type CorporateRow } from './corporates'
import { relatedById, type RelatedRow } from './corporate-related'
import { corporateRelated } from './db/schema'
import { SimError } from './errors'
import { isUbo, ownershipGraph, type ShareEdge } from './kyb-graph'
import { assertKybOpen, noteKybDataChanged } from './kyb'
import { assertShareAllowed, insertShare, resolveOwnedEntity, sharesOfCorporate } from './shares'
import type { Store } from './store'
import type { Scope } from './scope'

// POST /corporates/{id}/related: declaring a corporate's related physical person or legal entity,
// with its position (director) and its shares. See corporate-related-update.ts for PATCH.

/** A physical person's info (CorporateRelatedPhysicalPersonInfoDto; null members read as absent). */
export interface PhysicalPersonInfo {
  kind: 'PHYSICAL_PERSON'
  firstName: string
  lastName: string
  address?: AddressInput | null
  nationalityCode?: string | null
  emailAddress?: string | null
  phone?: PhoneInput | null
  isSpecialUbo?: boolean | null
}

/** A legal entity's info (CorporateRelatedCorporateInfoDto). */
export interface LegalEntityInfo {
  kind: 'CORPORATE'
  registeredName: string
  tradeName?: string | null
  incorporationCountry: string
  incorporationCode: string
  website?: string | null
  industry?: string | null
  registeredAddress?: AddressInput | null
}

/** One share a declaration gives: of the corporate (no ownedCorporateId), or of one of its related entities. */
export interface ShareInfo {
  percentage: number
  ownedCorporateId?: string | null
}

export interface RelatedDeclareRequest {
  info: PhysicalPersonInfo | LegalEntityInfo
  isDirector: boolean
  directorAppointmentDate?: string | null
  sharesInfo: ShareInfo[]
}

/** Another of the corporate's related entities with this incorporation code and country (CORPORATE_RELATED_CORPORATE_ALREADY_ADDED). */
export function assertEntityNotAdded(store: Store, corporate: CorporateRow, country: string, code: string, exceptId?: string): void {
  const taken = store.db.select({ id: corporateRelated.id }).from(corporateRelated)
    .where(and(eq(corporateRelated.corporateId, corporate.id), eq(corporateRelated.incorporationCountry, country), eq(corporateRelated.incorporationCode, code)))
    .all()
    .some((r) => r.id !== exceptId)
  if (taken) throw new SimError('CORPORATE_RELATED_CORPORATE_ALREADY_ADDED', [code, country])
}

/**
 * A special UBO (designated because no shareholder reaches the UBO threshold) cannot be declared
 * while the corporate has a UBO: UBO_ALREADY_EXISTING. SIM: any UBO counts (by shares or special).
 */
export function assertNoUbo(store: Store, corporate: CorporateRow, exceptId?: string): void {
  const graph = ownershipGraph(store, corporate.id)
  if (graph.related.some((r) => isUbo(graph, corporate, r) && !(r.id === exceptId && r.isSpecialUbo))) {
    throw new SimError('UBO_ALREADY_EXISTING', [corporate.id])
  }
}

/**
 * The shares a declaration (or a PATCH's sharesInfo) gives `holderId`, checked against the
 * corporate's other shares: one per owned entity (MORE_THAN_ONE_SHARE_BY_OWNED_CORPORATE), owned
 * entities of the corporate, no cycle, not zero, each owned entity at 100% at most.
 */
export function checkedShares(store: Store, corporate: CorporateRow, holderId: string, sharesInfo: readonly ShareInfo[], others: readonly ShareEdge[]): ShareEdge[] {
  const owned = sharesInfo.map((s, i) => resolveOwnedEntity(store, corporate, s.ownedCorporateId, `sharesInfo[${i}].ownedCorporateId`)?.id ?? null)
  if (new Set(owned).size !== owned.length) {
    throw new SimError('MORE_THAN_ONE_SHARE_BY_OWNED_CORPORATE', [], { field: 'sharesInfo', rejectedValue: sharesInfo })
  }
  const edges: ShareEdge[] = sharesInfo.map((s, i) => ({ holderId, ownedRelatedId: owned[i]!, percentage: s.percentage }))
  edges.forEach((edge, i) => assertShareAllowed(corporate, others, edge, `sharesInfo[${i}].percentage`, true))
  return edges
}

/**
 * POST /corporates/{corporateId}/related (Kyb_declareCorporateRelatedEntity): a related physical
 * person or legal entity, its director position and its shares. Checks, in order: the corporate,
 * its KYB still open, an entity being a director or a shareholder and not added twice, the shares,
 * a special UBO only without another UBO. The KYB moves NOT_STARTED → COMPLETING.
 */
export function declareCorporateRelated(store: Store, scope: Scope, corporateId: string, req: RelatedDeclareRequest): RelatedRow {
  const corporate = getCorporate(store, scope, corporateId)
  assertKybOpen(corporate)
  const { info } = req
  if (info.kind === 'CORPORATE') {
    if (!req.isDirector && req.sharesInfo.length === 0) {
      throw new SimError('CORPORATE_RELATED_CORPORATE_MUST_BE_SHAREHOLDER_OR_DIRECTOR', [], { field: 'sharesInfo', rejectedValue: req.sharesInfo })
    }
    assertEntityNotAdded(store, corporate, info.incorporationCountry, info.incorporationCode)
  }
  const id = store.rng.uuid()
  const edges = checkedShares(store, corporate, id, req.sharesInfo, sharesOfCorporate(store, corporate.id))
  if (info.kind === 'PHYSICAL_PERSON' && info.isSpecialUbo) assertNoUbo(store, corporate)

  const now = store.clock.nowMs()
  store.db.insert(corporateRelated).values({
    id, partnerId: corporate.partnerId, corporateId: corporate.id, kind: info.kind, externalId: null,
    isDirector: req.isDirector, directorAppointmentDate: req.directorAppointmentDate ?? null,
    isAccountOwner: false, isSpecialUbo: info.kind === 'PHYSICAL_PERSON' && info.isSpecialUbo === true, isPep: false,
    ...(info.kind === 'PHYSICAL_PERSON' ? physicalColumns(info) : entityColumns(info)),
    creationDate: now, updateDate: now,
  }).run()
  for (const edge of edges) insertShare(store, corporate, edge, now)
  noteKybDataChanged(store, corporate, now)
  return relatedById(store, id)!
}

/** The columns of a declared physical person (its KYC not started yet). */
function physicalColumns(info: PhysicalPersonInfo): Partial<RelatedRow> & Pick<RelatedRow, 'profile'> {
  return {
    firstName: info.firstName, lastName: info.lastName, emailAddress: info.emailAddress ?? null, ...phoneColumns(info.phone),
    kycStatus: 'NOT_STARTED',
    profile: { ...(info.address ? { address: storedAddress(info.address) } : {}), ...(info.nationalityCode ? { nationalityCode: info.nationalityCode } : {}) },
  }
}

/** The columns of a declared legal entity. */
function entityColumns(info: LegalEntityInfo): Partial<RelatedRow> & Pick<RelatedRow, 'profile'> {
  return {
    registeredName: info.registeredName, tradeName: info.tradeName ?? null,
    incorporationCountry: info.incorporationCountry, incorporationCode: info.incorporationCode,
    profile: {
      ...(info.website ? { website: info.website } : {}), ...(info.industry ? { industry: info.industry } : {}),
      ...(info.registeredAddress ? { registeredAddress: storedAddress(info.registeredAddress) } : {}),
    },
  }
}

/** A phone's columns (a new phone is not verified); no phone: all null. */
export function phoneColumns(phone: PhoneInput | null | undefined): Pick<RelatedRow, 'phoneCountryCode' | 'phoneNumber' | 'phoneDigits' | 'phoneVerifiedAt'> {
  if (!phone) return { phoneCountryCode: null, phoneNumber: null, phoneDigits: null, phoneVerifiedAt: null }
  return { phoneCountryCode: normalizeCountryCode(phone.countryCode), phoneNumber: phone.number, phoneDigits: phoneDigitsOf(phone), phoneVerifiedAt: null }
}
