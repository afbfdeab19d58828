import { createRouter } from '../openapi'

// Tag Transaction: transactions list/get, transfers, inter-ledger transfers, direct-debit collections.
export const transactionRoutes = createRouter()
