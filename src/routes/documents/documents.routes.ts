import { createRoute } from '@hono/zod-openapi'
import { findDocument, renderLedgerDocument, requestBankDetails, requestStatement } from '../../state/documents/ledger-documents'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json } from '../openapi'
import { DocumentLinkResponseSchema } from '../ledgers/ledgers.responses'
import { LedgerIdParamSchema, StatementQuerySchema } from '../ledgers/ledgers.schemas'

// Tag Ledger, documents: bank details and statements of a ledger, answered as a download link; and
// the simulator's download of those links (a real PDF file), outside LinkCy's /api namespace.
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

// The download behind a document link: the link is the credential (like a pre-signed URL).
documentRoutes.get('/files/ledger-documents/:file', async (c) => {
  const id = c.req.param('file').replace(/\.pdf$/i, '').toLowerCase()
  const store = c.var.store
  const doc = findDocument(store, id)
  const timestamp = store.clock.iso()
  if (doc === 'EXPIRED') return c.json({ message: 'Request has expired', error: 'linkcy.forbidden', status: 403, timestamp }, 403)
  if (!doc) return c.json({ message: 'The document you are trying to download does not exist.', error: 'linkcy.not.found', status: 404, timestamp }, 404)
  const bytes = await renderLedgerDocument(store, doc)
  const filename = `${doc.kind === 'BANK_DETAILS' ? 'bank-details' : `statement-${doc.startDate}-${doc.endDate}`}.pdf`
  return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${filename}"` })
})
