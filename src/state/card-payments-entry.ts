import { authorizeCardPayment, type CardAuthorizationRequest } from './card-payments'
import { clearCardAuthorization, refundCardPayment, releaseCardAuthorization, type CardRefundRequest } from './card-payments-settle'
import { cardById, getCard, type CardRow } from './cards'
import { notFoundError, SimError, type NamedId } from './errors'
import type { Scope } from './scope'
import type { Store } from './store'
import { findTransaction, transactionById, type TransactionRow } from './transactions'
import type { CardAuthorizationSimulation, CardClearingSimulation } from './transactions-simulate'

// Where card payments come from: LinkCy's sandbox POST /transactions/simulate (Card Authorization,
// Card Clearing; scoped to the caller's partner, ids named in the body → 400 when unknown) and the
// /_sim control plane (any partner's card or authorization; ids in the path → 404 when unknown).

/** A card transaction of `row`'s kind, or the documented TRANSACTION_NOT_FOUND. */
function cardTransaction(row: TransactionRow | undefined, transactionId: string, named: NamedId, types: readonly string[]): TransactionRow {
  if (row && types.includes(row.type)) return row
  throw notFoundError('TRANSACTION_NOT_FOUND', transactionId, named, 'transactionId')
}

/**
 * POST /transactions/simulate, Card Authorization: an authorization on the caller's card (400
 * CARD_NOT_FOUND on `cardId` for an unknown or another partner's card), APPROVED or DECLINED.
 */
export function simulateCardPayment(store: Store, scope: Scope, request: CardAuthorizationSimulation): TransactionRow {
  const { cardId, ...rest } = request
  return authorizeCardPayment(store, getCard(store, scope, cardId, { status: 400, field: 'cardId' }), rest)
}

/**
 * POST /transactions/simulate, Card Clearing: clears one of the caller's card authorizations (400
 * TRANSACTION_NOT_FOUND on `transactionId` for anything else) for its amount or the one given.
 */
export function simulateCardPaymentClearing(store: Store, scope: Scope, request: CardClearingSimulation): TransactionRow {
  const named: NamedId = { status: 400, field: 'transactionId' }
  const auth = cardTransaction(findTransaction(store, scope, request.transactionId), request.transactionId, named, ['CARD_AUTHORIZATION'])
  return clearCardAuthorization(store, auth, request.amountCents)
}

/** Any partner's card, or 404 CARD_NOT_FOUND (the /_sim control plane is not scoped). */
export function getAnyCard(store: Store, cardId: string): CardRow {
  const card = cardById(store, cardId)
  if (!card) throw new SimError('CARD_NOT_FOUND', [cardId])
  return card
}

/** POST /_sim/cards/{cardId}/authorizations: an authorization on any partner's card. */
export function simAuthorizeCardPayment(store: Store, cardId: string, request: CardAuthorizationRequest): TransactionRow {
  return authorizeCardPayment(store, getAnyCard(store, cardId), request)
}

/** What the control plane may do to an authorization. */
export type AuthorizationAction = { action: 'clear'; amountCents?: number } | { action: 'release' } | { action: 'reverse' }

/**
 * POST /_sim/cards/authorizations/{transactionId}/clear|release|reverse: any partner's card
 * authorization (404 TRANSACTION_NOT_FOUND otherwise). Clear answers the clearing; the others the
 * authorization as it is now.
 */
export function simAuthorizationAction(store: Store, transactionId: string, what: AuthorizationAction): TransactionRow {
  const auth = cardTransaction(transactionById(store, transactionId.toLowerCase()), transactionId, {}, ['CARD_AUTHORIZATION'])
  if (what.action === 'clear') return clearCardAuthorization(store, auth, what.amountCents)
  return releaseCardAuthorization(store, auth, what.action === 'release' ? 'RELEASED' : 'REVERSED')
}

/**
 * POST /_sim/cards/{cardId}/refunds: a merchant refund to any partner's card; a `transactionId` names
 * the original payment, a card transaction of this card (else 400 TRANSACTION_NOT_FOUND on it).
 */
export function simRefundCardPayment(store: Store, cardId: string, request: Omit<CardRefundRequest, 'original'> & { transactionId?: string }): TransactionRow {
  const card = getAnyCard(store, cardId)
  const { transactionId, ...rest } = request
  let original: TransactionRow | undefined
  if (transactionId) {
    const row = transactionById(store, transactionId.toLowerCase())
    original = cardTransaction(row && row.cardId === card.id ? row : undefined, transactionId, { status: 400 }, ['CARD_AUTHORIZATION', 'CARD_CLEARING'])
  }
  return refundCardPayment(store, card, { ...rest, original })
}
