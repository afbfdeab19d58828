import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { simLedgerRoutes } from '../ledgers/ledgers-sim.routes'
import { simTransactionRoutes } from '../transactions/transactions-sim.routes'

// /_sim money controls: incoming transfers from outside the simulator, ledger inspection.
export const simMoneyRoutes = new Hono<AppEnv>()

// POST /_sim/ledgers/{ledgerId}/incoming-transfer, POST /_sim/transactions/{transactionId}/settle.
simMoneyRoutes.route('/', simTransactionRoutes)

// GET /_sim/ledgers/{ledgerId}: a ledger with its balances and identifiers, even before upgrade.
simMoneyRoutes.route('/', simLedgerRoutes)
