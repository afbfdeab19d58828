import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { listMessages, type OutboxMessage } from '../../state/outbox'
import { findPartnerByName } from '../../state/partners'

// /_sim/outbox: what LinkCy would have sent by SMS or e-mail (codes, password secrets, links).
// Filters: partnerName, personId, channel (SMS|EMAIL), purpose, recipient.
export const outboxRoutes = new Hono<AppEnv>()

const present = (m: OutboxMessage) => ({
  id: m.id, channel: m.channel, recipient: m.recipient, personId: m.personId ?? undefined, purpose: m.purpose,
  text: m.text, ...m.payload, createdAt: new Date(m.createdAt).toISOString(),
})

outboxRoutes.get('/outbox', (c) => {
  const store = c.var.store
  const q = c.req.query()
  const partnerId = q.partnerName ? (findPartnerByName(store, q.partnerName)?.id ?? 'none') : undefined
  const messages = listMessages(store, { partnerId, personId: q.personId, channel: q.channel, purpose: q.purpose, recipient: q.recipient })
  return c.json({ content: messages.map(present), totalElements: messages.length })
})
