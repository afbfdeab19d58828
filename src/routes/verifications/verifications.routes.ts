import { createRouter } from '../openapi'

// Tag KYC (verifications): phone, e-mail and address verification.
export const verificationRoutes = createRouter()
