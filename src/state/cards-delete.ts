import { and, eq, inArray, or, sql } from 'drizzle-orm'
import { cardPanCredentials, cardRules, cards, scheduledJobs } from './db/schema'
import type { Store } from './store'

// The cards an end-user leaves behind when the sandbox deletes it (DELETE /consumers/{id}, through
// state/end-user-money-delete.ts): the cards, their rules, their PAN display credentials and the
// scheduled jobs about them ({ cardId } payloads, state/jobs.ts).

/** Removes every card of the end-user with what hangs on it. */
export function deleteEndUserCards(store: Store, partnerId: string, endUserId: string): void {
  const own = store.db.select({ id: cards.id }).from(cards).where(and(eq(cards.partnerId, partnerId), eq(cards.endUserId, endUserId)))
  store.db.delete(scheduledJobs)
    .where(and(eq(scheduledJobs.partnerId, partnerId), or(inArray(sql`json_extract(${scheduledJobs.payload}, '$.cardId')`, own)))).run()
  store.db.delete(cardRules).where(and(eq(cardRules.scope, 'CARD'), inArray(cardRules.ownerId, own))).run()
  store.db.delete(cardPanCredentials).where(inArray(cardPanCredentials.cardId, own)).run()
  store.db.delete(cards).where(and(eq(cards.partnerId, partnerId), eq(cards.endUserId, endUserId))).run()
}
