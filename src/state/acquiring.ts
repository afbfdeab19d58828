import { eq } from 'drizzle-orm'
import { credit } from './balances'
import { accountLoadFeeCents, getAcquiringConfiguration } from './acquiring-settings'
import { transactions } from './db/schema'
import { getBankingEndUser } from './end-user-checks'
import { SimError } from './errors'
import { getLedger, type LedgerRow } from './ledgers'
import { fromCents } from './money'
import { compact } from './objects'
import type { Scope } from './scope'
import type { Store } from './store'
import { findTransaction, recordTransaction, transactionById, updateTransaction, type TransactionRow } from './transactions'
import { closeWebPage, openWebPage } from './web-pages'

// Acquiring: LinkCy takes a card payment for the partner through a hosted payment page. Starting
// one books an ACQUIRING transaction (PAYMENT or ACCOUNT_LOAD), PENDING until the person pays or
// cancels on the page (/pages/acquiring/{id}, or /_sim/acquiring/{id}/pay|cancel). Paying APPROVES it
// and credits the ledger: the target ledger of an account load (amount minus the load fees), the
// partner's sale ledger of a payment when configured.

/** SIM: lifetime of the payment page (LinkCy's is not documented). */
export const ACQUIRING_PAGE_TTL = 'PT15M'
const PAGE_TTL_MS = 15 * 60 * 1000

/** The page path of an acquiring transaction (made absolute on the caller's origin). */
export const acquiringPagePath = (id: string): string => `/pages/acquiring/${id}`

/** What the session keeps besides LinkCy's members (in details.session, never presented). */
interface AcquiringSession {
  redirectUrl?: string
  expiresAt: number
}

export interface AcquiringPaymentRequest {
  amountCents: number
  endUserId?: string
  redirectUrl: string
  reference?: string
}

export interface AccountLoadRequest {
  amountCents: number
  targetLedgerId: string
  redirectUrl?: string
  reference?: string
  endUserId?: string
}

function open(store: Store, scope: Scope, input: { paymentType: 'PAYMENT' | 'ACCOUNT_LOAD'; amountCents: number; currency: string; ledger?: LedgerRow; endUserId?: string; reference?: string; redirectUrl?: string; feeCents: number }): TransactionRow {
  const { ledger } = input
  const session: AcquiringSession = compact({ redirectUrl: input.redirectUrl, expiresAt: store.clock.nowMs() + PAGE_TTL_MS }) as AcquiringSession
  const row = recordTransaction(store, {
    partnerId: scope.partnerId,
    type: 'ACQUIRING',
    paymentType: input.paymentType,
    status: 'PENDING',
    amountCents: input.amountCents,
    currency: input.currency,
    receiverLedgerId: ledger?.id ?? null,
    receiverEndUserId: ledger?.endUserId ?? input.endUserId ?? null,
    receiver: ledger ? compact({ ledgerId: ledger.id, endUserId: ledger.endUserId ?? undefined, ledgerFriendlyName: ledger.friendlyName ?? undefined }) : {},
    information: compact({ reference: input.reference }),
    details: {
      acquiring: compact({ endUserId: input.endUserId ?? ledger?.endUserId ?? undefined, targetLedgerId: input.paymentType === 'ACCOUNT_LOAD' ? ledger?.id : undefined }),
      netAmountCents: input.amountCents - input.feeCents,
      fees: { partnerFee: fromCents(input.feeCents) },
      session,
    },
  })
  openWebPage(store, { id: row.id, partnerId: scope.partnerId, kind: 'PAYMENT', resourceId: row.id, expiresAt: session.expiresAt, createdAt: row.creationDate })
  return row
}

/**
 * POST /acquiring/payment (Acquiring_initiateTransaction): a PENDING PAYMENT and its page. The
 * partner needs acquiring (404 PARTNER_NOT_FOUND); `endUserId`, when given, must be its end-user.
 */
