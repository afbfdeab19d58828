import { createRoute, z } from '@hono/zod-openapi'
import { tx } from '../../state/store'
import { simulateTransaction, type SimulationRequest } from '../../state/transactions-simulate'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, jsonBody, uuid } from '../openapi'
import { sandboxCreditAmount } from '../ledgers/ledgers.schemas'
import { transferAmount } from './transactions.schemas'

// Sandbox POST /api/partner/transactions/simulate (newer LinkCy docs; not in the 1.78 reference):
// Card Authorization, Card Clearing or Credit Ledger, told apart by the id the body names. Mounted
// by routes/sandbox/money.routes.ts, before /transactions/{transactionId} could read "simulate".
export const transactionSimulateRoutes = createRouter()

const CardAuthorizationSchema = z
  .object({
    amount: transferAmount(),
    cardId: uuid(),
    merchantName: z.string().optional(),
    merchantCity: z.string().optional(),
    merchantCountry: z.string().optional(),
    merchantId: z.string().optional(),
    merchantCategoryCode: z.string().optional(),
  })
  .openapi('SimulateCardAuthorizationRequest')

const CardClearingSchema = z
  .object({ transactionId: uuid(), amount: transferAmount().optional() })
  .openapi('SimulateCardClearingRequest')

const CreditLedgerSchema = z.object({ ledgerId: uuid(), amount: sandboxCreditAmount() }).openapi('SimulateCreditLedgerRequest')

const SimulateRequestSchema = z.union([CreditLedgerSchema, CardAuthorizationSchema, CardClearingSchema]).openapi('SimulateTransactionRequest')

/** The kind of simulation a validated body describes. */
function simulationOf(body: z.infer<typeof SimulateRequestSchema>): SimulationRequest {
  if ('ledgerId' in body) return { kind: 'CREDIT_LEDGER', ledgerId: body.ledgerId, amountCents: body.amount }
  if ('cardId' in body) {
    const { amount, ...rest } = body
    return { kind: 'CARD_AUTHORIZATION', ...rest, amountCents: amount }
  }
  return { kind: 'CARD_CLEARING', transactionId: body.transactionId, amountCents: body.amount }
}

const simulateRoute = createRoute({
  method: 'post', path: '/api/partner/transactions/simulate', tags: ['Sandbox'], summary: 'Simulate a transaction',
  description: 'Sandbox only. Credit Ledger `{ledgerId, amount}` (at most 1000, 2 decimals); Card Authorization `{cardId, amount, merchant*}` and Card Clearing `{transactionId, amount?}` need cards.',
  middleware: [requires({})] as const,
  request: { body: jsonBody(SimulateRequestSchema) },
  responses: { 200: { description: 'OK (no content)' }, ...errorResponses(404, 409) },
})
transactionSimulateRoutes.openapi(simulateRoute, (c) => {
  const request = simulationOf(c.req.valid('json'))
  tx(c.var.store, () => simulateTransaction(c.var.store, scopeOf(c), request))
  return c.body(null, 200)
})
