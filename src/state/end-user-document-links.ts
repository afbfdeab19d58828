import { eq } from 'drizzle-orm'
import { endUserDocumentLinks, endUserDocuments } from './db/schema'
import { formatIsoDuration } from './clock'
import { DOCUMENT_TTL_MS } from './documents/ledger-documents'
import type { EndUserDocumentRow } from './end-user-documents'
import type { Store } from './store'
import { pageUrl } from './verifications'

// The download link of GET /documents/{documentId}: like the ledger documents' links (same lifetime,
// same /files/... download), a bearer URL that expires on the simulator clock.

/** Path of a document's download. */
export const endUserDocumentPath = (token: string): string => `/files/documents/${token}`

/** Issues a download link of the document: {url, ttl}. */
export function issueDownloadLink(store: Store, doc: EndUserDocumentRow, origin: string): { url: string; ttl: string } {
  const now = store.clock.nowMs()
  const id = store.rng.uuid()
  store.db.insert(endUserDocumentLinks).values({ id, partnerId: doc.partnerId, documentId: doc.id, createdAt: now, expiresAt: now + DOCUMENT_TTL_MS }).run()
  return { url: pageUrl(origin, endUserDocumentPath(id)), ttl: formatIsoDuration(DOCUMENT_TTL_MS) }
}

/** The document behind a download link, or why it cannot be downloaded. */
export function documentOfLink(store: Store, token: string): EndUserDocumentRow | 'EXPIRED' | undefined {
  const link = store.db.select().from(endUserDocumentLinks).where(eq(endUserDocumentLinks.id, token)).get()
  if (!link) return undefined
  if (link.expiresAt <= store.clock.nowMs()) return 'EXPIRED'
  const doc = store.db.select().from(endUserDocuments).where(eq(endUserDocuments.id, link.documentId)).get()
  return doc?.content ? doc : undefined
}
