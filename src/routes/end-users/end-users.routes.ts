import { createRouter } from '../openapi'

// Tag End-user: suspensions of end-users.
export const endUserRoutes = createRouter()
