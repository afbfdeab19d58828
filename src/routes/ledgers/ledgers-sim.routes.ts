import { Hono } from 'hono'
import { effectiveLimitsCents, getAnyLedger } from '../../state/ledgers'
import type { AppEnv } from '../env'
import { iso } from '../openapi'
import { presentLedger } from './ledgers.responses'

// /_sim/ledgers/{ledgerId}: everything about a ledger of any partner, for tests and demos: the
// LinkCy view plus the account identifiers before upgrade, balances in cents, activation date.
// Mounted by routes/sim/money.routes.ts.
export const simLedgerRoutes = new Hono<AppEnv>()

simLedgerRoutes.get('/ledgers/:ledgerId', (c) => {
  const store = c.var.store
  const ledger = getAnyLedger(store, c.req.param('ledgerId').toLowerCase())
  return c.json({
    ...presentLedger(ledger, effectiveLimitsCents(store, ledger)),
    partnerId: ledger.partnerId,
    type: ledger.type,
    autoUpgrade: ledger.autoUpgrade,
    iban: ledger.iban ?? undefined,
    bicOrSwift: ledger.bicOrSwift ?? undefined,
    accountNumber: ledger.accountNumber ?? undefined,
    sortCode: ledger.sortCode ?? undefined,
    routingNumber: ledger.routingNumber ?? undefined,
    activationDate: iso(ledger.activationDate),
    balancesInCents: { available: ledger.availableCents, reserved: ledger.reservedCents, total: ledger.availableCents + ledger.reservedCents },
  }, 200)
})
