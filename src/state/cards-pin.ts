import { getCard, jobCard, writeCard, type CardRow } from './cards'
import { cardSettings } from './cards-settings'
import { SimError } from './errors'
import { schedule, type JobHandler } from './scheduler'
import type { Scope } from './scope'
import type { Store } from './store'

// A physical card's PIN: read after SCA (GET /pin), locked after three wrong PINs in payments, and
// unlocked by POST /pin/reset. LinkCy's pinStatus: UNLOCKED → LOCKED (3 wrong tries) → UNLOCKING
// (reset asked) → WAITING_ONLINE_TRANSACTION (reset done; the next online chip-and-PIN payment with
// the right PIN) → UNLOCKED.

/** Wrong PINs in a row that lock the PIN. */
export const MAX_PIN_TRIES = 3

/** CARD_MUST_BE_PHYSICAL (a virtual card has no PIN), then CARD_MUST_BE_ACTIVE. */
function assertPinCard(card: CardRow): void {
  if (card.type !== 'PHYSICAL') throw new SimError('CARD_MUST_BE_PHYSICAL', [card.id, card.type])
  if (card.status !== 'ACTIVE') throw new SimError('CARD_MUST_BE_ACTIVE', [card.id, card.status])
}

/** GET /cards/{cardId}/pin (Card_getPin): the PIN of an ACTIVE physical card (the route runs it behind SCA). */
export function getCardPin(store: Store, scope: Scope, cardId: string): string {
  const card = getCard(store, scope, cardId)
  assertPinCard(card)
  return card.pin
}

/**
 * POST /cards/{cardId}/pin/reset (Card_resetPinAttempts): the wrong-PIN counter goes back to zero;
 * a LOCKED PIN goes UNLOCKING, then WAITING_ONLINE_TRANSACTION after the partner's
 * `cardStatusChangeSeconds` (at once when 0). An unlocked PIN stays as it is.
 */
export function resetPinAttempts(store: Store, scope: Scope, cardId: string): CardRow {
  const card = getCard(store, scope, cardId)
  assertPinCard(card)
  if (card.pinStatus !== 'LOCKED') return writeCard(store, card, { pinTries: 0 })
  const delay = cardSettings(store, card.partnerId).cardStatusChangeSeconds
  if (delay === 0) return writeCard(store, card, { pinTries: 0, pinStatus: 'WAITING_ONLINE_TRANSACTION' })
  schedule(store, card.partnerId, 'CARD_PIN_UNLOCK', store.clock.nowMs() + delay * 1000, { cardId: card.id })
  return writeCard(store, card, { pinTries: 0, pinStatus: 'UNLOCKING' })
}

/** Scheduled job CARD_PIN_UNLOCK ({cardId}): UNLOCKING → WAITING_ONLINE_TRANSACTION. */
export const cardPinUnlockJob: JobHandler = (store, payload) => {
  const card = jobCard(store, payload)
  if (card?.pinStatus === 'UNLOCKING') writeCard(store, card, { pinStatus: 'WAITING_ONLINE_TRANSACTION' })
}

export type PinCheck = 'OK' | 'WRONG' | 'LOCKED'

/**
 * A PIN entered in a card payment (state/card-payments.ts): LOCKED when the PIN is locked (or
 * unlocking) whatever was typed; WRONG counts a try and locks the PIN at the third; OK clears the
 * counter and completes an unlock waiting for an online transaction.
 */
export function checkCardPin(store: Store, card: CardRow, pin: string): PinCheck {
  if (card.pinStatus === 'LOCKED' || card.pinStatus === 'UNLOCKING') return 'LOCKED'
  if (pin !== card.pin) {
    const tries = card.pinTries + 1
    writeCard(store, card, { pinTries: tries, ...(tries >= MAX_PIN_TRIES ? { pinStatus: 'LOCKED' as const } : {}) })
    return 'WRONG'
  }
  if (card.pinTries !== 0 || card.pinStatus !== 'UNLOCKED') writeCard(store, card, { pinTries: 0, pinStatus: 'UNLOCKED' })
  return 'OK'
}
