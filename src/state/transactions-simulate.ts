import { simulateCardPayment, simulateCardPaymentClearing } from './card-payments-entry'
import type { MerchantInput } from './card-payments-parts'
import type { Scope } from './scope'
import type { Store } from './store'
import { simulateLedgerCredit } from './transfers-incoming'

// LinkCy's sandbox POST /transactions/simulate: three kinds of simulated events, told apart by the
// id the body names. Credit Ledger books a sandbox credit; the card kinds run card payments
// (state/card-payments-entry.ts).

export interface CardAuthorizationSimulation extends MerchantInput {
  amountCents: number
  cardId: string
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
 * A card authorization on the caller's card: APPROVED and reserved, or DECLINED with its reason
 * (state/card-payments.ts); 400 CARD_NOT_FOUND on `cardId` for an unknown card.
 */
export function simulateCardAuthorization(store: Store, scope: Scope, request: CardAuthorizationSimulation): void {
  simulateCardPayment(store, scope, request)
}

/**
 * The clearing of an approved card authorization: the authorization becomes RELEASED, the hold is
 * settled (state/card-payments-settle.ts); 400 TRANSACTION_NOT_FOUND on `transactionId` otherwise.
 */
export function simulateCardClearing(store: Store, scope: Scope, request: CardClearingSimulation): void {
  simulateCardPaymentClearing(store, scope, request)
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
