import { createRoute } from '@hono/zod-openapi'
import { simulateKyc } from '../../state/kyc-simulate'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import { KycSimulateRequestSchema, KycSimulateResponseSchema, presentKycSimulated } from '../kyc/kyc.schemas'

// Sandbox: force a KYC result (LinkCy's own sandbox shortcut, tag Sandbox).
export const kycSimulateRoutes = createRouter()

const simulateRoute = createRoute({
  method: 'post', path: '/api/partner/kyc/simulate', tags: ['Sandbox'],
  summary: 'Simulate a KYC result for a consumer or a corporate-related person',
  middleware: [requires({ roles: ['KYC_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(KycSimulateRequestSchema) },
  responses: { 201: json(KycSimulateResponseSchema, 'Simulated KYC successfully created'), ...errorResponses() },
})
kycSimulateRoutes.openapi(simulateRoute, (c) => {
  const body = c.req.valid('json')
  const simulated = tx(c.var.store, () => simulateKyc(c.var.store, scopeOf(c), body))
  return c.json(presentKycSimulated(simulated), 201)
})
