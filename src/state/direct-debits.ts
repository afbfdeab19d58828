import { and, eq, notInArray, sql } from 'drizzle-orm'
import { credit, tryDebit } from './balances'
import { mandates, transactions } from './db/schema'
import type { TransactionParty } from './db/tables/transactions'
import { SimError } from './errors'
import { assertLedgerActive, assertLedgerUpgraded, CLOSED_LEDGER_STATUSES, getLedger, ledgerById, ledgerHolder, type LedgerRow } from './ledgers'
import { exceededLimit } from './limits'
import { assertHolderMayBank, getMandate, type MandateRow } from './mandates'
import { toCents } from './money'
import { schedule, type JobHandler } from './scheduler'
import type { Scope } from './scope'
import type { Store } from './store'
import { recordTransaction, transactionById, updateTransaction, type TransactionRow } from './transactions'
import { isoDate, isTargetBusinessDay } from './transfers-calendar'
import { externalParty, holderName, ledgerParty, sepaCounterparty } from './transfers-parties'

// SEPA direct-debit collections (POST /transactions/direct-debit): the creditor end-user's ledger
// collects from the debtor of an ACTIVATED mandate on a TARGET business day at least two days ahead.
// The collection is booked PENDING on the creditor's ledger (SEPA_DIRECT_DEBIT / SDD_SEND) and runs
// at the collection date (job DIRECT_DEBIT_COLLECTION). When the debtor's IBAN is a simulated ledger,
// of any partner, the money leaves it there (SDD_RECEIVE), or the collection is declined.

export interface DirectDebitInput {
  mandateId: string
  ledgerId: string
  /** The body field that named the creditor ledger: ledgerId (1.78) or ledgerToId (newer versions). */
  ledgerField: string
  /** Collection date, YYYY-MM-DD. */
  date: string
  amount: number
  reference: string
}

/** Statuses of a collection that did not use the mandate (a one-off mandate may be presented again). */
const UNUSED = ['DECLINED', 'ABORTED']

/** How many collections already used this mandate. */
function collectionsOf(store: Store, mandateId: string): number {
  const row = store.db.select({ n: sql<number>`count(*)` }).from(transactions)
    .where(and(eq(transactions.mandateId, mandateId), eq(transactions.paymentType, 'SDD_SEND'), notInArray(transactions.status, UNUSED))).get()
  return Number(row?.n ?? 0)
}

/** INVALID_DATE unless the date is at least two days after today (UTC) and a TARGET business day. */
function checkCollectionDate(store: Store, date: string): number {
  const at = Date.parse(`${date}T00:00:00Z`)
  const earliest = isoDate(store.clock.nowMs() + 2 * 24 * 3600 * 1000)
  if (date < earliest || !isTargetBusinessDay(at)) throw new SimError('INVALID_DATE', [], { field: 'date', rejectedValue: date })
  return at
}

/** The debtor as the creditor's collection shows it: name and account, its ids only within one partner. */
function debtorParty(store: Store, mandate: MandateRow): TransactionParty {
  const account = { name: mandate.debtorName, iban: mandate.debtorIban ?? undefined, bic: mandate.debtorBic ?? undefined }
  return sepaCounterparty(account, mandate.debtorLedgerId ? ledgerById(store, mandate.debtorLedgerId) : undefined, mandate.partnerId)
}

/**
 * POST /transactions/direct-debit. Checks in the reference's order: MANDATE_NOT_FOUND and
 * LEDGER_NOT_FOUND (400; the ledger must be the mandate creditor's), INVALID_DATE, then
 * MANDATE_MUST_BE_ACTIVE (also past its expiration date), LEDGER_MUST_BE_ACTIVE, MANDATE_NOT_RECURRING
 * and the creditor's standing. A collection over ddTransactionLimit / ddMonthlyLimit is booked
 * DECLINED (LIMITS_EXCEEDED), as transfers are.
 */
