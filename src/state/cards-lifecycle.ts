import { cardById, cardsOfLedger, FINAL_CARD_STATUSES, getCard, jobCard, setCardStatus, type CardOperator, type CardRow, type CardStatusReason } from './cards'
import { cardSettings } from './cards-settings'
import { assertMayBank, getBankingEndUser } from './end-user-checks'
import { SimError } from './errors'
import { markAddressVerified } from './address-verification'
import { schedule, type JobHandler } from './scheduler'
import { isEndUser, userTypeOf, type Scope } from './scope'
import type { Store } from './store'
import { cardMayMove } from './transitions'

// The card lifecycle (state/transitions.ts CARD_LIFECYCLE): creation finishing on the clock, first
// activation with the PAN's last four digits, suspension and reactivation, closure, expiry, and the
// closure of a ledger's cards. LinkCy answers activate, suspend and close with 204 "is being ...":
// the card shows ACTIVATING / REACTIVATING / SUSPENDING / CLOSING for the partner's
// `cardStatusChangeSeconds`, then its new status (at once when that setting is 0).

/** Where each transient status leads when the CARD_STATUS_CHANGE job runs. */
const SETTLED: Record<string, CardRow['status']> = { ACTIVATING: 'ACTIVE', REACTIVATING: 'ACTIVE', SUSPENDING: 'SUSPENDED', CLOSING: 'CLOSED' }

/**
 * CREATING → AWAITING_ACTIVATION (physical: printed and shipped today, activated by its holder once
 * received) or ACTIVE (virtual: usable at once). No-op unless still CREATING.
 */
export function finishCardCreation(store: Store, cardId: string): CardRow | undefined {
  const card = cardById(store, cardId)
  if (!card || card.status !== 'CREATING') return card
  const now = store.clock.nowMs()
  schedule(store, card.partnerId, 'CARD_EXPIRY', card.expiresAt, { cardId: card.id })
  if (card.type === 'VIRTUAL') return setCardStatus(store, card, { status: 'ACTIVE' }, { activationDate: now })
  return setCardStatus(store, card, { status: 'AWAITING_ACTIVATION' }, {
    deliveryShipmentDate: new Date(now).toISOString().slice(0, 10),
    // SIM: a UPU S10 tracking number for the tracked method.
    deliveryTrackingNumber: card.deliveryMethod === 'FRENCH_MAIL_TRACKING' ? `LA${store.rng.digits(9)}FR` : null,
  })
}

/** Scheduled job CARD_CREATION ({cardId}): see finishCardCreation. */
export const cardCreationJob: JobHandler = (store, payload) => {
  finishCardCreation(store, String(payload.cardId))
}

/**
 * Moves a card through a transient status to `target`: at once when the partner's
 * `cardStatusChangeSeconds` is 0, else via `transient` and the CARD_STATUS_CHANGE job.
 */
function moveCard(store: Store, card: CardRow, transient: CardRow['status'], change: Parameters<typeof setCardStatus>[2]): CardRow {
  const delay = cardSettings(store, card.partnerId).cardStatusChangeSeconds
  if (delay === 0) return settleCard(store, setCardStatus(store, card, { ...change, status: transient }))!
  const moved = setCardStatus(store, card, { ...change, status: transient })
  schedule(store, card.partnerId, 'CARD_STATUS_CHANGE', store.clock.nowMs() + delay * 1000, { cardId: card.id })
  return moved
}

/** A transient status reaches its end (ACTIVE, SUSPENDED, CLOSED); the first activation verifies the holder's address. */
function settleCard(store: Store, card: CardRow | undefined): CardRow | undefined {
  if (!card) return card
  const target = SETTLED[card.status]
  if (!target) return card
  const change = { status: target, reason: card.statusReason, otherReason: card.statusOtherReason, operator: card.statusOperator }
  if (target !== 'ACTIVE') return setCardStatus(store, card, change)
  const first = card.activationDate === null
  const now = store.clock.nowMs()
  // LinkCy: after the first activation of a physical card, the holder's address status becomes VERIFIED.
  if (first) markAddressVerified(store, card.partnerId, card.endUserId)
  return setCardStatus(store, card, { status: 'ACTIVE' }, first ? { activationDate: now } : {})
}

/** Scheduled job CARD_STATUS_CHANGE ({cardId}): see settleCard. */
export const cardStatusChangeJob: JobHandler = (store, payload) => {
  settleCard(store, jobCard(store, payload))
}


/**
 * POST /cards/{cardId}/activate (Card_activateCard): the first activation of a physical card
 * (AWAITING_ACTIVATION, with the PAN's last four digits: 400 INVALID_PAN when missing or wrong) or
 * the reactivation of a SUSPENDED card (no digits needed; wrong ones given: 409 INVALID_PAN). An
 * end-user may not lift a suspension made by the partner or LinkCy (409 INSUFFICIENT_RIGHTS); the
 * holder must still be validated and not suspended.
 */
