import { release, trySettle } from './balances'
import { findLedgerByIban, ledgerById } from './ledgers'
import type { JobHandler } from './scheduler'
import type { Store } from './store'
import { transactionById, updateTransaction, type TransactionRow } from './transactions'
import { CLOSED_LEDGER_STATUSES, receiveSepaTransfer } from './transfers-incoming'
import { externalParty } from './transfers-parties'

// Settlement of an outgoing SEPA (or UK) transfer, run by the scheduler at the instant the transfer
// clears (state/transfers.ts schedules it). The hold leaves the sender for good and the transfer is
// APPROVED; when the beneficiary's IBAN is a simulated ledger, of any partner, the money arrives
// there as an incoming SCT / SCT Inst. A receiving ledger that was closed meanwhile declines it
// (BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED, also booked on that ledger), as does one in another
// currency (TRANSACTION_CURRENCY_DIFFERENT_TO_RECEIVER_ACCOUNT); the hold goes back to the sender.

/** Settles one pending outgoing transfer (a no-op if it is no longer PENDING). */
export function settleOutgoingTransfer(store: Store, transactionId: string): TransactionRow | undefined {
  const row = transactionById(store, transactionId)
  if (!row || row.status !== 'PENDING' || !row.senderLedgerId) return row
  const iban = typeof row.receiver.iban === 'string' ? row.receiver.iban : undefined
  const target = iban ? findLedgerByIban(store, iban) : undefined
  const sender = ledgerById(store, row.senderLedgerId)
  const instant = row.paymentType === 'SCT_INST_SEND'

  const refusal = !target
    ? undefined
    : CLOSED_LEDGER_STATUSES.includes(target.status) || !target.isUpgraded
      ? 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED'
      : target.currency !== row.currency ? 'TRANSACTION_CURRENCY_DIFFERENT_TO_RECEIVER_ACCOUNT' : undefined
  if (target && refusal) {
    release(store, row.senderLedgerId, row.heldCents)
    const declined = updateTransaction(store, row, { status: 'DECLINED', heldCents: 0, information: { declineReason: refusal } })
    if (refusal === 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED') {
      receiveSepaTransfer(store, target, { amountCents: row.amountCents, debtor: debtorOf(row, sender?.partnerId === target.partnerId), reference: stringOf(row.information.reference), instant, relatedTransactionId: row.id })
    }
    return declined
  }
  if (!trySettle(store, row.senderLedgerId, row.heldCents, row.amountCents)) {
    // Unreachable while the hold covers the amount; kept so a corrupted hold cannot make money appear.
    release(store, row.senderLedgerId, row.heldCents)
    return updateTransaction(store, row, { status: 'DECLINED', heldCents: 0, information: { declineReason: 'INSUFFICIENT_FUNDS' } })
  }
  const settled = updateTransaction(store, row, { status: 'APPROVED', heldCents: 0, information: { clearingDate: store.clock.nowMs() } })
  if (target) {
    receiveSepaTransfer(store, target, { amountCents: row.amountCents, debtor: debtorOf(row, sender?.partnerId === target.partnerId), reference: stringOf(row.information.reference), instant, relatedTransactionId: row.id })
  }
  return settled
}

/** The sender as the receiving ledger sees it: name and account; its ids only within one partner. */
function debtorOf(row: TransactionRow, samePartner: boolean) {
  const party = externalParty(stringOf(row.sender.name) ?? '', stringOf(row.sender.iban), stringOf(row.sender.bicOrSwift))
  if (samePartner) Object.assign(party, { endUserId: row.senderEndUserId ?? undefined, ledgerId: row.senderLedgerId ?? undefined })
  return party
}

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** Scheduler handler of SEPA_SETTLEMENT jobs ({ transactionId }). */
export const settleOutgoingTransferJob: JobHandler = (store, payload) => {
  settleOutgoingTransfer(store, String(payload.transactionId))
}
