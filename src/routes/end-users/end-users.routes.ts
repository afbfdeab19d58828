import { createRoute, z } from '@hono/zod-openapi'
import { suspendEndUser, unsuspendEndUser } from '../../state/end-user-suspensions'
import { OPERATORS } from '../../state/ledger-types'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, jsonBody, noContent, uuid } from '../openapi'
import { SuspendRequestSchema } from '../ledgers/ledgers.schemas'

// Tag End-user: suspensions of end-users (each operator lifts only its own).
export const endUserRoutes = createRouter()

const tags = ['End-user']
const endUserId = uuid().openapi({ param: { name: 'endUserId', in: 'path' } })

const suspendRoute = createRoute({
  method: 'post', path: '/api/partner/end-users/{endUserId}/suspensions', tags, summary: 'Suspend an end-user',
  middleware: [requires({ roles: ['END_USER_SUSPEND'], endUser: true })] as const,
  request: { params: z.object({ endUserId }), body: jsonBody(SuspendRequestSchema) },
  responses: { 204: noContent, ...errorResponses(404, 409) },
})
endUserRoutes.openapi(suspendRoute, (c) => {
  const params = c.req.valid('param')
  const body = c.req.valid('json')
  tx(c.var.store, () => suspendEndUser(c.var.store, scopeOf(c), params.endUserId, { operator: body.operator ?? undefined, reason: body.reason }))
  return c.body(null, 204)
})

const unsuspendRoute = createRoute({
  method: 'delete', path: '/api/partner/end-users/{endUserId}/suspensions/{operator}', tags, summary: 'Unsuspend an end-user',
  middleware: [requires({ roles: ['END_USER_UNSUSPEND'], endUser: true })] as const,
  request: { params: z.object({ endUserId, operator: z.enum(OPERATORS).openapi({ param: { name: 'operator', in: 'path' } }) }) },
  responses: { 204: noContent, ...errorResponses(404) },
})
endUserRoutes.openapi(unsuspendRoute, (c) => {
  const params = c.req.valid('param')
  tx(c.var.store, () => unsuspendEndUser(c.var.store, scopeOf(c), params.endUserId, params.operator))
  return c.body(null, 204)
})
