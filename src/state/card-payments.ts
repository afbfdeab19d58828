import { tryReserve } from './balances'
import { cardDetailsOf, cardParty, convert, merchantOf, type MerchantInput } from './card-payments-parts'
import { evaluateCardRules, RULE_DECLINE_REASON } from './card-rules'
import type { CardRow } from './cards'
import { checkCardPin, MAX_PIN_TRIES } from './cards-pin'
import { endUserById } from './end-users'
import { CLOSED_LEDGER_STATUSES, ledgerById, type LedgerRow } from './ledgers'
import { getPartner } from './partners'
import { schedule } from './scheduler'
import type { Store } from './store'
import { recordTransaction, type TransactionRow } from './transactions'

// Card authorizations: a merchant asks whether the card may pay an amount. LinkCy approves it and
// reserves the amount on the card's ledger (a CARD_AUTHORIZATION holding it), or declines it with
// a reason (a DECLINED transaction, no money moves). Clearing, release and refunds follow in
// state/card-payments-settle.ts; the entry points (sandbox simulate, /_sim) in card-payments-entry.ts.

/** A card authorization as a merchant (or the simulator) presents it. */
export interface CardAuthorizationRequest extends MerchantInput {
  amountCents: number
  /** The currency of the amount (default: the card's); another one is converted at the simulator's rates. */
  currency?: string
  /** The PIN typed at the terminal (chip and PIN: implies the card is present). */
  pin?: string
  /** Whether the card is at a terminal (default: only when a PIN is given; otherwise an online payment). */
  cardPresent?: boolean
  /** LinkCy's card paymentType (default PURCHASE; WITHDRAWAL for an ATM, MCC 6011). */
  paymentType?: string
}

/** Days an authorization never cleared keeps its hold, unless the partner's `authorizationReleaseDays` says. */
export const DEFAULT_AUTHORIZATION_RELEASE_DAYS = 7

const DAY_MS = 86_400_000

/** The partner's `authorizationReleaseDays` (scenario setting), or the default. */
export function authorizationReleaseDays(store: Store, partnerId: string): number {
  const days = (getPartner(store, partnerId).settings as { authorizationReleaseDays?: unknown }).authorizationReleaseDays
  return typeof days === 'number' && days >= 0 ? days : DEFAULT_AUTHORIZATION_RELEASE_DAYS
}

/**
 * Why the card, its ledger or its holder cannot pay at all (checked before the PIN): the ledger
 * closed (ACCOUNT_CLOSED), the card expired (EXPIRED_CARD), suspended or closed as lost / stolen
 * (LOST_CARD / STOLEN_CARD) or otherwise not ACTIVE (CARD_NOT_ACTIVE), and a suspended ledger or
 * end-user, which LinkCy blocks with a LINKCY rule of limit 0 (the rule's decline reason).
 */
function standingDecline(store: Store, card: CardRow, ledger: LedgerRow | undefined, now: number): string | undefined {
  if (!ledger || CLOSED_LEDGER_STATUSES.includes(ledger.status) || card.statusReason === 'LEDGER_CLOSED') return 'ACCOUNT_CLOSED'
  if (card.status === 'EXPIRED' || now >= card.expiresAt) return 'EXPIRED_CARD'
  if (card.status !== 'ACTIVE') {
    if (card.statusReason === 'LOST') return 'LOST_CARD'
    if (card.statusReason === 'STOLEN') return 'STOLEN_CARD'
    return 'CARD_NOT_ACTIVE'
  }
  if (ledger.status === 'SUSPENDED') return RULE_DECLINE_REASON
  if (ledger.status !== 'ACTIVE') return 'CARD_NOT_ACTIVE'
  if (endUserById(store, card.endUserId)?.suspensionStatus === 'SUSPENDED') return RULE_DECLINE_REASON
  return undefined
}

/**
 * The decline reason of a typed PIN (undefined: verified), counted by state/cards-pin.ts: a locked
 * (or unlocking) PIN declines PIN_TRIES_EXCEEDED whatever is typed; a wrong one INCORRECT_PIN, except
 * the third in a row, which locks the PIN and declines PIN_TRIES_EXCEEDED; a right one clears the
 * counter and completes an unlock waiting for an online transaction. A virtual card has no PIN:
 * typing one declines INCORRECT_PIN (nothing counted).
 */
function pinDecline(store: Store, card: CardRow, pin: string): string | undefined {
  if (card.type === 'VIRTUAL') return 'INCORRECT_PIN'
  switch (checkCardPin(store, card, pin)) {
    case 'OK':
      return undefined
    case 'LOCKED':
      return 'PIN_TRIES_EXCEEDED'
    case 'WRONG':
      return card.pinTries + 1 >= MAX_PIN_TRIES ? 'PIN_TRIES_EXCEEDED' : 'INCORRECT_PIN'
  }
}

/**
 * A card authorization: the first refusal among the card's standing, its PIN (when one is typed),
 * its spend rules (state/card-rules.ts) and the ledger's available balance declines it (a DECLINED
 * CARD_AUTHORIZATION with information.declineReason, no money moved); otherwise the amount is
 * reserved on the ledger (an APPROVED CARD_AUTHORIZATION holding it) and a release is scheduled
 * after the partner's authorizationReleaseDays.
 */
export function authorizeCardPayment(store: Store, card: CardRow, request: CardAuthorizationRequest): TransactionRow {
  const now = store.clock.nowMs()
  const ledger = ledgerById(store, card.ledgerId)
  const converted = convert(request.amountCents, request.currency ?? card.currency, card.currency)
  const amountCents = converted.amountCents
  const pinEntered = request.pin !== undefined
  let decline = standingDecline(store, card, ledger, now)
  if (!decline && pinEntered) decline = pinDecline(store, card, request.pin!)
  if (!decline) {
    const rules = evaluateCardRules(store, card, amountCents, now)
    if (!rules.allowed) decline = rules.declineReason
  }
  if (!decline && !tryReserve(store, ledger!.id, amountCents)) decline = 'INSUFFICIENT_FUNDS'

  const merchant = merchantOf(store, request)
  const row = recordTransaction(store, {
    partnerId: card.partnerId,
    type: 'CARD_AUTHORIZATION',
    paymentType: request.paymentType ?? (merchant.categoryCode === '6011' ? 'WITHDRAWAL' : 'PURCHASE'),
    status: decline ? 'DECLINED' : 'APPROVED',
    amountCents,
    currency: card.currency,
    senderLedgerId: card.ledgerId,
    senderEndUserId: card.endUserId,
    cardId: card.id,
    sender: ledger ? cardParty(store, ledger, card) : { cardId: card.id, endUserId: card.endUserId, ledgerId: card.ledgerId },
    receiver: { name: merchant.name },
    information: { ...converted.information, ...(decline ? { declineReason: decline } : {}) },
    details: {
      direction: 'DEBIT',
      merchant,
      cardDetails: cardDetailsOf(card, { cardPresent: pinEntered || request.cardPresent === true, pinEntered }),
    },
    heldCents: decline ? 0 : amountCents,
  })
  if (!decline) {
    schedule(store, card.partnerId, 'CARD_AUTHORIZATION_RELEASE', now + authorizationReleaseDays(store, card.partnerId) * DAY_MS, { transactionId: row.id })
  }
  return row
}
