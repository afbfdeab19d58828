import { Hono } from 'hono'
import type { AppEnv } from '../env'

// /_sim money controls: incoming transfers from outside the simulator, ledger inspection.
export const simMoneyRoutes = new Hono<AppEnv>()
