import { Hono } from 'hono'
import type { AppEnv } from '../env'

// The KYC page a LINK KYC application points to (finish it as passed or failed).
export const kycPages = new Hono<AppEnv>()
