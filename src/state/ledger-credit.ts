import { ValidationError } from './errors'
import { getLedger } from './ledgers'
import { toCents } from './money'
import type { Scope } from './scope'
import type { Store } from './store'
import type { TransactionRow } from './transactions'
import { bookSandboxCredit } from './transfers-incoming'

// POST /ledgers/credit (Sandbox_simulateLedgerCredit): money from outside arrives on a ledger, booked
// as a real incoming transfer (SEPA_CREDIT_TRANSFER / SCT_RECEIVE, APPROVED: state/transfers-incoming.ts),
// so lists, balances and statements show it.

/** LinkCy's documented ceiling of one sandbox credit (1000 in the ledger's currency). */
export const SANDBOX_CREDIT_MAX_CENTS = 1000_00

/**
 * The sandbox credit: the amount is positive with at most two decimals and at most 1000 (400), then
 * 404 LEDGER_NOT_FOUND (another partner's or end-user's ledger too), 409 LEDGER_MUST_BE_ACTIVE.
 */
export function creditLedger(store: Store, scope: Scope, req: { ledgerId: string; amount: number }): TransactionRow {
  const cents = toCents(req.amount, 'amount')
  if (cents <= 0) throw new ValidationError([{ field: 'amount', rejectedValue: req.amount, message: 'must be greater than 0' }])
  if (cents > SANDBOX_CREDIT_MAX_CENTS) throw new ValidationError([{ field: 'amount', rejectedValue: req.amount, message: 'must be less than or equal to 1000' }])
  return bookSandboxCredit(store, getLedger(store, scope, req.ledgerId), cents)
}