export function initiatePayment(store: Store, scope: Scope, req: AcquiringPaymentRequest): TransactionRow {
  const config = getAcquiringConfiguration(store, scope.partnerId)
  if (req.endUserId) getBankingEndUser(store, scope.partnerId, req.endUserId, 'endUserId', 404)
  // SIM: the sale ledger is credited only when the configuration names one of the partner's ledgers.
  const sale = config.saleLedgerId ? findLedger(store, scope, config.saleLedgerId) : undefined
  return open(store, scope, { paymentType: 'PAYMENT', amountCents: req.amountCents, currency: sale?.currency ?? 'EUR', ledger: sale, endUserId: req.endUserId, reference: req.reference, redirectUrl: req.redirectUrl, feeCents: 0 })
}

function findLedger(store: Store, scope: Scope, ledgerId: string): LedgerRow | undefined {
  try {
    return getLedger(store, scope, ledgerId)
  } catch {
    return undefined
  }
}

/**
 * POST /acquiring/account-load: a PENDING ACCOUNT_LOAD of the target ledger and its page. Checks, in
 * order: acquiring configured (404 PARTNER_NOT_FOUND), the target ledger is the caller's
 * (409 ACCOUNT_LOAD_LEDGER_NOT_FOUND), not suspended, ACTIVE, amount within [minLoad, maxLoad]
 * (ACCOUNT_LOAD_INCORRECT_AMOUNT), and the amount covers the load fees (LEDGER_MUST_BE_PROVISIONED).
 */
export function initiateAccountLoad(store: Store, scope: Scope, req: AccountLoadRequest): TransactionRow {
  const config = getAcquiringConfiguration(store, scope.partnerId)
  const ledger = findLedger(store, scope, req.targetLedgerId)
  if (!ledger) throw new SimError('ACCOUNT_LOAD_LEDGER_NOT_FOUND')
  if (ledger.status === 'SUSPENDED' || ledger.suspensions.length > 0) throw new SimError('LEDGER_MUST_NOT_BE_SUSPENDED')
  if (ledger.status !== 'ACTIVE') throw new SimError('LEDGER_MUST_BE_ACTIVE')
  const min = Math.round(config.minLoad * 100)
  const max = Math.round(config.maxLoad * 100)
  if (req.amountCents < min || req.amountCents > max) {
    throw new SimError('ACCOUNT_LOAD_INCORRECT_AMOUNT', [fromCents(min), fromCents(max), ledger.currency])
  }
  const feeCents = accountLoadFeeCents(config, req.amountCents)
  // SIM: a load that the fees would eat entirely credits nothing: refused as not provisioned.
  if (feeCents >= req.amountCents) throw new SimError('LEDGER_MUST_BE_PROVISIONED')
  if (req.endUserId) getBankingEndUser(store, scope.partnerId, req.endUserId, 'endUserId', 404)
  return open(store, scope, { paymentType: 'ACCOUNT_LOAD', amountCents: req.amountCents, currency: ledger.currency, ledger, endUserId: req.endUserId, reference: req.reference, redirectUrl: req.redirectUrl, feeCents })
}

/**
 * GET /acquiring/transactions/{transactionId} (Acquiring_transactionInfo): the caller's acquiring
 * transaction; 404 TRANSACTION_NOT_FOUND for any other (another partner's, another kind).
 */
export function getAcquiringTransaction(store: Store, scope: Scope, transactionId: string): TransactionRow {
  const row = findTransaction(store, scope, transactionId)
  if (row?.type === 'ACQUIRING') return row
  throw new SimError('TRANSACTION_NOT_FOUND', [transactionId])
}

/** The acquiring transaction behind a payment page (any partner: the page link is the credential). */
export function findAcquiringSession(store: Store, id: string): TransactionRow | undefined {
  const row = transactionById(store, id.toLowerCase())
  return row?.type === 'ACQUIRING' ? row : undefined
}

/** The page's state: PENDING (payable), EXPIRED, or the transaction's final status. */
export function acquiringPageState(store: Store, row: TransactionRow): string {
  if (row.status !== 'PENDING') return row.status
  return store.clock.nowMs() > sessionOf(row).expiresAt ? 'EXPIRED' : 'PENDING'
}

