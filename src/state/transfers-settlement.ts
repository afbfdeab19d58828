import { release, trySettle } from './balances'
import { CLOSED_LEDGER_STATUSES, findLedgerByIban, ledgerById, ledgerHolder, type LedgerRow } from './ledgers'
import type { JobHandler } from './scheduler'
import type { Store } from './store'
import { transactionById, updateTransaction, type TransactionRow } from './transactions'
import { receiveSepaTransfer } from './transfers-incoming'
import { sepaCounterparty } from './transfers-parties'

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
  const iban = stringOf(row.receiver.iban)
  const target = iban ? findLedgerByIban(store, iban) : undefined
  // The money arriving on the receiving simulated ledger: its own incoming SCT / SCT Inst (or its decline).
  const arrive = (at: LedgerRow) => receiveSepaTransfer(store, at, {
    amountCents: row.amountCents,
    debtor: sepaCounterparty(
      { name: stringOf(row.sender.name) ?? '', iban: stringOf(row.sender.iban), bic: stringOf(row.sender.bicOrSwift) },
      ledgerById(store, row.senderLedgerId!),
      at.partnerId,
    ),
    reference: stringOf(row.information.reference),
    instant: row.paymentType === 'SCT_INST_SEND',
    relatedTransactionId: row.id,
  })

  const refusal = !target
    ? undefined
    : CLOSED_LEDGER_STATUSES.includes(target.status) || !target.isUpgraded || !ledgerHolder(store, target)
      ? 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED'
      : target.currency !== row.currency ? 'TRANSACTION_CURRENCY_DIFFERENT_TO_RECEIVER_ACCOUNT' : undefined
  if (target && refusal) {
    release(store, row.senderLedgerId, row.heldCents)
    const declined = updateTransaction(store, row, { status: 'DECLINED', heldCents: 0, information: { declineReason: refusal } })
    if (refusal === 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED') arrive(target)
    return declined
  }
  if (!trySettle(store, row.senderLedgerId, row.heldCents, row.amountCents)) {
    // Unreachable while the hold covers the amount; kept so a corrupted hold cannot make money appear.
    release(store, row.senderLedgerId, row.heldCents)
    return updateTransaction(store, row, { status: 'DECLINED', heldCents: 0, information: { declineReason: 'INSUFFICIENT_FUNDS' } })
  }
  const settled = updateTransaction(store, row, { status: 'APPROVED', heldCents: 0, information: { clearingDate: store.clock.nowMs() } })
  if (target) arrive(target)
  return settled
}

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** Scheduled job SEPA_SETTLEMENT ({transactionId}): see settleOutgoingTransfer. */
export const settleOutgoingTransferJob: JobHandler = (store, payload) => {
  settleOutgoingTransfer(store, String(payload.transactionId))
}
