import { eq } from 'drizzle-orm'
import { webPages } from './db/schema'
import { SimError } from './errors'
import type { Store } from './store'
import type { WebPageRow } from './web-pages'

// GET /web-page/{pageId}: the HTML of a page LinkCy hosts for an end-user (KYC link, proof of
// address, e-mail verification). The page id is the credential: no token, no partner scope.

/** The hosted page: 404 RESOURCE_NOT_FOUND for an unknown id, 409 EXPIRED_RESOURCE once past its expiry. */
export function getWebPage(store: Store, pageId: string): WebPageRow {
  const row = store.db.select().from(webPages).where(eq(webPages.id, pageId)).get()
  if (!row) throw new SimError('RESOURCE_NOT_FOUND')
  if (row.expiresAt <= store.clock.nowMs()) throw new SimError('EXPIRED_RESOURCE', [pageId])
  return row
}
