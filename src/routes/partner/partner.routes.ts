import { createRouter } from '../openapi'

// Tag Partner: partner information and partner user accounts.
export const partnerRoutes = createRouter()
