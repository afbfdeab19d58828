import { eq } from 'drizzle-orm'
import { endUserDocuments, type FileLinkKind } from '../db/schema'
import type { Store } from '../store'
import type { FileLinkRow } from './file-links'
import { renderLedgerDocument } from './ledger-documents'
import { renderDiligenceReviewLink } from './diligence-review'

// What GET /files/{token} sends for each kind of link. Undefined when the subject is gone (a deleted
// end-user's document): the download answers 404 like an unknown link.

export interface RenderedFile {
  bytes: Uint8Array<ArrayBuffer>
  contentType: string
  filename: string
}

const pdf = (bytes: Buffer | undefined, filename: string): RenderedFile | undefined =>
  bytes ? { bytes: new Uint8Array(bytes), contentType: 'application/pdf', filename } : undefined

const RENDERERS: Record<FileLinkKind, (store: Store, link: FileLinkRow) => Promise<RenderedFile | undefined>> = {
  BANK_DETAILS: async (store, link) => pdf(await renderLedgerDocument(store, link), 'bank-details.pdf'),
  STATEMENT: async (store, link) => pdf(await renderLedgerDocument(store, link), `statement-${link.startDate}-${link.endDate}.pdf`),
  DILIGENCE_REVIEW: async (store, link) => pdf(await renderDiligenceReviewLink(store, link), 'diligence-review.pdf'),
  END_USER_DOCUMENT: async (store, link) => {
    const doc = store.db.select().from(endUserDocuments).where(eq(endUserDocuments.id, link.subjectId)).get()
    if (!doc?.content) return undefined
    return { bytes: new Uint8Array(doc.content), contentType: doc.contentType!, filename: doc.fileName ?? 'document' }
  },
}

/** The file behind a link, rendered as of the link's creation. */
export function renderFile(store: Store, link: FileLinkRow): Promise<RenderedFile | undefined> {
  return RENDERERS[link.kind](store, link)
}
