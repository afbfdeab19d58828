import { z } from 'zod'
import { createWebhookEndpoint, SVIX_SECRET_MESSAGE, SVIX_SECRET_PATTERN, WEBHOOK_EVENT_TYPES } from '../state/webhooks'
import type { Store } from '../state/store'

// Webhook endpoints declared in a scenario file (partners[].webhooks): what a LinkCy partner sets up
// in its Svix App Portal, subscribed when the scenario loads, as POST /_sim/webhooks would.

/** One endpoint: the URL events are POSTed to, its whsec_ secret (generated when absent), its event-type filter (none: every type). */
export const WebhookSeedSchema = z.strictObject({
  url: z.string().url(),
  secret: z.string().regex(SVIX_SECRET_PATTERN, SVIX_SECRET_MESSAGE).optional(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).optional(),
})

export type WebhookSeed = z.infer<typeof WebhookSeedSchema>

/** Subscribes the partner's declared endpoints, in order; answers their ids. */
export function seedWebhooks(store: Store, partnerId: string, seeds: readonly WebhookSeed[]): string[] {
  return seeds.map((seed) => createWebhookEndpoint(store, partnerId, seed).id)
}
