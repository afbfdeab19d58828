import { createRoute } from '@hono/zod-openapi'
import { sendSms } from '../../state/partner-sms'
import { getTermsAndConditions } from '../../state/terms-and-conditions'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody, noContent } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import { SmsSendRequestSchema, TermsQuerySchema, TermsResponseSchema } from './misc.schemas'

// Tag Additional: partner SMS and terms and conditions.
export const miscRoutes = createRouter()

const smsRoute = createRoute({
  method: 'post', path: '/api/partner/sms', tags: ['Additional'], summary: 'Send SMS',
  middleware: [requires({ roles: ['SMS_SEND'] })] as const,
  request: { body: jsonBody(SmsSendRequestSchema) },
  responses: { 204: noContent, ...errorResponses(409) },
})
miscRoutes.openapi(smsRoute, (c) => {
  const body = c.req.valid('json')
  tx(c.var.store, () => sendSms(c.var.store, scopeOf(c), body))
  return c.body(null, 204)
})

const termsRoute = createRoute({
  method: 'get', path: '/api/partner/docs/terms', tags: ['Additional'], summary: 'Get terms and conditions',
  security: [{}],
  middleware: [requires({ anonymous: true, endUser: true })] as const,
  request: { query: TermsQuerySchema },
  responses: { 200: json(TermsResponseSchema), ...errorResponses() },
})
miscRoutes.openapi(termsRoute, (c) => {
  const query = c.req.valid('query')
  const terms = getTermsAndConditions(c.var.store, scopeOf(c), query, new URL(c.req.url).origin)
  return c.json(terms, 200)
})
