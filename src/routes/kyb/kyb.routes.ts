import { createRoute } from '@hono/zod-openapi'
import { diligenceReviewLink } from '../../state/documents/diligence-review'
import { askKybVerification, bypassKybStatus } from '../../state/kyb'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import { CorporateIdParamSchema } from '../corporate-related/corporate-related.schemas'
import { KybBypassRequestSchema, KybBypassResponseSchema, TemplateDocumentSchema } from './kyb.schemas'

// Tag KYB: asking LinkCy's verification of a corporate, the sandbox's stand-in for its decision, and
// the diligence review document.
export const kybRoutes = createRouter()

const askRoute = createRoute({
  method: 'post', path: '/api/partner/corporates/{corporateId}/kyb/verification/ask', tags: ['KYB'], summary: 'Ask a KYB verification',
  middleware: [requires({ roles: ['KYB_VERIFICATION_ASK'], endUser: true })] as const,
  request: { params: CorporateIdParamSchema },
  responses: { 204: { description: 'The KYB verification request was sent successfully' }, ...errorResponses(404) },
})
kybRoutes.openapi(askRoute, (c) => {
  const { corporateId } = c.req.valid('param')
  tx(c.var.store, () => askKybVerification(c.var.store, scopeOf(c), corporateId))
  return c.body(null, 204)
})

const bypassRoute = createRoute({
  method: 'patch', path: '/api/partner/corporates/{corporateId}/kyb', tags: ['Sandbox'], summary: "Manually bypass a corporate's KYB status",
  middleware: [requires({})] as const,
  request: { params: CorporateIdParamSchema, body: jsonBody(KybBypassRequestSchema) },
  responses: { 200: json(KybBypassResponseSchema), ...errorResponses(404, 409) },
})
kybRoutes.openapi(bypassRoute, (c) => {
  const { corporateId } = c.req.valid('param')
  const { kybStatus } = c.req.valid('json')
  const corporate = tx(c.var.store, () => bypassKybStatus(c.var.store, scopeOf(c), corporateId, kybStatus))
  return c.json({ corporateId: corporate.id }, 200)
})

const diligenceRoute = createRoute({
  method: 'get', path: '/api/partner/documents/diligence-review/{corporateId}', tags: ['KYB'], summary: 'Get diligence review of a corporate',
  middleware: [requires({ roles: ['DILIGENCE_REVIEW_DOCUMENT_EXPORT'], endUser: true })] as const,
  request: { params: CorporateIdParamSchema },
  responses: { 200: json(TemplateDocumentSchema), ...errorResponses(404) },
})
kybRoutes.openapi(diligenceRoute, (c) => {
  const { corporateId } = c.req.valid('param')
  const origin = new URL(c.req.url).origin
  const link = tx(c.var.store, () => diligenceReviewLink(c.var.store, scopeOf(c), corporateId, origin))
  return c.json(link, 200)
})
