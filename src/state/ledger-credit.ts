import { getLedger } from './ledgers'
import type { Scope } from './scope'
import type { Store } from './store'
import type { TransactionRow } from './transactions'
import { bookSandboxCredit } from './transfers-incoming'

// POST /ledgers/credit (Sandbox_simulateLedgerCredit): money from outside arrives on a ledger, booked
// as a real incoming transfer (SEPA_CREDIT_TRANSFER / SCT_RECEIVE, APPROVED: state/transfers-incoming.ts),
// so lists, balances and statements show it.

/**
 * LinkCy's documented ceiling of one sandbox credit (1000 in the ledger's currency). The request
 * schemas of POST /ledgers/credit and of POST /transactions/simulate's Credit Ledger enforce it.
 */
export const SANDBOX_CREDIT_MAX_CENTS = 1000_00

/**
 * The sandbox credit of an amount already validated (positive, at most 1000, two decimals: 400),
 * then 404 LEDGER_NOT_FOUND (another partner's or end-user's ledger too), 409 LEDGER_MUST_BE_ACTIVE.
 */
export function creditLedger(store: Store, scope: Scope, req: { ledgerId: string; amountCents: number }): TransactionRow {
  // A ledger whose holder is gone reads as not found (held): no money moves onto it.
  return bookSandboxCredit(store, getLedger(store, scope, req.ledgerId, { held: true }), req.amountCents)
}
