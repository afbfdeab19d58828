import { and, asc, eq, gte, inArray } from 'drizzle-orm'
import { cardRules, cards, transactions } from './db/schema'
import type { CardRuleCreator, CardRuleType } from './db/tables/card-profiles'
import type { Store } from './store'

// A card's spend-limit rules: how they are stored (one row per card, type and creator), how the
// card shows them, and how a card authorization is checked against them. LinkCy lets a partner and
// the end-user each set a rule of a type; the lower limit applies. A LinkCy rule of limit 0 blocks
// the card while its ledger (or end-user) is suspended.

export type CardRuleRow = typeof cardRules.$inferSelect

/** A rule as a request or a profile gives it (value in whole units of the card's currency). */
export interface CardRuleInput {
  type: CardRuleType
  value: number
  name?: string | null
}

/** The rules of a card or a profile, in a stable order (type, then creator). */
export function cardRulesOfOwner(store: Store, scope: 'CARD' | 'PROFILE', ownerId: string): CardRuleRow[] {
  return store.db.select().from(cardRules)
    .where(and(eq(cardRules.scope, scope), eq(cardRules.ownerId, ownerId)))
    .orderBy(asc(cardRules.type), asc(cardRules.creator), asc(cardRules.creationDate)).all()
}

/** The rules of one card. */
export function cardRulesOf(store: Store, cardId: string): CardRuleRow[] {
  return cardRulesOfOwner(store, 'CARD', cardId)
}

/**
 * The card's `rules` (CardRuleResponseDto): every rule with its creator, so a partner sees both its
 * own limit and the end-user's. For GET /api/partner/cards/{cardId}.
 */
export function presentCardRules(store: Store, cardId: string): { type: CardRuleType; name?: string; value: number; creator: CardRuleCreator }[] {
  return cardRulesOf(store, cardId).map((r) => ({ type: r.type, ...(r.name !== null ? { name: r.name } : {}), value: r.value, creator: r.creator }))
}

/** The limit that applies per type: the most restrictive (lowest) of all creators' rules. */
export function effectiveCardRules(store: Store, cardId: string): Map<CardRuleType, CardRuleRow> {
  const out = new Map<CardRuleType, CardRuleRow>()
  for (const r of cardRulesOf(store, cardId)) {
    const current = out.get(r.type)
    if (!current || r.value < current.value) out.set(r.type, r)
  }
  return out
}

/**
 * Sets (inserts or replaces) the rule of `type` created by `creator` on a card or profile. A LinkCy
 * rule is also keyed by its name (one per suspension source). Card rule PUT, profile rule PUT, card creation.
 */
export function upsertRule(
  store: Store, partnerId: string, scope: 'CARD' | 'PROFILE', ownerId: string, creator: CardRuleCreator, rule: CardRuleInput,
): void {
  const now = store.clock.nowMs()
  const existing = store.db.select().from(cardRules)
    .where(and(eq(cardRules.scope, scope), eq(cardRules.ownerId, ownerId), eq(cardRules.type, rule.type), eq(cardRules.creator, creator))).all()
    .find((r) => creator !== 'LINKCY' || r.name === (rule.name ?? null))
  if (existing) {
    store.db.update(cardRules).set({ value: rule.value, name: rule.name ?? null, updateDate: now }).where(eq(cardRules.id, existing.id)).run()
    return
  }
  store.db.insert(cardRules).values({
    id: store.rng.uuid(), partnerId, scope, ownerId, type: rule.type, creator, name: rule.name ?? null, value: rule.value, creationDate: now, updateDate: now,
  }).run()
}

/** Removes the rules of `type` on a card or profile made by one of `creators`; how many went. */
export function deleteRules(store: Store, scope: 'CARD' | 'PROFILE', ownerId: string, type: CardRuleType, creators: readonly CardRuleCreator[]): number {
  return store.db.delete(cardRules)
    .where(and(eq(cardRules.scope, scope), eq(cardRules.ownerId, ownerId), eq(cardRules.type, type), inArray(cardRules.creator, [...creators]))).run().changes
}

/** Where a LinkCy blocking rule comes from (its name, so each suspension lifts only its own). */
export type LinkcyRuleSource = 'LEDGER_SUSPENSION' | 'END_USER_SUSPENSION'

/**
 * Suspending a ledger (or an end-user) blocks its cards: LinkCy adds a rule created by LINKCY with a
 * limit of 0. SIM: the rule's type is DAILY_MAX_SPEND (the reference's type enum has no LINKCY type).
 */
export function addLinkcyZeroRule(store: Store, cardId: string, source: LinkcyRuleSource = 'LEDGER_SUSPENSION'): void {
  const card = store.db.select({ partnerId: cards.partnerId }).from(cards).where(eq(cards.id, cardId)).get()
  if (!card) return
  upsertRule(store, card.partnerId, 'CARD', cardId, 'LINKCY', { type: 'DAILY_MAX_SPEND', value: 0, name: source })
}

/** Unsuspending deletes the LinkCy rule that suspension added (another suspension's rule stays). */
export function removeLinkcyZeroRule(store: Store, cardId: string, source: LinkcyRuleSource = 'LEDGER_SUSPENSION'): void {
  store.db.delete(cardRules)
    .where(and(eq(cardRules.scope, 'CARD'), eq(cardRules.ownerId, cardId), eq(cardRules.creator, 'LINKCY'), eq(cardRules.name, source))).run()
}

