import { Hono } from 'hono'
import type { AppEnv } from '../env'

// /_sim control of KYC applications (finish a LINK KYC as the end-user would).
export const simKycRoutes = new Hono<AppEnv>()
