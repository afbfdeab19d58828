import { createRoute } from '@hono/zod-openapi'
import { requestBankDetails, requestStatement } from '../../state/documents/ledger-documents'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json } from '../openapi'
import { DocumentLinkResponseSchema } from '../ledgers/ledgers.responses'
import { LedgerIdParamSchema, StatementQuerySchema } from '../ledgers/ledgers.schemas'

// Tag Ledger, documents: bank details and statements of a ledger, answered as a download link
// (served by routes/files).
export const documentRoutes = createRouter()

const tags = ['Ledger']

const statementRoute = createRoute({
  method: 'get', path: '/api/partner/documents/ledger-statement/{ledgerId}', tags, summary: 'Get a ledger statement',
  description: 'A link to a PDF statement of the period (default: from the first day of the month of `endDate`, itself today by default).',
  middleware: [requires({ roles: ['LEDGER_STATEMENT_DOCUMENT_EXPORT'], endUser: true })] as const,
  request: { params: LedgerIdParamSchema, query: StatementQuerySchema },
  responses: { 200: json(DocumentLinkResponseSchema), ...errorResponses(404) },
})
documentRoutes.openapi(statementRoute, (c) => {
  const { ledgerId } = c.req.valid('param')
  const query = c.req.valid('query')
  const origin = new URL(c.req.url).origin
  return c.json(tx(c.var.store, () => requestStatement(c.var.store, scopeOf(c), ledgerId, query, origin)), 200)
})

const bankDetailsRoute = createRoute({
  method: 'get', path: '/api/partner/documents/bank-details/{ledgerId}', tags, summary: 'Get banking details from ledger',
  description: 'A link to the PDF bank details (RIB) of an active, upgraded ledger.',
  middleware: [requires({ roles: ['BANKING_DETAILS_DOCUMENT_EXPORT'], endUser: true })] as const,
  request: { params: LedgerIdParamSchema },
  responses: { 200: json(DocumentLinkResponseSchema), ...errorResponses(404, 409) },
})
documentRoutes.openapi(bankDetailsRoute, (c) => {
  const { ledgerId } = c.req.valid('param')
  const origin = new URL(c.req.url).origin
  return c.json(tx(c.var.store, () => requestBankDetails(c.var.store, scopeOf(c), ledgerId, origin)), 200)
})
