import { createRouter } from '../openapi'

// Tag Direct Debit Mandate: SEPA direct-debit mandates.
export const mandateRoutes = createRouter()
