import { createRoute } from '@hono/zod-openapi'
import { creditLedger } from '../../state/ledger-credit'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json, jsonBody } from '../openapi'
import { LedgerCreditResponseSchema } from './ledgers.responses'
import { LedgerCreditRequestSchema } from './ledgers.schemas'

// Tag Sandbox: POST /api/partner/ledgers/credit. Mounted by routes/sandbox/money.routes.ts, before
// the generic routers.
export const sandboxLedgerCreditRoutes = createRouter()

const creditRoute = createRoute({
  method: 'post', path: '/api/partner/ledgers/credit', tags: ['Sandbox'], summary: 'Credit a ledger',
  description: 'Sandbox only: an incoming SEPA credit transfer of at most 1000 (two decimals) on an active ledger.',
  middleware: [requires({})] as const,
  request: { body: jsonBody(LedgerCreditRequestSchema) },
  responses: { 200: json(LedgerCreditResponseSchema), ...errorResponses(404, 409) },
})
sandboxLedgerCreditRoutes.openapi(creditRoute, (c) => {
  const { ledgerId, amount } = c.req.valid('json')
  const row = tx(c.var.store, () => creditLedger(c.var.store, scopeOf(c), { ledgerId, amountCents: amount }))
  return c.json({ ledgerId: row.receiverLedgerId!, transactionId: row.id }, 200)
})