export function activateCard(store: Store, scope: Scope, cardId: string, truncatedPan?: string): CardRow {
  const card = getCard(store, scope, cardId)
  if (card.status !== 'AWAITING_ACTIVATION' && card.status !== 'SUSPENDED') {
    throw new SimError('CARD_MUST_BE_SUSPENDED_OR_AWAITING_ACTIVATION', [card.id, card.status])
  }
  const reactivation = card.status === 'SUSPENDED'
  if (reactivation && isEndUser(scope) && card.statusOperator !== null && card.statusOperator !== 'END_USER') {
    throw new SimError('INSUFFICIENT_RIGHTS', [userTypeOf(scope)], { status: 409 })
  }
  if (!reactivation && truncatedPan !== card.panLast4) {
    throw new SimError('INVALID_PAN', [], { status: 400, field: 'truncatedPan', rejectedValue: truncatedPan ?? null })
  }
  if (reactivation && truncatedPan !== undefined && truncatedPan !== card.panLast4) throw new SimError('INVALID_PAN')
  const holder = getBankingEndUser(store, card.partnerId, card.endUserId)
  assertMayBank(store, holder, ['LINKCY_STATUS', 'NOT_SUSPENDED', 'BANKING_STATUS'])
  return moveCard(store, card, reactivation ? 'REACTIVATING' : 'ACTIVATING', { status: 'ACTIVE' })
}

export interface CardStatusRequest {
  operator?: CardOperator
  reason?: Exclude<CardStatusReason, 'LEDGER_CLOSED'>
  otherReason?: string
}

/**
 * Who a suspension or closure is recorded as made by: an end-user token always acts as END_USER;
 * a partner token as the operator it names (SIM: PARTNER when it names none).
 */
function operatorOf(scope: Scope, requested?: CardOperator): CardOperator {
  if (isEndUser(scope)) return 'END_USER'
  return requested ?? 'PARTNER'
}

/** OTHER_STATUS_REASON_MUST_HAVE_A_DESCRIPTION when the reason is OTHER without a description. */
function assertReasonDescribed(req: CardStatusRequest): void {
  if (req.reason === 'OTHER' && !req.otherReason?.trim()) {
    throw new SimError('OTHER_STATUS_REASON_MUST_HAVE_A_DESCRIPTION', [], { field: 'otherReason', rejectedValue: req.otherReason ?? null })
  }
}

/**
 * POST /cards/{cardId}/suspend (Card_suspendCard): an ACTIVE card (else 409 CARD_MUST_BE_ACTIVE)
 * becomes SUSPENDED, recording operator, reason and description; reversible through activate.
 */
export function suspendCard(store: Store, scope: Scope, cardId: string, req: CardStatusRequest): CardRow {
  assertReasonDescribed(req)
  const card = getCard(store, scope, cardId)
  if (card.status !== 'ACTIVE') throw new SimError('CARD_MUST_BE_ACTIVE', [card.id, card.status])
  return moveCard(store, card, 'SUSPENDING', { status: 'SUSPENDED', reason: req.reason, otherReason: req.otherReason, operator: operatorOf(scope, req.operator) })
}

/**
 * POST /cards/{cardId}/close (Card_closeCard): closes a card for good, whatever its status (SIM:
 * closing a card already CLOSING or CLOSED changes nothing; the reference documents no conflict).
 */
export function closeCard(store: Store, scope: Scope, cardId: string, req: CardStatusRequest): CardRow {
  assertReasonDescribed(req)
  const card = getCard(store, scope, cardId)
  if (card.status === 'CLOSING' || card.status === 'CLOSED') return card
  return moveCard(store, card, 'CLOSING', { status: 'CLOSED', reason: req.reason, otherReason: req.otherReason, operator: operatorOf(scope, req.operator) })
}

/**
 * A closed ledger's cards are closed with reason LEDGER_CLOSED by LINKCY (called when the ledger
 * becomes CLOSED); expired or failed cards stay as they are.
 */
export function closeCardsOfLedger(store: Store, ledgerId: string): void {
  for (const card of cardsOfLedger(store, ledgerId)) {
    if (FINAL_CARD_STATUSES.includes(card.status)) continue
    setCardStatus(store, card, { status: 'CLOSED', reason: 'LEDGER_CLOSED', operator: 'LINKCY' })
  }
}

/** Scheduled job CARD_EXPIRY ({cardId}): at the end of its expiry month a card that is still alive becomes EXPIRED. */
export const cardExpiryJob: JobHandler = (store, payload) => {
  const card = jobCard(store, payload)
  if (!card || !cardMayMove(card.status, 'EXPIRED')) return
  if (store.clock.nowMs() < card.expiresAt) return
  setCardStatus(store, card, { status: 'EXPIRED' })
}

