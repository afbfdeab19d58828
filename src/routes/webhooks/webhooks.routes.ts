import { createRoute } from '@hono/zod-openapi'
import { getWebhookPortalUrl } from '../../state/webhooks'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import { WebhookPortalUrlSchema } from './webhooks.schemas'

// Tag Webhook: the partner's Svix App Portal link. Partner tokens only (role WEBHOOK_PORTAL).
export const webhookRoutes = createRouter()

const portalRoute = createRoute({
  method: 'get', path: '/api/partner/webhooks', tags: ['Webhook'], summary: 'Get your webhook portal url',
  middleware: [requires({ roles: ['WEBHOOK_PORTAL'] })] as const,
  responses: { 200: json(WebhookPortalUrlSchema), ...errorResponses() },
})
webhookRoutes.openapi(portalRoute, (c) => {
  const body = tx(c.var.store, () => getWebhookPortalUrl(c.var.store, scopeOf(c)))
  return c.json(body, 200)
})
