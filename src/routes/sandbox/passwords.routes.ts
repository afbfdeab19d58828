import { createRoute, z } from '@hono/zod-openapi'
import { requestPasswordReset } from '../../state/auth'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody } from '../openapi'
import { requires } from '../middleware/auth'
import { PasswordResetRequestSchema, resetTarget } from '../auth/auth.schemas'

// Sandbox: POST /passwords/reset/sandbox answers the password-change secret instead of sending it by SMS.
export const sandboxPasswordRoutes = createRouter()

const route = createRoute({
  method: 'post', path: '/api/partner/passwords/reset/sandbox', tags: ['Sandbox'],
  summary: 'Initialize or reset a password with secret in response (SANDBOX)',
  middleware: [requires({})] as const,
  request: { body: jsonBody(PasswordResetRequestSchema) },
  responses: { 200: json(z.object({ passwordChangeSecret: z.string() })), ...errorResponses(404) },
})
sandboxPasswordRoutes.openapi(route, (c) => {
  const body = c.req.valid('json')
  const { kind, phone } = resetTarget(body)
  const secret = tx(c.var.store, () => requestPasswordReset(c.var.store, { partnerName: body.partnerName, phone, kind }, c.var.principal!.partnerId))
  return c.json({ passwordChangeSecret: secret }, 200)
})
