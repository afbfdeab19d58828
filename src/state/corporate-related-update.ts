import { and, eq } from 'drizzle-orm'
import { storedAddress, type AddressInput } from './addresses'
import { phoneDigitsOf, type PhoneInput } from './consumers'
import { findCorporate } from './corporates'
import { findRelated, relatedById, setRelatedColumns, type RelatedRow } from './corporate-related'
import { assertEntityNotAdded, assertNoUbo, checkedShares, phoneColumns, type ShareInfo } from './corporate-related-write'
import { corporateShares } from './db/schema'
import { SimError } from './errors'
import type { CorporateRelatedProfile } from './db/tables/corporates'
import { assertKybOpen, noteKybDataChanged } from './kyb'
import { insertShare, sharesOfCorporate } from './shares'
import type { Scope } from './scope'
import type { Store } from './store'
import { compact } from './objects'

// PATCH /corporates/{corporateId}/related/{corporateRelatedId}: changes a related person's or
// entity's data and position. A new phone or e-mail address is no longer verified.

type Nullable<T> = { [K in keyof T]?: T[K] | null }

/** The fields only a physical person has (CorporateRelatedPhysicalPersonUpdateRequestDto). */
export const PHYSICAL_FIELDS = ['firstName', 'middleName', 'lastName', 'address', 'nationalityCode', 'emailAddress', 'phone', 'isSpecialUbo'] as const
/** The fields only a legal entity has (CorporateRelatedCorporateUpdateRequestDto). */
export const ENTITY_FIELDS = ['registeredName', 'tradeName', 'incorporationCountry', 'incorporationCode', 'website', 'industry', 'registeredAddress'] as const

export interface RelatedUpdateRequest extends Nullable<{
  externalId: string
  isDirector: boolean
  directorAppointmentDate: string
  firstName: string
  middleName: string
  lastName: string
  address: AddressInput
  nationalityCode: string
  emailAddress: string
  phone: PhoneInput
  isSpecialUbo: boolean
  registeredName: string
  tradeName: string
  incorporationCountry: string
  incorporationCode: string
  website: string
  industry: string
  registeredAddress: AddressInput
  /** SIM: replaces the related's shares (as declared on creation); the reference's PATCH documents TOTAL_SHARES_PERCENTAGE_IS_OVER_100. */
  sharesInfo: ShareInfo[]
}> {}

/**
 * PATCH /corporates/{corporateId}/related/{corporateRelatedId} (Kyb_updateCorporateRelatedEntity).
 * Checks, in order: the corporate (SIM: PERSON_NOT_FOUND of type CORPORATE, 400, the reference
 * listing no CORPORATE_NOT_FOUND here), the related row (CORPORATE_RELATED_NOT_FOUND), fields of the
 * other kind (CORPORATE_RELATED_ENTITY_NOT_COMPATIBLE), a KYB still open unless only externalId
 * changes, the account owner's phone, an entity's incorporation and position, the shares, a special UBO.
 */
