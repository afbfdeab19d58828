import { credit, release, tryDebit, trySettle } from './balances'
import { cardDetailsOf, cardParty, convert, merchantOf, type Merchant, type MerchantInput } from './card-payments-parts'
import type { CardRow } from './cards'
import { SimError, ValidationError } from './errors'
import { CLOSED_LEDGER_STATUSES, ledgerById } from './ledgers'
import type { Store } from './store'
import { recordTransaction, transactionById, updateTransaction, type TransactionRow } from './transactions'

// What happens to a card authorization after it is approved: the clearing (the merchant's final
// amount leaves the ledger, the hold ends), the release when no clearing came in time (or a
// reversal by the merchant), and refunds crediting the card's ledger back.

type Action = 'cleared' | 'released' | 'reversed'

/** The `information` members of a foreign-currency amount (state/card-payments-parts.ts convert). */
const ORIGINAL_AMOUNT = ['originalAmountCents', 'originalCurrency', 'conversionRate']

/** A linked transaction as `information` stores it ({id, date} with the date as epoch ms). */
const link = (row: TransactionRow) => ({ id: row.id, date: row.creationDate })

/**
 * CARD_AUTHORIZATION_NOT_PENDING unless `auth` may still be `action`ed: a declined or reversed
 * authorization never; one already cleared never again; one released without clearing only cleared
 * (a late clearing).
 */
function assertPending(auth: TransactionRow, action: Action): void {
  const cleared = auth.information.clearingTransaction !== undefined
  const state = cleared ? 'already cleared' : auth.status
  const ok = auth.status === 'APPROVED' || (action === 'cleared' && auth.status === 'RELEASED' && !cleared)
  if (!ok) throw new SimError('CARD_AUTHORIZATION_NOT_PENDING', [auth.id, action, state])
}

/**
 * Clears an authorization for `amountCents` of the card's currency (default: the authorized amount):
 * a CARD_CLEARING (APPROVED, related to the authorization) is booked, the hold is settled for that
 * amount (less gives the rest back, more takes the difference from available) and the authorization
 * becomes RELEASED with its clearingTransaction. A clearing after the hold was released debits the
 * ledger directly. Rules are not checked, and a suspended or closed card still clears. When the
 * ledger cannot pay the difference the clearing is refused (409 LEDGER_MUST_BE_PROVISIONED), nothing
 * changes: a balance never goes negative.
 */
export function clearCardAuthorization(store: Store, auth: TransactionRow, amountCents?: number): TransactionRow {
  assertPending(auth, 'cleared')
  const ledgerId = auth.senderLedgerId!
  const paid = amountCents ?? auth.amountCents
  const ok = auth.status === 'APPROVED' ? trySettle(store, ledgerId, auth.heldCents, paid) : tryDebit(store, ledgerId, paid)
  if (!ok) throw new SimError('LEDGER_MUST_BE_PROVISIONED')
  const original = amountCents === undefined ? pick(auth.information, ORIGINAL_AMOUNT) : {}
  const clearing = recordTransaction(store, {
    partnerId: auth.partnerId,
    type: 'CARD_CLEARING',
    paymentType: auth.paymentType,
    status: 'APPROVED',
    amountCents: paid,
    currency: auth.currency,
    senderLedgerId: ledgerId,
    senderEndUserId: auth.senderEndUserId,
    cardId: auth.cardId,
    sender: auth.sender,
    receiver: auth.receiver,
    information: { ...original, originalTransaction: link(auth) },
    details: auth.details,
    relatedTransactionId: auth.id,
  })
  updateTransaction(store, auth, { status: 'RELEASED', heldCents: 0, information: { clearingTransaction: link(clearing) } })
  return clearing
}

/**
 * Ends an authorization's hold without payment: RELEASED (no clearing came in time, or the /_sim
 * control plane says so) or REVERSED (the merchant cancelled it). The held amount is available again.
 */
