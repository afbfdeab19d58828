import { and, eq, inArray, ne, type SQL } from 'drizzle-orm'
import { cardProfiles, cards } from './db/schema'
import { presentCardRules } from './card-rules'
import type { CardOperator, CardStatus, CardStatusReason } from './db/tables/cards'
import { SimError } from './errors'
import { selectPage } from './paging'
import { findEndUser } from './end-users'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'
import { cardData, cardStatusEvent, emitEvent } from './webhooks'

// A card as the other modules see it: scoped reads (another partner's or another end-user's card
// reads as not found), the list, the friendly-name update, and the one writer of card rows.

export type CardRow = typeof cards.$inferSelect
export type { CardStatus, CardStatusReason, CardOperator }

/** The card with this id whatever its partner (jobs, the /_sim control plane, follow-ups of a scoped call). */
export function cardById(store: Store, cardId: string): CardRow | undefined {
  return store.db.select().from(cards).where(eq(cards.id, cardId.toLowerCase())).get()
}

/** The card a scheduled card job names in its payload ({cardId}), if it still exists. */
export function jobCard(store: Store, payload: Record<string, unknown>): CardRow | undefined {
  return cardById(store, String(payload.cardId))
}

/** The card visible to the caller: the partner's, and for an end-user token only its own. */
export function findCard(store: Store, scope: Scope, cardId: string): CardRow | undefined {
  const row = store.db.select().from(cards).where(and(eq(cards.partnerId, scope.partnerId), eq(cards.id, cardId.toLowerCase()))).get()
  if (!row) return undefined
  if (isEndUser(scope) && row.endUserId !== scope.principal?.id) return undefined
  return row
}

/**
 * The card visible to the caller, or LinkCy's 404 CARD_NOT_FOUND ("Card {0} was not found.");
 * `status: 400` with the body field where an operation names the card in its body.
 */
export function getCard(store: Store, scope: Scope, cardId: string, named: { status?: 400; field?: string } = {}): CardRow {
  const row = findCard(store, scope, cardId)
  if (row) return row
  if (named.status === 400) throw new SimError('CARD_NOT_FOUND', [cardId], { status: 400, field: named.field ?? 'cardId', rejectedValue: cardId })
  throw new SimError('CARD_NOT_FOUND', [cardId])
}

/** The columns a status change writes (value and, when given, why and by whom). */
export interface CardStatusChange {
  status: CardStatus
  reason?: CardStatusReason | null
  otherReason?: string | null
  operator?: CardOperator | null
}

/** Writes columns of a card; its updateDate moves to now. Returns the row as stored. */
export function writeCard(store: Store, card: CardRow, set: Partial<CardRow>): CardRow {
  const next = { ...set, updateDate: store.clock.nowMs() }
  store.db.update(cards).set(next).where(eq(cards.id, card.id)).run()
  return { ...card, ...next }
}

/** Moves a card to a status with its reason, description and operator (absent ones cleared). */
export function setCardStatus(store: Store, card: CardRow, change: CardStatusChange, extra: Partial<CardRow> = {}): CardRow {
  const event = cardStatusEvent(card.status, change.status) // CARD_UPDATED / CARD_CLOSED once a status is reached
  if (event) emitEvent(store, card.partnerId, event, cardData({ ...card, status: change.status }))
  return writeCard(store, card, {
    status: change.status, statusReason: change.reason ?? null, statusOtherReason: change.otherReason ?? null,
    statusOperator: change.operator ?? null, ...extra,
  })
}

/** Card statuses that end a card's life (no further change, no payment). */
export const FINAL_CARD_STATUSES: readonly CardStatus[] = ['CLOSED', 'EXPIRED', 'FAILED']

/** The cards of a ledger (any status), oldest first. */
export function cardsOfLedger(store: Store, ledgerId: string): CardRow[] {
  return store.db.select().from(cards).where(eq(cards.ledgerId, ledgerId)).orderBy(cards.creationDate).all()
}

export interface ListCardsQuery {
  endUserId?: string
  ledgerId?: string
  profileId?: string
  status?: CardStatus[]
  types?: ('PHYSICAL' | 'VIRTUAL')[]
  sortDirection?: 'ASC' | 'DESC'
  page: number
  pageSize: number
}

