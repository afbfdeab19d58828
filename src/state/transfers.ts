import { tryReserve } from './balances'
import { getBeneficiary, type BeneficiaryRow } from './beneficiaries'
import { SimError } from './errors'
import { assertLedgerUpgraded, findLedgerByIban, getLedger, ledgerById, type LedgerRow } from './ledgers'
import { exceededLimit } from './limits'
import { getPartner, partnerSettings } from './partners'
import { schedule } from './scheduler'
import type { Scope } from './scope'
import type { Store } from './store'
import { recordTransaction, type TransactionRow } from './transactions'
import { nextTargetBusinessDay } from './transfers-calendar'
import { assertMaySend, assertProvisioned, moveBetweenLedgers } from './transfers-inter-ledger'
import { beneficiaryParty, ledgerParty } from './transfers-parties'

// Transfers to a beneficiary (POST /transactions). LinkCy routes them: to one of the partner's own
// ledgers as an inter-ledger transfer (allowInterLedger), else out by SEPA: SCT, or SCT Inst when
// the request allows a fast payment and the partner has instant payments; a GBP ledger pays a UK
// beneficiary by Faster Payment. An outgoing payment holds its amount (reserved) while PENDING and
// settles on the clock (state/transfers-settlement.ts, job SEPA_SETTLEMENT).

/** The account type a ledger currency can pay (else BENEFICIARY_NOT_COMPATIBLE). */
const ACCOUNT_TYPE_OF_CURRENCY: Record<string, string> = { EUR: 'IBAN', GBP: 'GBP', USD: 'USD' }

export interface BeneficiaryTransferRequest {
  ledgerFromId: string
  beneficiaryId: string
  amountCents: number
  reference?: string
  /** Default true: SCT Inst when the partner offers it. */
  allowFastPayment?: boolean
  /** Default true: a beneficiary that is one of the partner's ledgers is paid inter-ledger. */
  allowInterLedger?: boolean
}

/** The simulated ledger behind a beneficiary's account, of any partner (none for a UK or outside account). */
function ledgerOfBeneficiary(store: Store, beneficiary: BeneficiaryRow): LedgerRow | undefined {
  if (beneficiary.ledgerId) return ledgerById(store, beneficiary.ledgerId)
  return beneficiary.iban ? findLedgerByIban(store, beneficiary.iban) : undefined
}

/**
 * POST /transactions: pays a beneficiary of the ledger's holder. Checks, in order: LEDGER_NOT_FOUND,
 * BENEFICIARY_NOT_FOUND (also another end-user's beneficiary), the holder's standing and an ACTIVE
 * ledger (assertMaySend), LEDGER_MUST_BE_UPGRADED, BENEFICIARY_MUST_BE_ACTIVE,
 * BENEFICIARY_MUST_BE_VALID, BENEFICIARY_NOT_COMPATIBLE, then routing; funds (LEDGER_MUST_BE_PROVISIONED)
 * come before limits, whose breach books the transaction DECLINED (LIMITS_EXCEEDED).
 */
export function createBeneficiaryTransaction(store: Store, scope: Scope, request: BeneficiaryTransferRequest): TransactionRow {
  const ledger = getLedger(store, scope, request.ledgerFromId, { status: 400, field: 'ledgerFromId' })
  const beneficiary = getBeneficiary(store, scope, request.beneficiaryId, { status: 400, field: 'beneficiaryId', endUserId: ledger.endUserId })
  assertMaySend(store, ledger)
  assertLedgerUpgraded(ledger)
  if (!beneficiary.active) throw new SimError('BENEFICIARY_MUST_BE_ACTIVE', [beneficiary.id])
  if (beneficiary.status !== 'VALID') throw new SimError('BENEFICIARY_MUST_BE_VALID', [beneficiary.id, beneficiary.status])
  if (ACCOUNT_TYPE_OF_CURRENCY[ledger.currency] !== beneficiary.accountType) throw new SimError('BENEFICIARY_NOT_COMPATIBLE', [beneficiary.accountType])

  const target = ledgerOfBeneficiary(store, beneficiary)
  if (target && target.partnerId === ledger.partnerId && request.allowInterLedger !== false) {
    if (target.id === ledger.id) throw new SimError('INTER_LEDGER_TRANSACTION_MUST_BE_TWO_DIFFERENT_LEDGERS')
    return moveBetweenLedgers(store, ledger, target, { amountCents: request.amountCents, reference: request.reference, beneficiaryId: beneficiary.id })
  }
  return sendOut(store, ledger, beneficiary, target, request)
}

/** An outgoing SEPA (or UK) payment: held while PENDING, settled by the SEPA_SETTLEMENT job. */
function sendOut(store: Store, ledger: LedgerRow, beneficiary: BeneficiaryRow, target: LedgerRow | undefined, request: BeneficiaryTransferRequest): TransactionRow {
  const settings = partnerSettings(getPartner(store, ledger.partnerId))
  const uk = beneficiary.accountType === 'GBP'
  // LinkCy's sandbox: GBP transfers always go as fast payments, EUR ones as SCT unless instant payments are enabled.
  const instant = uk || (request.allowFastPayment !== false && settings.sctInstEnabled)
  const kind = uk
    ? { type: 'UK_CREDIT_TRANSFER', paymentType: 'FASTER_PAYMENT_SEND' }
    : { type: 'SEPA_CREDIT_TRANSFER', paymentType: instant ? 'SCT_INST_SEND' : 'SCT_SEND' }
  assertProvisioned(ledger, request.amountCents)
  const limit = exceededLimit(store, ledger, request.amountCents, 'TRANSFER')
  if (!limit && !tryReserve(store, ledger.id, request.amountCents)) throw new SimError('LEDGER_MUST_BE_PROVISIONED')
  const row = recordTransaction(store, {
    partnerId: ledger.partnerId,
    ...kind,
    status: limit ? 'DECLINED' : 'PENDING',
    amountCents: request.amountCents,
    currency: ledger.currency,
    senderLedgerId: ledger.id,
    senderEndUserId: ledger.endUserId,
    sender: ledgerParty(store, ledger),
    receiver: beneficiaryParty(beneficiary, target),
    information: { reference: request.reference, ...(limit ? { declineReason: 'LIMITS_EXCEEDED' } : {}) },
    beneficiaryId: beneficiary.id,
    heldCents: limit ? 0 : request.amountCents,
  })
  if (!limit) {
    const now = store.clock.nowMs()
    const dueAt = instant
      ? now + settings.sctInstSettlementSeconds * 1000
      : settings.sctSettlementSeconds == null ? nextTargetBusinessDay(now) : now + settings.sctSettlementSeconds * 1000
    schedule(store, ledger.partnerId, 'SEPA_SETTLEMENT', dueAt, { transactionId: row.id })
  }
  return row
}
