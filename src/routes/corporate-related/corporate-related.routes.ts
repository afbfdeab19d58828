import { createRoute } from '@hono/zod-openapi'
import { declareCorporateRelated } from '../../state/corporate-related-write'
import { updateCorporateRelated, updateCorporateRelatedById } from '../../state/corporate-related-update'
import { getCorporateRelatedInfo, listCorporateRelated } from '../../state/corporate-related-view'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody, toPage } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import { CorporateIdParamSchema, RelatedCreateRequestSchema, RelatedIdParamSchema, RelatedListQuerySchema, RelatedParamsSchema, RelatedUpdateRequestSchema } from './corporate-related.schemas'
import { presentRelatedInfo, presentRelatedListElement, RelatedIdResponseSchema, RelatedInfoSchema, RelatedPageSchema } from './corporate-related.responses'

// Tag KYB: a corporate's related persons and entities (directors, UBOs, shareholders, the account
// owner). A corporate's account owner may manage its own.
export const corporateRelatedRoutes = createRouter()

const PATH = '/api/partner/corporates/{corporateId}/related'

const declareRoute = createRoute({
  method: 'post', path: PATH, tags: ['KYB'], summary: 'Declare a corporate-related entity (person or corporate)',
  middleware: [requires({ roles: ['CORPORATE_RELATED_CREATE'], endUser: true })] as const,
  request: { params: CorporateIdParamSchema, body: jsonBody(RelatedCreateRequestSchema) },
  responses: { 201: json(RelatedIdResponseSchema, 'Created'), ...errorResponses(404, 409) },
})
corporateRelatedRoutes.openapi(declareRoute, (c) => {
  const { corporateId } = c.req.valid('param')
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => declareCorporateRelated(c.var.store, scopeOf(c), corporateId, body))
  return c.json({ id: row.id }, 201)
})

const listRoute = createRoute({
  method: 'get', path: PATH, tags: ['KYB'], summary: 'Get corporate-related entities list',
  middleware: [requires({ roles: ['CORPORATE_RELATED_LIST'], endUser: true })] as const,
  request: { params: CorporateIdParamSchema, query: RelatedListQuerySchema },
  responses: { 200: json(RelatedPageSchema), ...errorResponses(404) },
})
corporateRelatedRoutes.openapi(listRoute, (c) => {
  const { corporateId } = c.req.valid('param')
  const { page, pageSize, ...filters } = c.req.valid('query')
  const views = tx(c.var.store, () => listCorporateRelated(c.var.store, scopeOf(c), corporateId, filters))
  const slice = toPage(views, { page, pageSize })
  return c.json({ ...slice, content: slice.content.map(presentRelatedListElement) }, 200)
})

const getRoute = createRoute({
  method: 'get', path: `${PATH}/{corporateRelatedId}`, tags: ['KYB'], summary: "Get corporate-related entity's information",
  middleware: [requires({ roles: ['CORPORATE_RELATED_INFO'], endUser: true })] as const,
  request: { params: RelatedParamsSchema },
  responses: { 200: json(RelatedInfoSchema), ...errorResponses(404) },
})
corporateRelatedRoutes.openapi(getRoute, (c) => {
  const { corporateId, corporateRelatedId } = c.req.valid('param')
  const view = tx(c.var.store, () => getCorporateRelatedInfo(c.var.store, scopeOf(c), corporateId, corporateRelatedId))
  return c.json(presentRelatedInfo(view), 200)
})

const updateRoute = createRoute({
  method: 'patch', path: `${PATH}/{corporateRelatedId}`, tags: ['KYB'], summary: 'Update a corporate-related entity (person or corporate)',
  middleware: [requires({ roles: ['CORPORATE_RELATED_UPDATE'], endUser: true })] as const,
  request: { params: RelatedParamsSchema, body: jsonBody(RelatedUpdateRequestSchema) },
  responses: { 200: json(RelatedIdResponseSchema), ...errorResponses(404, 409) },
})
corporateRelatedRoutes.openapi(updateRoute, (c) => {
  const { corporateId, corporateRelatedId } = c.req.valid('param')
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => updateCorporateRelated(c.var.store, scopeOf(c), corporateId, corporateRelatedId, body))
  return c.json({ id: row.id }, 200)
})

// The newer documentation's path of the same update, without the corporate (1.78 has the one above).
const updateByIdRoute = createRoute({
  method: 'patch', path: '/api/partner/corporates/related/{corporateRelatedId}', tags: ['KYB'], summary: 'Update a corporate-related entity (person or corporate)',
  middleware: [requires({ roles: ['CORPORATE_RELATED_UPDATE'], endUser: true })] as const,
  request: { params: RelatedIdParamSchema, body: jsonBody(RelatedUpdateRequestSchema) },
  responses: { 200: json(RelatedIdResponseSchema), ...errorResponses(404, 409) },
})
corporateRelatedRoutes.openapi(updateByIdRoute, (c) => {
  const { corporateRelatedId } = c.req.valid('param')
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => updateCorporateRelatedById(c.var.store, scopeOf(c), corporateRelatedId, body))
  return c.json({ id: row.id }, 200)
})
