import { createRouter } from '../openapi'

// Tag Additional: partner SMS and terms and conditions.
export const miscRoutes = createRouter()
