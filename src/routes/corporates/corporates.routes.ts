import { createRoute } from '@hono/zod-openapi'
import { createCorporate } from '../../state/corporates-create'
import { deleteCorporate } from '../../state/corporates-delete'
import { getCorporateInfo } from '../../state/corporates-info'
import { listCorporates } from '../../state/corporates-list'
import { updateCorporate } from '../../state/corporates-update'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json, jsonBody, presentPage } from '../openapi'
import { presentUpdate, UpdateResponseSchema } from '../shared/common.schemas'
import {
  CorporateCreateRequestSchema, CorporateIdParamSchema, CorporateUpdateRequestSchema, ListCorporatesQuerySchema,
} from './corporates.schemas'
import {
  CorporateCreatedSchema, CorporateInfoResponseSchema, CorporateListResponseSchema, presentCorporate, presentCorporateListElement,
} from './corporates.responses'

// Tag Corporate: create, read, list and update corporates; and the sandbox's corporate deletion.
export const corporateRoutes = createRouter()

const tags = ['Corporate']

const createCorporateRoute = createRoute({
  method: 'post', path: '/api/partner/corporates', tags, summary: 'Create a corporate',
  description: 'Anonymous with `partnerName`, or with a partner token (then `partnerName` is ignored). Creates the account owner too.',
  middleware: [requires({ roles: ['CORPORATE_CREATE'], anonymous: true })] as const,
  request: { body: jsonBody(CorporateCreateRequestSchema) },
  responses: { 201: json(CorporateCreatedSchema, 'Created'), ...errorResponses(404, 409) },
})
corporateRoutes.openapi(createCorporateRoute, (c) => {
  const body = c.req.valid('json')
  const created = tx(c.var.store, () => createCorporate(c.var.store, scopeOf(c), body))
  return c.json({ corporateId: created.corporate.id, accountOwnerId: created.accountOwner.id }, 201)
})

const listCorporatesRoute = createRoute({
  method: 'get', path: '/api/partner/corporates', tags, summary: 'List your corporates',
  middleware: [requires({ roles: ['CORPORATE_LIST'] })] as const,
  request: { query: ListCorporatesQuerySchema },
  responses: { 200: json(CorporateListResponseSchema), ...errorResponses() },
})
corporateRoutes.openapi(listCorporatesRoute, (c) => {
  const query = c.req.valid('query')
  const found = tx(c.var.store, () => listCorporates(c.var.store, scopeOf(c), query))
  return c.json(presentPage(found, presentCorporateListElement, query), 200)
})

const getCorporateRoute = createRoute({
  method: 'get', path: '/api/partner/corporates/{corporateId}', tags, summary: "Get corporate's information",
  middleware: [requires({ roles: ['CORPORATE_INFO'], endUser: true })] as const,
  request: { params: CorporateIdParamSchema },
  responses: { 200: json(CorporateInfoResponseSchema), ...errorResponses(404) },
})
corporateRoutes.openapi(getCorporateRoute, (c) => {
  const { corporateId } = c.req.valid('param')
  return c.json(presentCorporate(tx(c.var.store, () => getCorporateInfo(c.var.store, scopeOf(c), corporateId))), 200)
})

const updateCorporateRoute = createRoute({
  method: 'patch', path: '/api/partner/corporates/{corporateId}', tags, summary: 'Update a corporate',
  description: 'Once the KYB is VALIDATED or DECLINED only externalId, metadata and lastTermsAccepted may change.',
  middleware: [requires({ roles: ['CORPORATE_UPDATE'], endUser: true })] as const,
  request: { params: CorporateIdParamSchema, body: jsonBody(CorporateUpdateRequestSchema) },
  responses: { 200: json(UpdateResponseSchema), ...errorResponses(404, 409) },
})
corporateRoutes.openapi(updateCorporateRoute, (c) => {
  const { corporateId } = c.req.valid('param')
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => updateCorporate(c.var.store, scopeOf(c), corporateId, body))
  return c.json(presentUpdate(row), 200)
})

const deleteCorporateRoute = createRoute({
  method: 'delete', path: '/api/partner/corporates/{corporateId}', tags: ['Sandbox'], summary: 'Delete a corporate',
  description: 'Sandbox only: deletes the corporate with its related persons, shares, login, KYCs, documents and money.',
  middleware: [requires({})] as const,
  request: { params: CorporateIdParamSchema },
  responses: { 200: { description: 'OK (empty body)' }, ...errorResponses(404) },
})
corporateRoutes.openapi(deleteCorporateRoute, (c) => {
  const { corporateId } = c.req.valid('param')
  tx(c.var.store, () => deleteCorporate(c.var.store, scopeOf(c), corporateId))
  return c.body(null, 200)
})