/** Cards a suspension concerns: those not yet closed, expired or failed. */
function liveCardIds(store: Store, column: 'ledgerId' | 'endUserId', id: string): string[] {
  return store.db.select({ id: cards.id, status: cards.status }).from(cards).where(eq(cards[column], id)).all()
    .filter((c) => c.status !== 'CLOSED' && c.status !== 'EXPIRED' && c.status !== 'FAILED').map((c) => c.id)
}

/** Ledger suspension (blocked) and its end (unblocked): the LinkCy rule on each of the ledger's cards. */
export function setLedgerCardsBlocked(store: Store, ledgerId: string, blocked: boolean): void {
  for (const id of liveCardIds(store, 'ledgerId', ledgerId)) {
    if (blocked) addLinkcyZeroRule(store, id, 'LEDGER_SUSPENSION')
    else removeLinkcyZeroRule(store, id, 'LEDGER_SUSPENSION')
  }
}

/** End-user suspension (blocked) and its end (unblocked): the LinkCy rule on each of its cards. */
export function setEndUserCardsBlocked(store: Store, endUserId: string, blocked: boolean): void {
  for (const id of liveCardIds(store, 'endUserId', endUserId)) {
    if (blocked) addLinkcyZeroRule(store, id, 'END_USER_SUSPENSION')
    else removeLinkcyZeroRule(store, id, 'END_USER_SUSPENSION')
  }
}

// ---------------------------------------------------------------------------------------------
// The evaluator used by card payments.

export type CardRuleDecision = { allowed: true } | { allowed: false; ruleType: CardRuleType; declineReason: string }

/** LinkCy's decline reason of an authorization over a spend limit (declineReason enum; ISO code 61). */
export const RULE_DECLINE_REASON = 'EXCEEDS_WITHDRAWAL_LIMIT'

const DAY_MS = 86_400_000

/** Start (epoch ms, UTC) of the window of `type` that contains `at`: the day, the ISO week (Monday), the month. */
export function windowStart(type: CardRuleType, at: number): number {
  const d = new Date(at)
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  if (type === 'DAILY_MAX_SPEND') return day
  if (type === 'WEEKLY_MAX_SPEND') return day - ((d.getUTCDay() + 6) % 7) * DAY_MS
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
}

/**
 * The card's spending as dated amounts (cents): each approved authorization at its date (its
 * clearings' total once cleared, nothing once released without a clearing or reversed), and each
 * clearing without an authorization at its own date. Refunds (CREDIT) and declined ones do not count.
 */
export function cardSpending(store: Store, cardId: string, since: number): { at: number; cents: number }[] {
  const rows = store.db.select().from(transactions)
    .where(and(eq(transactions.cardId, cardId), inArray(transactions.type, ['CARD_AUTHORIZATION', 'CARD_CLEARING']), eq(transactions.declined, false), gte(transactions.creationDate, since)))
    .all()
    .filter((t) => (t.details as { direction?: string }).direction !== 'CREDIT' && t.paymentType !== 'PURCHASE_RETURN_OR_REFUND')
  const auths = new Map(rows.filter((t) => t.type === 'CARD_AUTHORIZATION').map((t) => [t.id, t]))
  const cleared = new Map<string, number>()
  const out: { at: number; cents: number }[] = []
  for (const t of rows) {
    if (t.type !== 'CARD_CLEARING') continue
    const auth = t.relatedTransactionId ? auths.get(t.relatedTransactionId) : undefined
    if (auth) cleared.set(auth.id, (cleared.get(auth.id) ?? 0) + t.amountCents)
    else if (!t.relatedTransactionId) out.push({ at: t.creationDate, cents: t.amountCents })
    // else: the clearing of an authorization older than every window counts at that older date
  }
  for (const a of auths.values()) {
    const clearedCents = cleared.get(a.id)
    if (clearedCents !== undefined) out.push({ at: a.creationDate, cents: clearedCents })
    else if (!a.released && a.status !== 'REVERSED') out.push({ at: a.creationDate, cents: a.amountCents })
  }
  return out
}

/**
 * Whether a new authorization of `amountCents` at `at` fits the card's rules: for each rule type,
 * what was spent in its window plus the amount must not exceed the most restrictive limit (value × 100
 * cents). The first rule crossed (daily, weekly, then monthly) declines it with EXCEEDS_WITHDRAWAL_LIMIT.
 * Clearings are not checked against rules (LinkCy checks authorizations only).
 */
export function evaluateCardRules(store: Store, card: { id: string; ledgerId?: string }, amountCents: number, at: number): CardRuleDecision {
  const rules = effectiveCardRules(store, card.id)
  if (rules.size === 0) return { allowed: true }
  const order: CardRuleType[] = ['DAILY_MAX_SPEND', 'WEEKLY_MAX_SPEND', 'MONTHLY_MAX_SPEND']
  const starts = order.filter((t) => rules.has(t)).map((t) => windowStart(t, at))
  const spending = cardSpending(store, card.id, Math.min(...starts))
  for (const type of order) {
    const rule = rules.get(type)
    if (!rule) continue
    const start = windowStart(type, at)
    const spent = spending.filter((s) => s.at >= start && s.at <= at).reduce((sum, s) => sum + s.cents, 0)
    if (spent + amountCents > rule.value * 100) return { allowed: false, ruleType: type, declineReason: RULE_DECLINE_REASON }
  }
  return { allowed: true }
}