/**
 * GET /cards (Card_listCards): the partner's cards, or an end-user's own, filtered and paged (SIM:
 * newest first by default). An endUserId that is not one of the partner's consumers is LinkCy's
 * 400 CONSUMER_NOT_FOUND on `endUserId`; an end-user token naming another end-user gets the same.
 * Each page comes with its cards' profile names.
 */
export function listCards(store: Store, scope: Scope, q: ListCardsQuery): { rows: CardRow[]; total: number; profileNames: Map<string, string> } {
  if (q.endUserId !== undefined) {
    const visible = findEndUser(store, scope.partnerId, q.endUserId) && (!isEndUser(scope) || scope.principal?.id === q.endUserId)
    if (!visible) throw new SimError('CONSUMER_NOT_FOUND', [q.endUserId], { status: 400, field: 'endUserId', rejectedValue: q.endUserId })
  }
  const where: SQL[] = [eq(cards.partnerId, scope.partnerId)]
  if (isEndUser(scope)) where.push(eq(cards.endUserId, scope.principal!.id))
  if (q.endUserId) where.push(eq(cards.endUserId, q.endUserId))
  if (q.ledgerId) where.push(eq(cards.ledgerId, q.ledgerId))
  if (q.profileId) where.push(eq(cards.profileId, q.profileId))
  if (q.status && q.status.length > 0) where.push(inArray(cards.status, q.status))
  if (q.types && q.types.length > 0) where.push(inArray(cards.type, q.types))
  const page = selectPage(store, cards, and(...where), cards.creationDate, q)
  return { ...page, profileNames: cardProfileNames(store, page.rows.map((r) => r.profileId)) }
}

/**
 * FRIENDLY_NAME_ALREADY_TAKEN ("Card with this friendly name already exists.") when another card of
 * the end-user that is not closed carries this friendly name (SIM: same scope as ledgers).
 */
export function assertCardFriendlyNameFree(store: Store, endUserId: string, friendlyName: string | undefined, exceptId?: string, status?: 400): void {
  if (!friendlyName) return
  const taken = store.db.select({ id: cards.id }).from(cards)
    .where(and(eq(cards.endUserId, endUserId), eq(cards.friendlyName, friendlyName), ne(cards.status, 'CLOSED'), exceptId ? ne(cards.id, exceptId) : undefined))
    .get()
  if (taken) throw new SimError('FRIENDLY_NAME_ALREADY_TAKEN', ['Card'], status ? { status, field: 'friendlyName', rejectedValue: friendlyName } : {})
}

/**
 * PATCH /cards/{cardId} (Card_updateInformation): sets the friendly name (an empty one clears it).
 * SIM: the reference documents no conflict here; a name another card of the end-user holds is refused
 * as on creation (400 FRIENDLY_NAME_ALREADY_TAKEN).
 */
export function updateCard(store: Store, scope: Scope, cardId: string, update: { friendlyName?: string }): CardRow {
  const card = getCard(store, scope, cardId)
  if (update.friendlyName === undefined) return card
  const friendlyName = update.friendlyName === '' ? null : update.friendlyName
  assertCardFriendlyNameFree(store, card.endUserId, friendlyName ?? undefined, card.id, 400)
  return writeCard(store, card, { friendlyName })
}

/** The names of card profiles by id (a card shows its profile's `{id, name}`). */
export function cardProfileNames(store: Store, profileIds: readonly string[]): Map<string, string> {
  const ids = [...new Set(profileIds)]
  if (ids.length === 0) return new Map()
  const rows = store.db.select({ id: cardProfiles.id, name: cardProfiles.name }).from(cardProfiles).where(inArray(cardProfiles.id, ids)).all()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** A card with what its presentation needs besides the row: its profile's name and its rules. */
export interface CardInfo {
  card: CardRow
  profileName: string
  rules: ReturnType<typeof presentCardRules>
}

/** GET /cards/{cardId} (Card_getInformation): the card visible to the caller, with its profile name and rules. */
export function getCardInfo(store: Store, scope: Scope, cardId: string): CardInfo {
  const card = getCard(store, scope, cardId)
  return { card, profileName: cardProfileNames(store, [card.profileId]).get(card.profileId) ?? '', rules: presentCardRules(store, card.id) }
}
