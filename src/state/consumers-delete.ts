import { eq } from 'drizzle-orm'
import { consumers } from './db/schema'
import { getConsumer } from './consumers'
import { deleteEndUserFootprint } from './end-user-delete'
import type { Scope } from './scope'
import type { Store } from './store'

/**
 * DELETE /consumers/{id} (sandbox only): removes the consumer and everything that hangs off it
 * (login and tokens, phone and e-mail verifications, KYC applications, their hosted pages, sent
 * messages, SCA devices and interactions, uploaded documents, and its money: state/end-user-delete.ts),
 * so its phone can be used again. Another partner's consumer reads as CONSUMER_NOT_FOUND.
 */
export function deleteConsumer(store: Store, scope: Scope, consumerId: string): void {
  const { id, partnerId } = getConsumer(store, scope, consumerId)
  deleteEndUserFootprint(store, partnerId, 'CONSUMER', id, [id])
  store.db.delete(consumers).where(eq(consumers.id, id)).run()
}
