import { createRoute } from '@hono/zod-openapi'
import { addBeneficiary, getBeneficiaryInfo, listBeneficiaries, updateBeneficiary } from '../../state/beneficiaries'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { scaHeaders, waitingScaResponse, withSca } from '../middleware/sca'
import { createRouter, errorResponses, json, jsonBody, presentPage } from '../openapi'
import {
  BeneficiaryCreatedSchema, BeneficiaryCreateRequestSchema, BeneficiaryIdParamSchema, BeneficiaryInfoResponseSchema,
  BeneficiaryListResponseSchema, BeneficiaryUpdatedSchema, BeneficiaryUpdateRequestSchema, ListBeneficiariesQuerySchema,
  presentBeneficiary, presentBeneficiaryListElement,
} from './beneficiaries.schemas'

// Tag Beneficiary: the accounts an end-user may send money to.
export const beneficiaryRoutes = createRouter()

const tags = ['Beneficiary']

const listRoute = createRoute({
  method: 'get', path: '/api/partner/beneficiaries', tags, summary: 'List beneficiaries',
  middleware: [requires({ roles: ['BENEFICIARY_LIST'], endUser: true })] as const,
  request: { query: ListBeneficiariesQuerySchema },
  responses: { 200: json(BeneficiaryListResponseSchema), ...errorResponses() },
})
beneficiaryRoutes.openapi(listRoute, (c) => {
  const query = c.req.valid('query')
  const found = tx(c.var.store, () => listBeneficiaries(c.var.store, scopeOf(c), query))
  return c.json(presentPage(found, presentBeneficiaryListElement, query), 200)
})

const createBeneficiaryRoute = createRoute({
  method: 'post', path: '/api/partner/beneficiaries', tags, summary: 'Add a new beneficiary',
  middleware: [requires({ roles: ['BENEFICIARY_CREATE'], endUser: true })] as const,
  request: { headers: scaHeaders, body: jsonBody(BeneficiaryCreateRequestSchema) },
  responses: { 201: json(BeneficiaryCreatedSchema, 'Created'), 202: waitingScaResponse, ...errorResponses(409) },
})
beneficiaryRoutes.openapi(createBeneficiaryRoute, (c) => withSca(c, 'BENEFICIARY_CREATE', () => {
  const { name, fullName, ...body } = c.req.valid('json')
  const row = tx(c.var.store, () => addBeneficiary(c.var.store, scopeOf(c), { ...body, name: (name ?? fullName)! }))
  return c.json({ id: row.id }, 201)
}))

const getBeneficiaryRoute = createRoute({
  method: 'get', path: '/api/partner/beneficiaries/{beneficiaryId}', tags, summary: "Get beneficiary's information",
  middleware: [requires({ roles: ['BENEFICIARY_INFO'], endUser: true })] as const,
  request: { params: BeneficiaryIdParamSchema },
  responses: { 200: json(BeneficiaryInfoResponseSchema), ...errorResponses(404) },
})
beneficiaryRoutes.openapi(getBeneficiaryRoute, (c) => {
  const { beneficiaryId } = c.req.valid('param')
  return c.json(presentBeneficiary(tx(c.var.store, () => getBeneficiaryInfo(c.var.store, scopeOf(c), beneficiaryId))), 200)
})

const updateBeneficiaryRoute = createRoute({
  method: 'patch', path: '/api/partner/beneficiaries/{beneficiaryId}', tags, summary: 'Patch a beneficiary',
  middleware: [requires({ roles: ['BENEFICIARY_UPDATE'], endUser: true })] as const,
  request: { params: BeneficiaryIdParamSchema, headers: scaHeaders, body: jsonBody(BeneficiaryUpdateRequestSchema) },
  responses: { 200: json(BeneficiaryUpdatedSchema), 202: waitingScaResponse, ...errorResponses(404) },
})
beneficiaryRoutes.openapi(updateBeneficiaryRoute, (c) => withSca(c, 'BENEFICIARY_UPDATE', () => {
  const { beneficiaryId } = c.req.valid('param')
  const row = tx(c.var.store, () => updateBeneficiary(c.var.store, scopeOf(c), beneficiaryId, c.req.valid('json')))
  return c.json({ id: row.id }, 200)
}))
