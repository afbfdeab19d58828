import { and, eq, inArray, type SQL } from 'drizzle-orm'
import { cardProfiles } from './db/schema'
import type { CardRuleType } from './db/tables/card-profiles'
import { findCardDesign, type CardDesign, type CardLedgerType, type CardType, type CardUserType } from './card-designs'
import { cardRulesOfOwner, deleteRules, upsertRule, type CardRuleInput } from './card-rules'
import { SimError } from './errors'
import { selectPage, type PageQuery } from './paging'
import type { Scope } from './scope'
import type { Store } from './store'

// Card profiles: a partner's named use of a card design, with an active flag and default rules.
// Cards are created with a profile, inherit its design and get a copy of its default rules; a later
// change of those rules concerns only cards created afterwards.

export type CardProfileRow = typeof cardProfiles.$inferSelect

function profileOf(store: Store, partnerId: string, profileId: string): CardProfileRow | undefined {
  return store.db.select().from(cardProfiles).where(and(eq(cardProfiles.id, profileId.toLowerCase()), eq(cardProfiles.partnerId, partnerId))).get()
}

/** A partner's card profile by id, or 404 CARD_PROFILE_NOT_FOUND (another partner's reads as absent). */
export function getCardProfile(store: Store, scope: Scope, profileId: string): CardProfileRow {
  const row = profileOf(store, scope.partnerId, profileId)
  if (!row) throw new SimError('CARD_PROFILE_NOT_FOUND', [profileId])
  return row
}

/** A partner's profile with its design, for card creation (undefined when unknown). */
export function findCardProfile(store: Store, partnerId: string, profileId: string): { profile: CardProfileRow; design: CardDesign } | undefined {
  const profile = profileOf(store, partnerId, profileId)
  const design = profile ? findCardDesign(profile.designId) : undefined
  return profile && design ? { profile, design } : undefined
}

export interface CardProfileCreate {
  name: string
  cardDesignId: string
  active?: boolean | null
}

/**
 * Create a card profile based on a design: 400 CARD_DESIGN_NOT_FOUND on `cardDesignId` when the
 * design is not in the catalogue. A profile is active unless created with `active: false`.
 */
export function createCardProfile(store: Store, scope: Scope, input: CardProfileCreate, id?: string): CardProfileRow {
  const design = findCardDesign(input.cardDesignId)
  if (!design) throw new SimError('CARD_DESIGN_NOT_FOUND', [input.cardDesignId], { status: 400, field: 'cardDesignId', rejectedValue: input.cardDesignId })
  const now = store.clock.nowMs()
  const row: CardProfileRow = {
    id: id ?? store.rng.uuid(),
    partnerId: scope.partnerId,
    name: input.name,
    designId: design.id,
    programId: design.programId,
    scheme: design.scheme,
    cardType: design.cardType,
    userType: design.userType,
    ledgerType: design.ledgerType,
    currency: design.currency,
    active: input.active ?? true,
    creationDate: now,
    updateDate: now,
  }
  store.db.insert(cardProfiles).values(row).run()
  return row
}

export interface CardProfileListQuery extends PageQuery {
  sortAttribute?: 'NAME'
  userTypes?: CardUserType[]
  ledgerTypes?: CardLedgerType[]
  cardTypes?: CardType[]
  active?: boolean
}

/** List card profiles: the partner's, filtered by holder, ledger and card types and active flag. */
export function listCardProfiles(store: Store, scope: Scope, q: CardProfileListQuery): { rows: CardProfileRow[]; total: number } {
  const where: SQL[] = [eq(cardProfiles.partnerId, scope.partnerId)]
  if (q.userTypes?.length) where.push(inArray(cardProfiles.userType, q.userTypes))
  if (q.ledgerTypes?.length) where.push(inArray(cardProfiles.ledgerType, q.ledgerTypes))
  if (q.cardTypes?.length) where.push(inArray(cardProfiles.cardType, q.cardTypes))
  if (q.active !== undefined) where.push(eq(cardProfiles.active, q.active))
  const sortBy = q.sortAttribute === 'NAME' ? cardProfiles.name : cardProfiles.creationDate
  return selectPage(store, cardProfiles, and(...where), sortBy, q)
}

export interface CardProfileUpdate {
  active?: boolean | null
  name?: string | null
}

/** Update a card profile: its active flag (an inactive profile cannot be used to create cards). */
export function updateCardProfile(store: Store, scope: Scope, profileId: string, patch: CardProfileUpdate): CardProfileRow {
  const row = getCardProfile(store, scope, profileId)
  const set = {
    ...(patch.active != null ? { active: patch.active } : {}),
    ...(patch.name != null ? { name: patch.name } : {}),
    updateDate: store.clock.nowMs(),
  }
  store.db.update(cardProfiles).set(set).where(eq(cardProfiles.id, row.id)).run()
  return { ...row, ...set }
}

/** Create (or replace) a default rule of the profile; cards created from now on get a copy. */
export function putCardProfileRule(store: Store, scope: Scope, profileId: string, rule: CardRuleInput): void {
  const row = getCardProfile(store, scope, profileId)
  upsertRule(store, row.partnerId, 'PROFILE', row.id, 'PARTNER', rule)
}

/** Remove a default rule of the profile (no-op when absent); cards created earlier keep theirs. */
export function removeCardProfileRule(store: Store, scope: Scope, profileId: string, type: CardRuleType): void {
  const row = getCardProfile(store, scope, profileId)
  deleteRules(store, 'PROFILE', row.id, type, ['END_USER', 'PARTNER', 'LINKCY'])
}

/** The default rules of a profile, as a profile list element shows them. */
export function cardProfileRules(store: Store, profileId: string): CardRuleInput[] {
  return cardRulesOfOwner(store, 'PROFILE', profileId).map((r) => ({ type: r.type, value: r.value, name: r.name }))
}

/**
 * The rules a card created now from this profile starts with: a copy of the profile's default rules
 * (the card keeps them even if the profile's rules change later). For card creation.
 */
export function profileRulesForNewCard(store: Store, profileId: string): CardRuleInput[] {
  return cardProfileRules(store, profileId)
}
