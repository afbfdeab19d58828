import { and, eq } from 'drizzle-orm'
import { webPages } from './db/schema'
import type { Store } from './store'

// Pages the simulator hosts for end-users in LinkCy's place (KYC link, e-mail verification, proof of
// address, acquiring payment): one row per page handed out, OPEN until the person finishes it (then
// DONE) or it expires. A page's id is the last segment of the link handed out, so GET
// /web-page/{pageId} finds every hosted page from its link.

export type WebPageRow = typeof webPages.$inferSelect

/**
 * Opens a hosted page for a resource (a KYC application, an e-mail verification, a consumer, an
 * acquiring transaction); answers its id: `id` when the link already carries the resource's id, else a new one.
 */
export function openWebPage(store: Store, page: Pick<WebPageRow, 'partnerId' | 'kind' | 'resourceId' | 'expiresAt' | 'createdAt'> & { id?: string }): string {
  const id = page.id ?? store.rng.uuid()
  store.db.insert(webPages).values({ ...page, id, status: 'OPEN' }).run()
  return id
}

/** The person finished the resource's page (it still answers, saying so). */
export function closeWebPage(store: Store, kind: WebPageRow['kind'], resourceId: string): void {
  store.db.update(webPages).set({ status: 'DONE' }).where(and(eq(webPages.kind, kind), eq(webPages.resourceId, resourceId))).run()
}
