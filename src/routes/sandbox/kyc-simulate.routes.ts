import { createRouter } from '../openapi'

// Sandbox: force a KYC result.
export const kycSimulateRoutes = createRouter()
