import { createRouter } from '../openapi'

// Tag Ledger: ledgers (IBAN accounts), their suspensions, closure and documents.
export const ledgerRoutes = createRouter()
