import { Hono } from 'hono'
import { z } from '@hono/zod-openapi'
import type { AppEnv } from '../env'
import { SimError } from '../../state/errors'
import { findPartnerByName } from '../../state/partners'
import { tx } from '../../state/store'
import {
  createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, replayWebhookDelivery,
  SVIX_SECRET_MESSAGE, SVIX_SECRET_PATTERN, WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS, type WebhookDelivery, type WebhookEndpointRow,
} from '../../state/webhooks'
import { simBody } from './sim.schemas'

// /_sim/webhooks: what LinkCy partners do in the Svix App Portal (subscribe an endpoint URL with its
// whsec_ secret and an event-type filter), plus the delivery log with every attempt and a replay.
export const simWebhookRoutes = new Hono<AppEnv>()

const iso = (ms: number) => new Date(ms).toISOString()
const presentEndpoint = (e: WebhookEndpointRow) => ({
  id: e.id, partnerId: e.partnerId, url: e.url, secret: e.secret, eventTypes: e.eventTypes ?? [], createdAt: iso(e.createdAt),
})
const presentDelivery = (d: WebhookDelivery) => ({
  id: d.id, svixId: d.svixId, partnerId: d.partnerId, endpointId: d.endpointId, eventType: d.eventType, status: d.status,
  payload: JSON.parse(d.body) as unknown, createdAt: iso(d.createdAt),
  attempts: d.attempts.map((a) => ({
    id: a.id, attempt: a.attempt, trigger: a.trigger, status: a.status, responseCode: a.responseCode, latencyMs: a.latencyMs, at: iso(a.at),
  })),
})

const partnerIdOf = (store: AppEnv['Variables']['store'], name: string | undefined) =>
  name ? (findPartnerByName(store, name)?.id ?? 'none') : undefined

const CreateSchema = z.object({
  partnerName: z.string().min(1),
  url: z.string().url(),
  secret: z.string().regex(SVIX_SECRET_PATTERN, SVIX_SECRET_MESSAGE).optional(),
  // Svix refuses a filter naming an event type its application does not declare.
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).optional(),
})

// GET /_sim/webhooks/event-types → the catalogue (state/webhook-events.ts): type, when it fires, documented or inferred.
simWebhookRoutes.get('/webhooks/event-types', (c) => {
  const content = WEBHOOK_EVENT_TYPES.map((type) => ({ type, ...WEBHOOK_EVENTS[type] }))
  return c.json({ content, totalElements: content.length })
})

// POST /_sim/webhooks {partnerName, url, secret?, eventTypes?} → 201 endpoint (with its secret).
simWebhookRoutes.post('/webhooks', async (c) => {
  const body = await simBody(c.req, CreateSchema)
  const store = c.var.store
  const endpoint = tx(store, () => {
    const partner = findPartnerByName(store, body.partnerName)
    if (!partner) throw new SimError('PARTNER_NOT_FOUND', [body.partnerName])
    return createWebhookEndpoint(store, partner.id, body)
  })
  return c.json(presentEndpoint(endpoint), 201)
})

// GET /_sim/webhooks?partnerName= → the endpoints.
simWebhookRoutes.get('/webhooks', (c) => {
  const endpoints = listWebhookEndpoints(c.var.store, partnerIdOf(c.var.store, c.req.query('partnerName')))
  return c.json({ content: endpoints.map(presentEndpoint), totalElements: endpoints.length })
})

// GET /_sim/webhooks/deliveries?partnerName=&endpointId=&eventType= → messages with every attempt, newest first.
simWebhookRoutes.get('/webhooks/deliveries', (c) => {
  const q = c.req.query()
  const deliveries = listWebhookDeliveries(c.var.store, { partnerId: partnerIdOf(c.var.store, q.partnerName), endpointId: q.endpointId, eventType: q.eventType })
  return c.json({ content: deliveries.map(presentDelivery), totalElements: deliveries.length })
})

// POST /_sim/webhooks/deliveries/{id}/replay → 202 the message with its new (DUE) attempt.
simWebhookRoutes.post('/webhooks/deliveries/:id/replay', (c) => {
  const store = c.var.store
  const delivery = tx(store, () => replayWebhookDelivery(store, c.req.param('id')))
  if (!delivery) return c.json({ error: 'NOT_FOUND', message: `Webhook delivery ${c.req.param('id')} was not found.` }, 404)
  return c.json(presentDelivery(delivery), 202)
})

// DELETE /_sim/webhooks/{id} → 204 (404 when unknown).
simWebhookRoutes.delete('/webhooks/:id', (c) => {
  const store = c.var.store
  const deleted = tx(store, () => deleteWebhookEndpoint(store, c.req.param('id')))
  if (!deleted) return c.json({ error: 'NOT_FOUND', message: `Webhook endpoint ${c.req.param('id')} was not found.` }, 404)
  return c.body(null, 204)
})
