import { credit } from './balances'
import type { TransactionParty } from './db/tables/transactions'
import { SimError } from './errors'
import { assertLedgerActive, CLOSED_LEDGER_STATUSES, getAnyLedger, getLedger, ledgerHolder, type LedgerRow } from './ledgers'
import type { Scope } from './scope'
import type { Store } from './store'
import { recordTransaction, type TransactionRow } from './transactions'
import { externalParty, ledgerParty } from './transfers-parties'

// Money arriving on a simulated ledger from a SEPA account: an SCT or SCT Inst from outside the
// simulator (the /_sim control plane), the settlement of another simulated ledger's outgoing
// transfer, and LinkCy's sandbox credit. Incoming money is accepted while the ledger is suspended;
// a closed ledger declines it.

export interface IncomingSepa {
  amountCents: number
  /** The debtor's side as the receiving ledger sees it. */
  debtor: TransactionParty
  reference?: string
  /** SCT Inst (SCT_INST_RECEIVE) rather than SCT (SCT_RECEIVE). */
  instant?: boolean
  /** The sender's transaction when the debtor is a simulated ledger (its SCT_SEND). */
  relatedTransactionId?: string
}

/**
 * Books an incoming SCT / SCT Inst on `ledger`: APPROVED and credited; DECLINED
 * (BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED, nothing credited) when the ledger is closed, has no IBAN
 * or no longer has a holder.
 */
export function receiveSepaTransfer(store: Store, ledger: LedgerRow, incoming: IncomingSepa): TransactionRow {
  const refused = CLOSED_LEDGER_STATUSES.includes(ledger.status) || !ledger.isUpgraded || !ledgerHolder(store, ledger)
  if (!refused) credit(store, ledger.id, incoming.amountCents)
  const now = store.clock.nowMs()
  return recordTransaction(store, {
    partnerId: ledger.partnerId,
    type: 'SEPA_CREDIT_TRANSFER',
    paymentType: incoming.instant ? 'SCT_INST_RECEIVE' : 'SCT_RECEIVE',
    status: refused ? 'DECLINED' : 'APPROVED',
    amountCents: incoming.amountCents,
    currency: ledger.currency,
    receiverLedgerId: ledger.id,
    receiverEndUserId: ledger.endUserId,
    sender: incoming.debtor,
    receiver: ledgerParty(store, ledger),
    information: refused
      ? { reference: incoming.reference, declineReason: 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED' }
      : { reference: incoming.reference, clearingDate: now },
    relatedTransactionId: incoming.relatedTransactionId ?? null,
  })
}

export interface IncomingTransferRequest {
  amountCents: number
  debtorName: string
  debtorIban: string
  debtorBic?: string
  reference?: string
  instant?: boolean
}

/**
 * POST /_sim/ledgers/{ledgerId}/incoming-transfer: an SCT (or SCT Inst) from an outside account
 * arrives. Any partner's ledger (the control plane is not scoped); LEDGER_NOT_FOUND (404) when
 * unknown, LEDGER_MUST_BE_UPGRADED while it has no IBAN; a closed ledger books it DECLINED.
 */
export function receiveIncomingTransfer(store: Store, ledgerId: string, request: IncomingTransferRequest): TransactionRow {
  const ledger = getAnyLedger(store, ledgerId)
  if (!ledger.isUpgraded && !CLOSED_LEDGER_STATUSES.includes(ledger.status)) throw new SimError('LEDGER_MUST_BE_UPGRADED')
  return receiveSepaTransfer(store, ledger, {
    amountCents: request.amountCents,
    debtor: externalParty(request.debtorName, request.debtorIban, request.debtorBic),
    reference: request.reference,
    instant: request.instant,
  })
}

/** The type and payment type of a booking. */
export interface MovementKind {
  type: 'SEPA_CREDIT_TRANSFER' | 'UK_CREDIT_TRANSFER' | 'INTER_LEDGER'
  paymentType: string
}

/**
 * How money from (CREDIT) or to (DEBIT) outside the simulator is booked on a ledger, by what the
 * ledger can use: an upgraded EUR ledger by SEPA (SCT_RECEIVE / SCT_SEND), an upgraded GBP one by
 * Faster Payment (FASTER_PAYMENT_RECEIVE / _SEND). A ledger without account identifiers (not
 * upgraded, virtual) or a USD one has no payment scheme: its money is loaded inside LinkCy, an
 * INTER_LEDGER ACCOUNT_LOAD (the reference's only non-scheme credit of that type) or, out, a
 * MONEY_TRANSFER.
 */
export function outsideMovementKind(ledger: Pick<LedgerRow, 'isUpgraded' | 'currency' | 'parentId'>, direction: 'CREDIT' | 'DEBIT'): MovementKind {
  const credit = direction === 'CREDIT'
  if (ledger.isUpgraded && !ledger.parentId && ledger.currency === 'EUR') return { type: 'SEPA_CREDIT_TRANSFER', paymentType: credit ? 'SCT_RECEIVE' : 'SCT_SEND' }
  if (ledger.isUpgraded && !ledger.parentId && ledger.currency === 'GBP') return { type: 'UK_CREDIT_TRANSFER', paymentType: credit ? 'FASTER_PAYMENT_RECEIVE' : 'FASTER_PAYMENT_SEND' }
  return { type: 'INTER_LEDGER', paymentType: credit ? 'ACCOUNT_LOAD' : 'MONEY_TRANSFER' }
}

/** The debtor LinkCy's sandbox credits show. SIM: the real sandbox does not document it. */
export const SANDBOX_DEBTOR: TransactionParty = { name: 'LINKCY SANDBOX' }

/**
 * A sandbox credit (POST /transactions/simulate "Credit Ledger", POST /ledgers/credit): the ledger
 * visible to the caller receives an approved credit from LinkCy's sandbox, booked as its account can
 * receive it (outsideMovementKind: SCT_RECEIVE on an upgraded EUR ledger, FASTER_PAYMENT_RECEIVE on
 * an upgraded GBP one, else an INTER_LEDGER ACCOUNT_LOAD). The ledger must be ACTIVE
 * (LEDGER_MUST_BE_ACTIVE); it need not be upgraded.
 */
export function bookSandboxCredit(store: Store, ledger: LedgerRow, amountCents: number): TransactionRow {
  assertLedgerActive(ledger)
  credit(store, ledger.id, amountCents)
  return recordTransaction(store, {
    partnerId: ledger.partnerId,
    ...outsideMovementKind(ledger, 'CREDIT'),
    status: 'APPROVED',
    amountCents,
    currency: ledger.currency,
    receiverLedgerId: ledger.id,
    receiverEndUserId: ledger.endUserId,
    sender: SANDBOX_DEBTOR,
    receiver: ledgerParty(store, ledger),
    information: { clearingDate: store.clock.nowMs() },
  })
}

/** POST /transactions/simulate, Credit Ledger: the caller's ledger (400 LEDGER_NOT_FOUND on `ledgerId`) gets a sandbox credit. */
export function simulateLedgerCredit(store: Store, scope: Scope, ledgerId: string, amountCents: number): TransactionRow {
  const ledger = getLedger(store, scope, ledgerId, { status: 400, field: 'ledgerId', held: true })
  return bookSandboxCredit(store, ledger, amountCents)
}