export function updateCorporateRelated(store: Store, scope: Scope, corporateId: string, relatedId: string, req: RelatedUpdateRequest): RelatedRow {
  const corporate = findCorporate(store, scope, corporateId)
  if (!corporate) throw new SimError('PERSON_NOT_FOUND', ['CORPORATE', corporateId], { field: 'corporateId', rejectedValue: corporateId })
  const related = relatedById(store, relatedId)
  if (!related || related.corporateId !== corporate.id) throw new SimError('CORPORATE_RELATED_NOT_FOUND', [relatedId])
  const given = compact(req as Record<string, unknown>)
  const foreign = (related.kind === 'CORPORATE' ? PHYSICAL_FIELDS : ENTITY_FIELDS).find((f) => f in given)
  if (foreign) throw new SimError('CORPORATE_RELATED_ENTITY_NOT_COMPATIBLE', [relatedId], { field: foreign, rejectedValue: given[foreign] })
  const changesData = Object.keys(given).some((k) => k !== 'externalId')
  if (changesData) assertKybOpen(corporate)
  if (related.isAccountOwner && req.phone && phoneDigitsOf(req.phone) !== related.phoneDigits) throw new SimError('ACCOUNT_OWNER_PHONE_CANNOT_BE_PATCHED')

  const isDirector = req.isDirector ?? related.isDirector
  let shares: ReturnType<typeof checkedShares> | undefined
  if (related.kind === 'CORPORATE') {
    const country = req.incorporationCountry ?? related.incorporationCountry!
    const code = req.incorporationCode ?? related.incorporationCode!
    if (country !== related.incorporationCountry || code !== related.incorporationCode) assertEntityNotAdded(store, corporate, country, code, related.id)
  }
  const all = sharesOfCorporate(store, corporate.id)
  if (req.sharesInfo) shares = checkedShares(store, corporate, related.id, req.sharesInfo, all.filter((s) => s.holderId !== related.id))
  const holdsShares = shares ? shares.length > 0 : all.some((s) => s.holderId === related.id)
  if (related.kind === 'CORPORATE' && !isDirector && !holdsShares) {
    throw new SimError('CORPORATE_RELATED_CORPORATE_MUST_BE_SHAREHOLDER_OR_DIRECTOR', [], { field: req.isDirector === false ? 'isDirector' : 'sharesInfo', rejectedValue: req.isDirector ?? req.sharesInfo })
  }
  if (req.isSpecialUbo === true && !related.isSpecialUbo) assertNoUbo(store, corporate, related.id)

  const now = store.clock.nowMs()
  setRelatedColumns(store, related.id, { ...positionColumns(req), ...(related.kind === 'CORPORATE' ? entityUpdate(related, req) : personUpdate(related, req)) }, now)
  if (shares) {
    store.db.delete(corporateShares).where(and(eq(corporateShares.corporateId, corporate.id), eq(corporateShares.holderId, related.id))).run()
    for (const edge of shares) insertShare(store, corporate, edge, now)
  }
  if (changesData) noteKybDataChanged(store, corporate, now)
  return relatedById(store, related.id)!
}

/**
 * PATCH /corporates/related/{corporateRelatedId} (the newer documentation's path, without the
 * corporate): the same update, the corporate being the row's own. A row the caller cannot see is
 * CORPORATE_RELATED_NOT_FOUND (404).
 */
export function updateCorporateRelatedById(store: Store, scope: Scope, relatedId: string, req: RelatedUpdateRequest): RelatedRow {
  const related = findRelated(store, scope, relatedId)
  if (!related) throw new SimError('CORPORATE_RELATED_NOT_FOUND', [relatedId])
  return updateCorporateRelated(store, scope, related.corporateId, relatedId, req)
}

/** externalId and the director position. */
function positionColumns(req: RelatedUpdateRequest): Partial<RelatedRow> {
  return compact({ externalId: req.externalId, isDirector: req.isDirector, directorAppointmentDate: req.directorAppointmentDate }) as Partial<RelatedRow>
}

/** A person's new names, contact data (unverified when changed), address and nationality, special UBO flag. */
function personUpdate(related: RelatedRow, req: RelatedUpdateRequest): Partial<RelatedRow> {
  const profile: CorporateRelatedProfile = { ...related.profile }
  if (req.address) profile.address = storedAddress(req.address)
  if (req.nationalityCode) profile.nationalityCode = req.nationalityCode
  const emailChanged = req.emailAddress != null && req.emailAddress !== related.emailAddress
  const phoneChanged = req.phone != null && phoneDigitsOf(req.phone) !== related.phoneDigits
  return {
    ...(compact({ firstName: req.firstName, middleName: req.middleName, lastName: req.lastName, isSpecialUbo: req.isSpecialUbo }) as Partial<RelatedRow>),
    ...(emailChanged ? { emailAddress: req.emailAddress, emailVerifiedAt: null } : {}),
    ...(phoneChanged ? phoneColumns(req.phone) : {}),
    profile,
  }
}

/** An entity's new names, incorporation, website, industry and registered address. */
function entityUpdate(related: RelatedRow, req: RelatedUpdateRequest): Partial<RelatedRow> {
  const profile: CorporateRelatedProfile = { ...related.profile }
  if (req.website) profile.website = req.website
  if (req.industry) profile.industry = req.industry
  if (req.registeredAddress) profile.registeredAddress = storedAddress(req.registeredAddress)
  return {
    ...(compact({ registeredName: req.registeredName, tradeName: req.tradeName, incorporationCountry: req.incorporationCountry, incorporationCode: req.incorporationCode }) as Partial<RelatedRow>),
    profile,
  }
}
