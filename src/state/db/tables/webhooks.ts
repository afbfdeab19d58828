import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'

/**
 * Webhook endpoints a partner subscribed (LinkCy does this in the Svix portal; the simulator through
 * /_sim/webhooks). `secret` is a Svix `whsec_` secret; `eventTypes` null means every event type.
 */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  eventTypes: text('event_types', { mode: 'json' }).$type<string[] | null>(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('webhook_endpoints_partner_ix').on(t.partnerId)])

/** One event for one endpoint (a Svix message): `body` is the exact JSON that is signed and POSTed. */
export const webhookMessages = sqliteTable('webhook_messages', {
  id: text('id').primaryKey(),
  /** The svix-id (msg_...): one per event, shared by the endpoints it fans out to and by every retry. */
  svixId: text('svix_id').notNull(),
  partnerId: text('partner_id').notNull(),
  endpointId: text('endpoint_id').notNull(),
  eventType: text('event_type').notNull(),
  body: text('body').notNull(),
  /** PENDING (attempts left), DELIVERED or FAILED (retries exhausted). */
  status: text('status').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('webhook_messages_partner_ix').on(t.partnerId)])

/** One delivery attempt: DUE (waiting for the deliverer), SENDING, SUCCEEDED or FAILED. */
export const webhookAttempts = sqliteTable('webhook_attempts', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull(),
  messageId: text('message_id').notNull(),
  attempt: integer('attempt').notNull(),
  /** SCHEDULED (first try and automatic retries) or MANUAL (a replay: never retried). */
  trigger: text('trigger').notNull(),
  status: text('status').notNull(),
  responseCode: integer('response_code'),
  latencyMs: integer('latency_ms'),
  /** Simulator instant the attempt became due, then the instant it was sent. */
  at: integer('at').notNull(),
}, (t) => [index('webhook_attempts_message_ix').on(t.messageId), index('webhook_attempts_status_ix').on(t.status)])
