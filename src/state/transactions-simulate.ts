import { notFoundError } from './errors'
import type { Scope } from './scope'
import type { Store } from './store'
import { simulateLedgerCredit } from './transfers-incoming'

// LinkCy's sandbox POST /transactions/simulate: three kinds of simulated events, told apart by the
// id the body names. Credit Ledger is served; the card kinds are hooks that the cards issue fills
// (until cards exist, no card or card authorization can be found).

export interface CardAuthorizationSimulation {
  amountCents: number
  cardId: string
  merchantName?: string
  merchantCity?: string
  merchantCountry?: string
  merchantId?: string
  merchantCategoryCode?: string
}

export interface CardClearingSimulation {
  transactionId: string
  /** Cleared amount (default: the authorized amount). */
  amountCents?: number
}

export type SimulationRequest =
  | ({ kind: 'CARD_AUTHORIZATION' } & CardAuthorizationSimulation)
  | ({ kind: 'CARD_CLEARING' } & CardClearingSimulation)
  | { kind: 'CREDIT_LEDGER'; ledgerId: string; amountCents: number }

/**
 * HOOK (cards issue): a card authorization on the caller's card: APPROVED and reserved, or DECLINED.
 * Until cards exist every card id is unknown: 400 CARD_NOT_FOUND on `cardId`.
 */
export function simulateCardAuthorization(_store: Store, _scope: Scope, request: CardAuthorizationSimulation): void {
  throw notFoundError('CARD_NOT_FOUND', request.cardId, { status: 400 }, 'cardId')
}

/**
 * HOOK (cards issue): the clearing of an approved card authorization (the authorization becomes
 * RELEASED, the hold is settled). Until cards exist no authorization exists: 400 TRANSACTION_NOT_FOUND.
 */
export function simulateCardClearing(_store: Store, _scope: Scope, request: CardClearingSimulation): void {
  throw notFoundError('TRANSACTION_NOT_FOUND', request.transactionId, { status: 400 }, 'transactionId')
}

/** POST /transactions/simulate: runs the simulated event the body describes. */
export function simulateTransaction(store: Store, scope: Scope, request: SimulationRequest): void {
  switch (request.kind) {
    case 'CARD_AUTHORIZATION':
      return simulateCardAuthorization(store, scope, request)
    case 'CARD_CLEARING':
      return simulateCardClearing(store, scope, request)
    case 'CREDIT_LEDGER':
      simulateLedgerCredit(store, scope, request.ledgerId, request.amountCents)
  }
}
