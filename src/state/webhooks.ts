import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { webhookAttempts, webhookEndpoints, webhookMessages } from './db/schema'
import { enqueueAttempt } from './webhook-delivery'
import type { WebhookEventType } from './webhook-events'
import type { Scope } from './scope'
import type { Store } from './store'

export { flushWebhooks, svixSignature } from './webhook-delivery'
// The catalogue and the payload builders, so an emitting module imports them with emitEvent.
export * from './webhook-events'

// Webhooks. LinkCy delivers events through Svix: partners manage endpoints in the Svix portal, and
// every state change emits an event type (CONSUMER_CREATED, ...). Here endpoints come from the control
// plane (/_sim/webhooks) or a scenario file; emitEvent records one message per matching endpoint inside the caller's
// transaction and state/webhook-delivery.ts delivers it after the request, signed the Svix way.

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect
export type WebhookMessageRow = typeof webhookMessages.$inferSelect
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect

/** Stores loading a scenario: what a scenario declares is the world's past, not news (no event). */
const silenced = new WeakSet<Store>()

/** Runs `fn` (a scenario load) without emitting events; jobs it schedules still emit when they run. */
export function withoutEvents<T>(store: Store, fn: () => T): T {
  if (silenced.has(store)) return fn()
  silenced.add(store)
  try {
    return fn()
  } finally {
    silenced.delete(store)
  }
}

/**
 * Emits `type` (state/webhook-events.ts) for the partner: one Svix message (same svix-id for every
 * endpoint) per endpoint whose filter accepts the type. Call inside the state operation's
 * transaction, once per state change; nothing is sent before it commits.
 * SIM: the payload is a guess (the reference does not document it): { type, id, timestamp, data }.
 */
export function emitEvent(store: Store, partnerId: string, type: WebhookEventType, data: Record<string, unknown>): void {
  if (silenced.has(store)) return
  const endpoints = store.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.partnerId, partnerId)).orderBy(asc(webhookEndpoints.createdAt)).all()
    .filter((e) => !e.eventTypes || e.eventTypes.length === 0 || e.eventTypes.includes(type))
  // No endpoint, no randomness drawn: worlds without webhooks keep their id streams.
  if (endpoints.length === 0) return
  const now = store.clock.nowMs()
  const svixId = `msg_${store.rng.uuid().replace(/-/g, '')}`
  const body = JSON.stringify({ type, id: svixId, timestamp: new Date(now).toISOString(), data })
  for (const endpoint of endpoints) {
    const message = { id: store.rng.uuid(), svixId, partnerId, endpointId: endpoint.id, eventType: type, body, status: 'PENDING', createdAt: now }
    store.db.insert(webhookMessages).values(message).run()
    enqueueAttempt(store, message, 'SCHEDULED')
  }
}

/**
 * A Svix endpoint secret: `whsec_` then standard base64 (Svix accepts 32 to 100 characters), whose
 * decoded bytes are the HMAC key. Checked where a secret is supplied (control plane, scenario files).
 */
export const SVIX_SECRET_PATTERN = /^whsec_(?=[A-Za-z0-9+/=]{32,100}$)(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
export const SVIX_SECRET_MESSAGE = 'a Svix secret: whsec_ followed by 32 to 100 characters of base64'

/** Control plane: subscribes `url` for the partner (what the Svix portal does). The secret is a Svix whsec_ secret. */
export function createWebhookEndpoint(store: Store, partnerId: string, input: { url: string; secret?: string; eventTypes?: WebhookEventType[] }): WebhookEndpointRow {
  const row = {
    id: store.rng.uuid(), partnerId, url: input.url,
    secret: input.secret ?? `whsec_${store.rng.bytes(24).toString('base64')}`,
    eventTypes: input.eventTypes && input.eventTypes.length > 0 ? input.eventTypes : null,
    createdAt: store.clock.nowMs(),
  }
  store.db.insert(webhookEndpoints).values(row).run()
  return row
}

/** Control plane: the endpoints, optionally of one partner. */
export function listWebhookEndpoints(store: Store, partnerId?: string): WebhookEndpointRow[] {
  return store.db.select().from(webhookEndpoints).where(partnerId ? eq(webhookEndpoints.partnerId, partnerId) : undefined).orderBy(asc(webhookEndpoints.createdAt)).all()
}

/** Control plane: unsubscribes an endpoint (its pending messages are never sent). False when unknown. */
export function deleteWebhookEndpoint(store: Store, endpointId: string): boolean {
  const row = store.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).get()
  if (!row) return false
  store.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).run()
  store.db.update(webhookMessages).set({ status: 'FAILED' }).where(and(eq(webhookMessages.endpointId, endpointId), eq(webhookMessages.status, 'PENDING'))).run()
  return true
}

export type WebhookDelivery = WebhookMessageRow & { attempts: WebhookAttemptRow[] }

/** Control plane: every message with all its attempts, newest first. */
export function listWebhookDeliveries(store: Store, filter: { partnerId?: string; endpointId?: string; eventType?: string }): WebhookDelivery[] {
  const where: SQL[] = []
  if (filter.partnerId) where.push(eq(webhookMessages.partnerId, filter.partnerId))
  if (filter.endpointId) where.push(eq(webhookMessages.endpointId, filter.endpointId))
  if (filter.eventType) where.push(eq(webhookMessages.eventType, filter.eventType))
  const messages = store.db.select().from(webhookMessages).where(and(...where)).orderBy(desc(webhookMessages.createdAt), desc(sql`webhook_messages.rowid`)).all()
  if (messages.length === 0) return []
  const attempts = store.db.select().from(webhookAttempts).where(inArray(webhookAttempts.messageId, messages.map((m) => m.id))).orderBy(asc(webhookAttempts.attempt)).all()
  return messages.map((m) => ({ ...m, attempts: attempts.filter((a) => a.messageId === m.id) }))
}

/** Control plane: sends a message again now (Svix "resend"); a replay that fails is not retried. Undefined when unknown. */
export function replayWebhookDelivery(store: Store, messageId: string): WebhookDelivery | undefined {
  const message = store.db.select().from(webhookMessages).where(eq(webhookMessages.id, messageId)).get()
  if (!message) return undefined
  const endpoint = store.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, message.endpointId)).get()
  if (!endpoint) return undefined
  enqueueAttempt(store, message, 'MANUAL')
  return listWebhookDeliveries(store, { endpointId: message.endpointId }).find((d) => d.id === messageId)
}

/**
 * GET /webhooks: the URL of the partner's Svix App Portal, a short-lived magic link.
 * SIM: a fake app.svix.com link with a random key; nothing is served there.
 */
export function getWebhookPortalUrl(store: Store, scope: Scope): { url: string } {
  void scope
  return { url: `https://app.svix.com/login#key=${store.rng.secret(32)}` }
}
