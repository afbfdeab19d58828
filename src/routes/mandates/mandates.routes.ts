import { createRoute } from '@hono/zod-openapi'
import { activateMandate, cancelMandate, createMandate, getMandateInfo, listMandates, updateMandate } from '../../state/mandates'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json, jsonBody, presentPage } from '../openapi'
import {
  ListMandatesQuerySchema, MandateCreateRequestSchema, MandateIdParamSchema, MandateIdResponseSchema, MandateInfoResponseSchema,
  MandateListResponseSchema, MandateUpdateRequestSchema, presentMandate,
} from './mandates.schemas'

// Tag Direct Debit Mandate: SEPA direct-debit mandates (the end-user is the creditor).
export const mandateRoutes = createRouter()

const tags = ['Direct Debit Mandate']
const path = '/api/partner/mandates'

const listRoute = createRoute({
  method: 'get', path, tags, summary: 'List direct debit mandates',
  middleware: [requires({ roles: ['DIRECT_DEBIT_MANDATE_LIST'], endUser: true })] as const,
  request: { query: ListMandatesQuerySchema },
  responses: { 200: json(MandateListResponseSchema), ...errorResponses() },
})
mandateRoutes.openapi(listRoute, (c) => {
  const query = c.req.valid('query')
  const found = tx(c.var.store, () => listMandates(c.var.store, scopeOf(c), query))
  return c.json(presentPage(found, presentMandate, query), 200)
})

const createMandateRoute = createRoute({
  method: 'post', path, tags, summary: 'Create a new direct debit mandate',
  middleware: [requires({ roles: ['DIRECT_DEBIT_MANDATE_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(MandateCreateRequestSchema) },
  responses: { 201: json(MandateIdResponseSchema, 'Created'), ...errorResponses(409) },
})
mandateRoutes.openapi(createMandateRoute, (c) => {
  const row = tx(c.var.store, () => createMandate(c.var.store, scopeOf(c), c.req.valid('json')))
  return c.json({ id: row.id }, 201)
})

const getMandateRoute = createRoute({
  method: 'get', path: `${path}/{mandateId}`, tags, summary: 'Get a direct debit mandate information',
  middleware: [requires({ roles: ['DIRECT_DEBIT_MANDATE_INFO'], endUser: true })] as const,
  request: { params: MandateIdParamSchema },
  responses: { 200: json(MandateInfoResponseSchema), ...errorResponses(404) },
})
mandateRoutes.openapi(getMandateRoute, (c) => {
  const { mandateId } = c.req.valid('param')
  return c.json(presentMandate(tx(c.var.store, () => getMandateInfo(c.var.store, scopeOf(c), mandateId))), 200)
})

const updateMandateRoute = createRoute({
  method: 'patch', path: `${path}/{mandateId}`, tags, summary: 'Update a direct debit mandate',
  middleware: [requires({ roles: ['DIRECT_DEBIT_MANDATE_UPDATE'], endUser: true })] as const,
  request: { params: MandateIdParamSchema, body: jsonBody(MandateUpdateRequestSchema) },
  responses: { 200: json(MandateIdResponseSchema), ...errorResponses(404, 409) },
})
mandateRoutes.openapi(updateMandateRoute, (c) => {
  const { mandateId } = c.req.valid('param')
  const row = tx(c.var.store, () => updateMandate(c.var.store, scopeOf(c), mandateId, c.req.valid('json')))
  return c.json({ id: row.id }, 200)
})

const activateRoute = createRoute({
  method: 'post', path: `${path}/{mandateId}/activate`, tags, summary: 'Activate a direct debit mandate',
  middleware: [requires({ roles: ['DIRECT_DEBIT_MANDATE_ACTIVATE'], endUser: true })] as const,
  request: { params: MandateIdParamSchema },
  responses: { 200: json(MandateIdResponseSchema), ...errorResponses(404, 409) },
})
mandateRoutes.openapi(activateRoute, (c) => {
  const { mandateId } = c.req.valid('param')
  const row = tx(c.var.store, () => activateMandate(c.var.store, scopeOf(c), mandateId))
  return c.json({ id: row.id }, 200)
})

const cancelRoute = createRoute({
  method: 'post', path: `${path}/{mandateId}/cancel`, tags, summary: 'Cancel a direct debit mandate',
  middleware: [requires({ roles: ['DIRECT_DEBIT_MANDATE_CANCEL'], endUser: true })] as const,
  request: { params: MandateIdParamSchema },
  responses: { 200: json(MandateIdResponseSchema), ...errorResponses(404, 409) },
})
mandateRoutes.openapi(cancelRoute, (c) => {
  const { mandateId } = c.req.valid('param')
  const row = tx(c.var.store, () => cancelMandate(c.var.store, scopeOf(c), mandateId))
  return c.json({ id: row.id }, 200)
})
