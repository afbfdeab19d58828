import { eq, inArray, type SQLWrapper } from 'drizzle-orm'
import { fileLinks, type FileLinkKind } from '../db/schema'
import { formatIsoDuration } from '../clock'
import type { Store } from '../store'
import { pageUrl } from '../verifications'

// The time-limited download links of every LinkCy document operation (bank details, statements,
// end-user documents, diligence reviews): LinkCy answers `{url, ttl}`; the url is a bearer link that
// expires on the simulator clock and is served by routes/files (GET /files/{token}).

export type FileLinkRow = typeof fileLinks.$inferSelect
export type { FileLinkKind }

/** How long a document link stays valid. SIM: LinkCy does not say; a short-lived signed URL. */
export const FILE_LINK_TTL_MS = 15 * 60 * 1000

/** Path of a link's download. */
export const fileLinkPath = (token: string): string => `/files/${token}`

/** Records a link to the file `kind` of `subjectId` and answers LinkCy's {url, ttl}. */
export function issueFileLink(
  store: Store, origin: string,
  link: { partnerId: string; kind: FileLinkKind; subjectId: string; startDate?: string; endDate?: string },
): { url: string; ttl: string } {
  const now = store.clock.nowMs()
  const id = store.rng.uuid()
  store.db.insert(fileLinks).values({
    id, partnerId: link.partnerId, kind: link.kind, subjectId: link.subjectId,
    startDate: link.startDate ?? null, endDate: link.endDate ?? null, createdAt: now, expiresAt: now + FILE_LINK_TTL_MS,
  }).run()
  return { url: pageUrl(origin, fileLinkPath(id)), ttl: formatIsoDuration(FILE_LINK_TTL_MS) }
}

/** The link behind a token, or why it cannot be downloaded. */
export function openFileLink(store: Store, token: string): FileLinkRow | 'EXPIRED' | undefined {
  const row = store.db.select().from(fileLinks).where(eq(fileLinks.id, token)).get()
  if (row && row.expiresAt <= store.clock.nowMs()) return 'EXPIRED'
  return row
}

/** Forgets the links about these subjects (ids, or a subquery of ids): their owner is deleted. */
export function deleteFileLinks(store: Store, subjectIds: string[] | SQLWrapper): void {
  if (!Array.isArray(subjectIds) || subjectIds.length > 0) store.db.delete(fileLinks).where(inArray(fileLinks.subjectId, subjectIds)).run()
}