const sessionOf = (row: TransactionRow): AcquiringSession => (row.details.session ?? { expiresAt: 0 }) as AcquiringSession

/** The fake card a person types on the page (defaults: a Visa test card). */
export interface AcquiringCard {
  cardNumber?: string
  cardHolderName?: string
}

/** SIM: this test card number is declined (TRANSACTION_UNAUTHORISED); every other number pays. */
export const DECLINED_TEST_CARD = '4000000000000002'

export type AcquiringOutcome = { outcome: 'APPROVED' | 'DECLINED' | 'CANCELLED' | 'EXPIRED' | 'ALREADY_DONE'; row: TransactionRow; redirectUrl?: string }

/**
 * The person pays on the page: the transaction becomes APPROVED, paymentDate/clearingDate are set
 * and the receiver ledger (if any) is credited with the net amount; the declined test card makes it
 * DECLINED. An expired page ends ABORTED; a finished one is left as it is.
 */
export function payAcquiring(store: Store, row: TransactionRow, card: AcquiringCard = {}): AcquiringOutcome {
  const done = finished(store, row)
  if (done) return done
  closeWebPage(store, 'PAYMENT', row.id)
  const number = (card.cardNumber ?? '4242424242424242').replace(/\s+/g, '')
  const now = store.clock.nowMs()
  const acquiring = compact({
    ...(row.details.acquiring as Record<string, unknown>),
    cardHolderName: card.cardHolderName || 'SIM CARDHOLDER',
    cardIssuer: 'SIM BANK',
    cardType: 'DEBIT',
    cardScheme: number.startsWith('5') ? 'MASTERCARD' : 'VISA',
    cardIssuerCountryCode: 'FR',
    cardTruncPan: `${number.slice(0, 6)}******${number.slice(-4)}`,
    threeDsCheck: 'AUTHENTICATED',
    paymentMethod: 'CARD',
  })
  const sender = { name: acquiring.cardHolderName as string }
  if (number === DECLINED_TEST_CARD) {
    const next = updateTransaction(store, row, { status: 'DECLINED', information: { declineReason: 'TRANSACTION_UNAUTHORISED' }, details: { acquiring } })
    return { outcome: 'DECLINED', row: withSender(store, next, sender), redirectUrl: sessionOf(row).redirectUrl }
  }
  const netCents = typeof row.details.netAmountCents === 'number' ? row.details.netAmountCents : row.amountCents
  if (row.receiverLedgerId) credit(store, row.receiverLedgerId, netCents)
  const paymentDate = new Date(now).toISOString().slice(0, 10)
  const next = updateTransaction(store, row, { status: 'APPROVED', information: { clearingDate: now, paymentDate }, details: { acquiring } })
  return { outcome: 'APPROVED', row: withSender(store, next, sender), redirectUrl: sessionOf(row).redirectUrl }
}

/** The person cancels on the page: the transaction becomes DECLINED (TRANSACTION_CANCELLED), no money moves. */
export function cancelAcquiring(store: Store, row: TransactionRow): AcquiringOutcome {
  const done = finished(store, row)
  if (done) return done
  closeWebPage(store, 'PAYMENT', row.id)
  const next = updateTransaction(store, row, { status: 'DECLINED', information: { declineReason: 'TRANSACTION_CANCELLED' } })
  return { outcome: 'CANCELLED', row: next, redirectUrl: sessionOf(row).redirectUrl }
}

function finished(store: Store, row: TransactionRow): AcquiringOutcome | undefined {
  const state = acquiringPageState(store, row)
  if (state === 'PENDING') return undefined
  if (state === 'EXPIRED') {
    return { outcome: 'EXPIRED', row: updateTransaction(store, row, { status: 'ABORTED' }), redirectUrl: sessionOf(row).redirectUrl }
  }
  return { outcome: 'ALREADY_DONE', row }
}

function withSender(store: Store, row: TransactionRow, sender: { name: string }): TransactionRow {
  store.db.update(transactions).set({ sender }).where(eq(transactions.id, row.id)).run()
  return { ...row, sender }
}
