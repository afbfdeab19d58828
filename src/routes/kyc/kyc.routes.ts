import { createRouter } from '../openapi'

// Tag KYC: KYC applications.
export const kycRoutes = createRouter()
