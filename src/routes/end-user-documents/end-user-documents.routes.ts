import { createRoute } from '@hono/zod-openapi'
import { issueFileLink } from '../../state/documents/file-links'
import { getDocument, listDocuments, uploadDocument } from '../../state/end-user-documents'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json, presentPage } from '../openapi'
import {
  DocumentCreateResponseSchema, DocumentIdParamSchema, DocumentInfoSchema, DocumentListQuerySchema, DocumentPageSchema,
  DocumentUploadSchema, presentDocument, presentDocumentInfo,
} from './end-user-documents.schemas'

// Tag Documents: upload (multipart; partner or end-user), list and get with a download link (partner
// only: end-users cannot list or download), and the simulator's download behind that link.
export const endUserDocumentRoutes = createRouter()

const tags = ['Documents']

const uploadRoute = createRoute({
  method: 'post', path: '/api/partner/documents', tags, summary: 'Upload a document',
  description: 'A PDF, JPEG or PNG file under 5 MB for an end-user; with `documentId`, the file of a document LinkCy requested.',
  middleware: [requires({ roles: ['DOCUMENT_CREATE'], endUser: true })] as const,
  request: { body: { required: true, content: { 'multipart/form-data': { schema: DocumentUploadSchema } } } },
  responses: { 201: json(DocumentCreateResponseSchema, 'Created'), ...errorResponses(409) },
})
endUserDocumentRoutes.openapi(uploadRoute, async (c) => {
  const { file, ...form } = c.req.valid('form')
  const bytes = Buffer.from(await file.arrayBuffer())
  const store = c.var.store
  return c.json(tx(store, () => uploadDocument(store, scopeOf(c), { ...form, file: { name: file.name, type: file.type, bytes } })), 201)
})

const listRoute = createRoute({
  method: 'get', path: '/api/partner/documents', tags, summary: 'List documents',
  middleware: [requires({ roles: ['DOCUMENT_LIST'] })] as const,
  request: { query: DocumentListQuerySchema },
  responses: { 200: json(DocumentPageSchema), ...errorResponses() },
})
endUserDocumentRoutes.openapi(listRoute, (c) => {
  const query = c.req.valid('query')
  const store = c.var.store
  return c.json(presentPage(tx(store, () => listDocuments(store, scopeOf(c), query)), presentDocument, query), 200)
})

const getRoute = createRoute({
  method: 'get', path: '/api/partner/documents/{documentId}', tags, summary: 'Get a document',
  description: 'The document and a download link valid for `ttl`.',
  middleware: [requires({ roles: ['DOCUMENT_INFO'] })] as const,
  request: { params: DocumentIdParamSchema },
  responses: { 200: json(DocumentInfoSchema), ...errorResponses(404) },
})
endUserDocumentRoutes.openapi(getRoute, (c) => {
  const { documentId } = c.req.valid('param')
  const store = c.var.store
  const origin = new URL(c.req.url).origin
  return c.json(tx(store, () => {
    const doc = getDocument(store, scopeOf(c), documentId)
    return presentDocumentInfo(doc, issueFileLink(store, origin, { partnerId: doc.partnerId, kind: 'END_USER_DOCUMENT', subjectId: doc.id }))
  }), 200)
})
