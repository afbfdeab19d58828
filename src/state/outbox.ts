import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import { outbox } from './db/schema'
import type { Store } from './store'

export type OutboxMessage = typeof outbox.$inferSelect

/** Records an SMS or e-mail LinkCy would have sent (nothing leaves the simulator). */
export function recordMessage(store: Store, message: Omit<OutboxMessage, 'id' | 'createdAt'>): OutboxMessage {
  const row = { ...message, id: store.rng.uuid(), createdAt: store.clock.nowMs() }
  store.db.insert(outbox).values(row).run()
  return row
}

/** Messages, newest first, optionally for one partner, person, channel or purpose. */
export function listMessages(store: Store, filter: { partnerId?: string; personId?: string; channel?: string; purpose?: string; recipient?: string }): OutboxMessage[] {
  const where: SQL[] = []
  if (filter.partnerId) where.push(eq(outbox.partnerId, filter.partnerId))
  if (filter.personId) where.push(eq(outbox.personId, filter.personId))
  if (filter.channel) where.push(eq(outbox.channel, filter.channel as 'SMS' | 'EMAIL'))
  if (filter.purpose) where.push(eq(outbox.purpose, filter.purpose))
  if (filter.recipient) where.push(eq(outbox.recipient, filter.recipient))
  return store.db.select().from(outbox).where(and(...where)).orderBy(desc(sql`rowid`)).all()
}