export function createDirectDebit(store: Store, scope: Scope, input: DirectDebitInput): TransactionRow {
  const cents = toCents(input.amount)
  const mandate = getMandate(store, scope, input.mandateId, { status: 400, field: 'mandateId' })
  const ledger = getLedger(store, scope, input.ledgerId, { status: 400, field: input.ledgerField, endUserId: mandate.endUserId })
  const dueAt = checkCollectionDate(store, input.date)
  if (mandate.status !== 'ACTIVATED' || input.date > mandate.expirationDate) throw new SimError('MANDATE_MUST_BE_ACTIVE', [mandate.id])
  assertLedgerActive(ledger)
  // SIM: a ledger without an IBAN cannot be a SEPA creditor (the ledger area's LEDGER_MUST_BE_UPGRADED).
  assertLedgerUpgraded(ledger)
  const previous = collectionsOf(store, mandate.id)
  if (!mandate.recurring && previous > 0) throw new SimError('MANDATE_NOT_RECURRING')
  assertHolderMayBank(store, mandate)

  // The monthly limit counts collections by the month they are collected in.
  const overLimit = exceededLimit(store, ledger, cents, 'DIRECT_DEBIT', dueAt) !== null
  const row = recordTransaction(store, {
    partnerId: ledger.partnerId,
    type: 'SEPA_DIRECT_DEBIT',
    paymentType: 'SDD_SEND',
    status: overLimit ? 'DECLINED' : 'PENDING',
    amountCents: cents,
    currency: ledger.currency,
    receiverLedgerId: ledger.id,
    receiverEndUserId: ledger.endUserId,
    sender: debtorParty(store, mandate),
    receiver: ledgerParty(store, ledger),
    information: {
      reference: input.reference,
      sequence: mandate.recurring ? (previous === 0 ? 'FIRST' : 'RECURRING') : 'ONE_OFF',
      ...(overLimit ? { declineReason: 'LIMITS_EXCEEDED' } : {}),
    },
    details: { collectionDate: input.date, uniqueMandateReference: mandate.uniqueReference },
    mandateId: mandate.id,
  })
  if (!overLimit) schedule(store, ledger.partnerId, 'DIRECT_DEBIT_COLLECTION', dueAt, { transactionId: row.id })
  return row
}

/**
 * Runs a collection at its date. Declined when the mandate was cancelled meanwhile
 * (TRANSACTION_CANCELLED) or the creditor ledger closed (BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED); when
 * the debtor is a simulated ledger, when that ledger is closed (SENDER_ACCOUNT_CLOSED), suspended
 * (TRANSACTION_UNAUTHORISED) or short of funds (INSUFFICIENT_FUNDS). Otherwise the creditor is credited.
 */
export function collectDirectDebit(store: Store, transactionId: string): TransactionRow | undefined {
  const row = transactionById(store, transactionId)
  if (!row || row.status !== 'PENDING' || !row.receiverLedgerId || !row.mandateId) return row
  const mandate = store.db.select().from(mandates).where(eq(mandates.id, row.mandateId)).get()
  const creditor = ledgerById(store, row.receiverLedgerId)
  const decline = (declineReason: string) => updateTransaction(store, row, { status: 'DECLINED', information: { declineReason } })
  if (!mandate || mandate.status !== 'ACTIVATED') return decline('TRANSACTION_CANCELLED')
  if (!creditor || CLOSED_LEDGER_STATUSES.includes(creditor.status) || !ledgerHolder(store, creditor)) return decline('BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED')
  const debtor = mandate.debtorLedgerId ? ledgerById(store, mandate.debtorLedgerId) : undefined
  if (debtor) {
    // A debtor ledger whose holder is gone pays nothing: closed as far as the creditor's bank can tell.
    if (CLOSED_LEDGER_STATUSES.includes(debtor.status) || !ledgerHolder(store, debtor)) return decline('SENDER_ACCOUNT_CLOSED')
    const refusal = debtor.status === 'SUSPENDED' ? 'TRANSACTION_UNAUTHORISED' : !tryDebit(store, debtor.id, row.amountCents) ? 'INSUFFICIENT_FUNDS' : null
    bookDebtorSide(store, row, debtor, creditor, refusal)
    if (refusal) return decline(refusal)
  }
  credit(store, creditor.id, row.amountCents)
  return updateTransaction(store, row, { status: 'APPROVED', information: { clearingDate: store.clock.nowMs() } })
}

/** The debit as the debtor's simulated ledger sees it (SDD_RECEIVE), approved or with its refusal. */
function bookDebtorSide(store: Store, collection: TransactionRow, debtor: LedgerRow, creditor: LedgerRow, refusal: string | null): void {
  const samePartner = debtor.partnerId === creditor.partnerId
  const receiver = samePartner ? ledgerParty(store, creditor) : externalParty(holderName(store, creditor) ?? '', creditor.iban ?? undefined, creditor.bicOrSwift ?? undefined)
  recordTransaction(store, {
    partnerId: debtor.partnerId,
    type: 'SEPA_DIRECT_DEBIT',
    paymentType: 'SDD_RECEIVE',
    status: refusal ? 'DECLINED' : 'APPROVED',
    amountCents: collection.amountCents,
    currency: collection.currency,
    senderLedgerId: debtor.id,
    senderEndUserId: debtor.endUserId,
    sender: ledgerParty(store, debtor),
    receiver,
    information: {
      reference: collection.information.reference,
      sequence: collection.information.sequence,
      ...(refusal ? { declineReason: refusal } : { clearingDate: store.clock.nowMs() }),
    },
    mandateId: samePartner ? collection.mandateId : null,
    relatedTransactionId: collection.id,
  })
}

/** Scheduled job DIRECT_DEBIT_COLLECTION ({transactionId}): see collectDirectDebit. */
export const collectDirectDebitJob: JobHandler = (store, payload) => {
  collectDirectDebit(store, String(payload.transactionId))
}
