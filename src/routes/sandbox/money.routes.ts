import { createRouter } from '../openapi'

// Sandbox: ledger credit, beneficiary status, transaction simulation.
export const sandboxMoneyRoutes = createRouter()