export function releaseCardAuthorization(store: Store, auth: TransactionRow, status: 'RELEASED' | 'REVERSED' = 'RELEASED'): TransactionRow {
  assertPending(auth, status === 'RELEASED' ? 'released' : 'reversed')
  if (auth.heldCents > 0) release(store, auth.senderLedgerId!, auth.heldCents)
  return updateTransaction(store, auth, { status, heldCents: 0 })
}

/**
 * Scheduled job CARD_AUTHORIZATION_RELEASE { transactionId }: an authorization still APPROVED when
 * its partner's authorizationReleaseDays have passed is RELEASED; one cleared or reversed is left alone.
 */
export function releaseAuthorizationJob(store: Store, payload: Record<string, unknown>): void {
  const auth = transactionById(store, String(payload.transactionId))
  if (auth && auth.type === 'CARD_AUTHORIZATION' && auth.status === 'APPROVED') releaseCardAuthorization(store, auth)
}

/** A refund a merchant sends back to a card. */
export interface CardRefundRequest extends MerchantInput {
  /** Default: the amount of the original clearing. */
  amountCents?: number
  currency?: string
  /** The original payment (its CARD_AUTHORIZATION or CARD_CLEARING), if the refund names one. */
  original?: TransactionRow
}

/** The clearing of a payment (the clearing itself, or the one an authorization was cleared by); never a refund. */
function clearingOf(store: Store, row: TransactionRow): TransactionRow | undefined {
  if (row.type === 'CARD_CLEARING') return row.details.direction === 'CREDIT' ? undefined : row
  const linked = row.information.clearingTransaction as { id?: string } | undefined
  return linked?.id ? transactionById(store, linked.id) : undefined
}

/**
 * A merchant refund: a CARD_CLEARING of paymentType PURCHASE_RETURN_OR_REFUND and direction CREDIT,
 * from the merchant to the card's ledger, credited at once (APPROVED) whatever the card's status;
 * DECLINED (ACCOUNT_CLOSED, nothing credited) when the ledger is closed. A refund naming its original
 * payment must name a cleared one of the same card (else CARD_AUTHORIZATION_NOT_PENDING) and takes
 * its merchant and, by default, its amount. SIM: the sum of refunds is not capped by the payment.
 */
export function refundCardPayment(store: Store, card: CardRow, request: CardRefundRequest): TransactionRow {
  const ledger = ledgerById(store, card.ledgerId)!
  const original = request.original ? clearingOf(store, request.original) : undefined
  if (request.original && !original) throw new SimError('CARD_AUTHORIZATION_NOT_PENDING', [request.original.id, 'refunded', 'not cleared'])
  const merchant = original && !request.merchantName ? (original.details.merchant as Merchant) : merchantOf(store, request)
  if (request.amountCents === undefined && !original) throw new ValidationError([{ field: 'amount', rejectedValue: null, message: 'must not be null' }])
  const converted = request.amountCents !== undefined
    ? convert(request.amountCents, request.currency ?? card.currency, card.currency)
    : { amountCents: original!.amountCents, information: pick(original!.information, ORIGINAL_AMOUNT) }
  const closed = CLOSED_LEDGER_STATUSES.includes(ledger.status)
  if (!closed) credit(store, ledger.id, converted.amountCents)
  return recordTransaction(store, {
    partnerId: card.partnerId,
    type: 'CARD_CLEARING',
    paymentType: 'PURCHASE_RETURN_OR_REFUND',
    status: closed ? 'DECLINED' : 'APPROVED',
    amountCents: converted.amountCents,
    currency: card.currency,
    receiverLedgerId: ledger.id,
    receiverEndUserId: card.endUserId,
    cardId: card.id,
    sender: { name: merchant.name },
    receiver: cardParty(store, ledger, card),
    information: {
      ...converted.information,
      ...(original ? { originalTransaction: link(original) } : {}),
      ...(closed ? { declineReason: 'ACCOUNT_CLOSED' } : {}),
    },
    details: { direction: 'CREDIT', merchant, cardDetails: original?.details.cardDetails ?? cardDetailsOf(card, { cardPresent: false, pinEntered: false }) },
    relatedTransactionId: original?.id ?? null,
  })
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]))
}
