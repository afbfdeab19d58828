import { createRouter } from '../openapi'

// Tag Consumer: create, read, list and update consumers.
export const consumerRoutes = createRouter()
