import { createRoute, z } from '@hono/zod-openapi'
import { createDirectDebit } from '../../state/direct-debits'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, idResponse, json, jsonBody, uuid } from '../openapi'

// POST /api/partner/transactions/direct-debit (tag Transaction): a SEPA direct-debit collection on a
// mandate. Registered before the Transaction router so /transactions/{transactionId} does not shadow it.
export const directDebitRoutes = createRouter()

/**
 * The collection request. 1.78 names the creditor ledger `ledgerId`, newer versions `ledgerToId`:
 * both are accepted. SIM: `reference` is bounded by SEPA's 140-character remittance information.
 */
export const DirectDebitCreateRequestSchema = z
  .object({
    mandateId: uuid(),
    ledgerId: uuid().nullish(),
    ledgerToId: uuid().nullish(),
    date: z.iso.date().openapi({ type: 'string', format: 'date' }),
    amount: z.number().min(0.01),
    reference: z.string().max(140),
  })
  .superRefine((body, ctx) => {
    if (body.ledgerId == null && body.ledgerToId == null) {
      ctx.addIssue({ code: 'invalid_type', expected: 'string', path: ['ledgerId'], input: undefined, message: 'must not be null' })
    }
  })
  .openapi('DirectDebitTransactionCreateRequest')

const CreatedSchema = idResponse('DirectDebitTransactionCreateResponse')

const route = createRoute({
  method: 'post', path: '/api/partner/transactions/direct-debit', tags: ['Transaction'], summary: 'Create a direct debit transaction',
  middleware: [requires({ roles: ['DIRECT_DEBIT_TRANSACTION_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(DirectDebitCreateRequestSchema) },
  responses: { 201: json(CreatedSchema, 'Created'), ...errorResponses(409) },
})
directDebitRoutes.openapi(route, (c) => {
  const { ledgerId, ledgerToId, ...body } = c.req.valid('json')
  const input = { ...body, ledgerId: (ledgerId ?? ledgerToId)!, ledgerField: ledgerId != null ? 'ledgerId' : 'ledgerToId' }
  const row = tx(c.var.store, () => createDirectDebit(c.var.store, scopeOf(c), input))
  return c.json({ id: row.id }, 201)
})
