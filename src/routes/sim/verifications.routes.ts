import { Hono } from 'hono'
import type { AppEnv } from '../env'

// /_sim control of verifications (e.g. clicking an e-mail verification link without a browser).
export const simVerificationRoutes = new Hono<AppEnv>()
