import { createRoute } from '@hono/zod-openapi'
import { getKycApplication } from '../../state/kyc'
import { requestKyc } from '../../state/kyc-related'
import { listKycApplications } from '../../state/kyc-list'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody, toPage } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import {
  KycApplicationPageSchema, KycApplicationSchema, KycCreateRequestSchema, KycCreateResponseSchema, KycIdParamSchema, KycListQuerySchema,
  presentKycApplication, presentKycCreated, presentKycListElement,
} from './kyc.schemas'

// Tag KYC: KYC applications (create a link or SDK token, read one, list them).
export const kycRoutes = createRouter()

const createKycRoute = createRoute({
  method: 'post', path: '/api/partner/kyc', tags: ['KYC'], summary: 'Create a KYC for a consumer or a corporate-related person',
  middleware: [requires({ roles: ['KYC_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(KycCreateRequestSchema) },
  responses: { 201: json(KycCreateResponseSchema, 'KYC successfully created'), ...errorResponses(409) },
})
kycRoutes.openapi(createKycRoute, (c) => {
  const body = c.req.valid('json')
  const origin = new URL(c.req.url).origin
  const created = tx(c.var.store, () => requestKyc(c.var.store, scopeOf(c), body, origin))
  return c.json(presentKycCreated(created), 201)
})

const listKycRoute = createRoute({
  method: 'get', path: '/api/partner/kyc', tags: ['KYC'], summary: 'List KYC applications',
  middleware: [requires({ roles: ['KYC_LIST'] })] as const,
  request: { query: KycListQuerySchema },
  responses: { 200: json(KycApplicationPageSchema), ...errorResponses() },
})
kycRoutes.openapi(listKycRoute, (c) => {
  const { page, pageSize, ...filters } = c.req.valid('query')
  const rows = tx(c.var.store, () => listKycApplications(c.var.store, scopeOf(c), filters))
  const slice = toPage(rows, { page, pageSize })
  return c.json({ ...slice, content: slice.content.map(presentKycListElement) }, 200)
})

const getKycRoute = createRoute({
  method: 'get', path: '/api/partner/kyc/{kycId}', tags: ['KYC'], summary: 'Get kyc application',
  middleware: [requires({ roles: ['KYC_INFO'], endUser: true })] as const,
  request: { params: KycIdParamSchema },
  responses: { 200: json(KycApplicationSchema), ...errorResponses(404) },
})
kycRoutes.openapi(getKycRoute, (c) => {
  const { kycId } = c.req.valid('param')
  const row = tx(c.var.store, () => getKycApplication(c.var.store, scopeOf(c), kycId))
  return c.json(presentKycApplication(row), 200)
})
