import { webPages } from './db/schema'
import type { Store } from './store'

// Pages the simulator hosts for end-users in LinkCy's place (KYC link, proof of address): one row
// per page handed out, OPEN until the person finishes it (then DONE) or it expires.

export type WebPageRow = typeof webPages.$inferSelect

/** Opens a hosted page for a resource (a KYC application, a consumer); answers its id. */
export function openWebPage(store: Store, page: Pick<WebPageRow, 'partnerId' | 'kind' | 'resourceId' | 'expiresAt' | 'createdAt'>): string {
  const id = store.rng.uuid()
  store.db.insert(webPages).values({ id, ...page, status: 'OPEN' }).run()
  return id
}
