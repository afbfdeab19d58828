import { createRouter } from '../openapi'

// Tag Beneficiary: the IBANs an end-user may send money to.
export const beneficiaryRoutes = createRouter()
