import { z } from '@hono/zod-openapi'

// GET /api/partner/webhooks: the Svix portal link.
export const WebhookPortalUrlSchema = z.object({ url: z.string() }).openapi('WebhookPortalUrlResponse')
