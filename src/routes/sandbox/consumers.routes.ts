import { createRouter } from '../openapi'

// Sandbox: delete a consumer.
export const sandboxConsumerRoutes = createRouter()
