import { createRoute } from '@hono/zod-openapi'
import { changePassword, changePasswordWithCurrent, login, refresh, requestPasswordReset } from '../../state/auth'
import { tx } from '../../state/store'
import { errorResponses, json, jsonBody, noContent, createRouter } from '../openapi'
import { scaHeaders, waitingScaResponse, withSca } from '../middleware/sca'
import {
  LoginRequestSchema, LoginResponseSchema, PasswordChangeRequestSchema, PasswordResetRequestSchema, RefreshRequestSchema,
  TokenResponseSchema, resetTarget,
} from './auth.schemas'

// Tag Authentication: anonymous endpoints that turn credentials into LinkCy JWTs.
export const authRoutes = createRouter()

const loginRoute = createRoute({
  method: 'post', path: '/api/partner/login', tags: ['Authentication'], summary: 'Log into the application',
  request: { headers: scaHeaders, body: jsonBody(LoginRequestSchema) },
  responses: { 200: json(LoginResponseSchema), 202: waitingScaResponse, ...errorResponses(404, 409) },
})
authRoutes.openapi(loginRoute, (c) => withSca(c, 'LOGIN', () => {
  const body = c.req.valid('json')
  return c.json(tx(c.var.store, () => login(c.var.store, body)), 200)
}))

const refreshRoute = createRoute({
  method: 'post', path: '/api/partner/refresh', tags: ['Authentication'], summary: 'Log with refresh token',
  request: { headers: scaHeaders, body: jsonBody(RefreshRequestSchema) },
  responses: { 200: json(TokenResponseSchema), 202: waitingScaResponse, ...errorResponses(404, 409) },
})
authRoutes.openapi(refreshRoute, (c) => withSca(c, 'REFRESH', () => {
  const { refreshToken } = c.req.valid('json')
  return c.json(tx(c.var.store, () => refresh(c.var.store, refreshToken)), 200)
}))

const resetRoute = createRoute({
  method: 'post', path: '/api/partner/passwords/reset', tags: ['Authentication'], summary: 'Initialize or reset a password (secret sent by SMS)',
  request: { body: jsonBody(PasswordResetRequestSchema) },
  responses: { 204: noContent, ...errorResponses(404) },
})
authRoutes.openapi(resetRoute, (c) => {
  const body = c.req.valid('json')
  const { kind, phone } = resetTarget(body)
  tx(c.var.store, () => requestPasswordReset(c.var.store, { partnerName: body.partnerName, phone, kind }))
  return c.body(null, 204)
})

const changeRoute = createRoute({
  method: 'post', path: '/api/partner/passwords/change', tags: ['Authentication'], summary: 'Change a user password with a secret',
  request: { body: jsonBody(PasswordChangeRequestSchema) },
  responses: { 200: json(TokenResponseSchema), ...errorResponses() },
})
authRoutes.openapi(changeRoute, (c) => {
  const body = c.req.valid('json')
  const store = c.var.store
  if ('passwordChangeSecret' in body) return c.json(tx(store, () => changePassword(store, body.passwordChangeSecret, body.newPassword)), 200)
  const [kind, phone] = 'consumerPhone' in body ? (['CONSUMER', body.consumerPhone] as const) : (['CORPORATE', body.accountOwnerPhone] as const)
  return c.json(tx(store, () => changePasswordWithCurrent(store, { ...body, kind, phone })), 200)
})
