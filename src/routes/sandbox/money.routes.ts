import { createRouter } from '../openapi'
import { sandboxLedgerCreditRoutes } from '../ledgers/ledger-credit.routes'
import { sandboxBeneficiaryRoutes } from '../beneficiaries/beneficiary-status.routes'
import { transactionSimulateRoutes } from '../transactions/transactions-simulate.routes'

// Sandbox: ledger credit, beneficiary status, transaction simulation.
export const sandboxMoneyRoutes = createRouter()

// PATCH /api/partner/beneficiaries/{beneficiaryId}/status (the Beneficiary area's sandbox bypass).
sandboxMoneyRoutes.route('/', sandboxBeneficiaryRoutes)

// POST /api/partner/transactions/simulate (the Transaction area's sandbox simulation).
sandboxMoneyRoutes.route('/', transactionSimulateRoutes)

// POST /api/partner/ledgers/credit (the Ledger area's sandbox credit).
sandboxMoneyRoutes.route('/', sandboxLedgerCreditRoutes)
