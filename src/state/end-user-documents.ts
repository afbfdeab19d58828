import { and, count, eq, inArray, ne, type SQL } from 'drizzle-orm'
import { endUserDocuments } from './db/schema'
import { SimError, ValidationError } from './errors'
import { getPartner } from './partners'
import { findEndUser, findVisibleEndUser } from './end-users'
import { isEndUser, targetPersonId, type Scope } from './scope'
import type { Store } from './store'
import { selectPage, type PageQuery } from './paging'

// Tag Documents: files end-users (or their partner) upload — identity papers, proofs of address,
// company papers — and the documents LinkCy asks for (REQUESTED), which the partner then uploads.
// The bytes live in SQLite; GET /documents/{id} hands out a time-limited download link.

export type EndUserDocumentRow = typeof endUserDocuments.$inferSelect
export type DocumentStatus = EndUserDocumentRow['status']

/** LinkCy refuses files of 5 MB or more (TOO_LARGE_DOCUMENT). */
export const MAX_DOCUMENT_MB = 5
export const MAX_DOCUMENT_BYTES = MAX_DOCUMENT_MB * 1024 * 1024
/** Files per end-user unless the partner's `documentLimit` setting says otherwise (older docs: 10). */
export const DEFAULT_DOCUMENT_LIMIT = 10

/** SIM: the formats the sandbox takes (scans and photos): PDF, JPEG and PNG, by signature or declared type. */
const FORMATS: { contentType: string; magic: number[] }[] = [
  { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
]
export const ACCEPTED_FORMATS = FORMATS.map((f) => f.contentType).join(', ')

/** One multipart upload, as validated by the route. */
export interface DocumentUpload {
  endUserId?: string
  type?: string
  friendlyName?: string
  documentId?: string
  transactionId?: string
  beneficiaryId?: string
  file: { name: string; type: string; bytes: Buffer }
}

/** The content type of a file in an accepted format, or undefined (signature first, then the declared type). */
function detectFormat(file: DocumentUpload['file']): string | undefined {
  const bySignature = FORMATS.find((f) => f.magic.every((b, i) => file.bytes[i] === b))
  if (bySignature) return bySignature.contentType
  const declared = file.type.split(';')[0]!.trim().toLowerCase()
  return FORMATS.find((f) => f.contentType === declared)?.contentType
}

function documentLimit(store: Store, partnerId: string): number {
  const value = (getPartner(store, partnerId).settings as { documentLimit?: unknown }).documentLimit
  return typeof value === 'number' && value >= 0 ? value : DEFAULT_DOCUMENT_LIMIT
}

/**
 * POST /documents: checks the file (format, < 5 MB), the end-user (a partner must name it), the
 * friendly name (unique per end-user) and the per-end-user limit; with a documentId, fills the
 * REQUESTED document LinkCy asked for. Answers the document id.
 */
export function uploadDocument(store: Store, scope: Scope, up: DocumentUpload): { id: string } {
  const contentType = detectFormat(up.file)
  if (!contentType) throw new SimError('INVALID_FILE_FORMAT', [ACCEPTED_FORMATS], { field: 'file', rejectedValue: up.file.name })
  if (up.file.bytes.length >= MAX_DOCUMENT_BYTES) throw new SimError('TOO_LARGE_DOCUMENT', [MAX_DOCUMENT_MB], { field: 'file', rejectedValue: up.file.name })
  const requested = up.documentId ? requestedDocument(store, scope, up.documentId) : undefined
  const endUserId = requested?.endUserId ?? targetPersonId(scope, up.endUserId, 'END_USER_ID_REQUIRED', 'endUserId')
  if (!requested && !findVisibleEndUser(store, scope, endUserId)) throw new SimError('END_USER_NOT_FOUND', [endUserId], { field: 'endUserId', rejectedValue: endUserId })
  const type = requested?.type ?? up.type
  if (!type) throw new ValidationError([{ field: 'type', rejectedValue: null, message: 'must not be null' }])
  if (up.friendlyName) assertFriendlyNameFree(store, scope.partnerId, endUserId, up.friendlyName, requested?.id)
  const limit = documentLimit(store, scope.partnerId)
  if (!requested && uploadedCount(store, scope.partnerId, endUserId) >= limit) throw new SimError('DOCUMENT_LIMIT_REACHED', [limit])
  const now = store.clock.nowMs()
  const file = {
    fileName: up.file.name || 'document', contentType, size: up.file.bytes.length, content: up.file.bytes,
    friendlyName: up.friendlyName || (requested?.friendlyName ?? null),
    transactionId: up.transactionId ?? requested?.transactionId ?? null, beneficiaryId: up.beneficiaryId ?? requested?.beneficiaryId ?? null,
    status: 'UPLOADED' as const, updatedAt: now,
  }
  if (requested) {
    store.db.update(endUserDocuments).set(file).where(eq(endUserDocuments.id, requested.id)).run()
    return { id: requested.id }
  }
  const id = store.rng.uuid()
  store.db.insert(endUserDocuments).values({ id, partnerId: scope.partnerId, endUserId, type, requested: false, createdAt: now, ...file }).run()
  return { id }
}

/** A REQUESTED document of the caller's partner (an end-user sees only its own); else 400 DOCUMENT_NOT_FOUND. */
function requestedDocument(store: Store, scope: Scope, documentId: string): EndUserDocumentRow {
  const row = visibleDocument(store, scope, documentId)
  if (!row || row.status !== 'REQUESTED') throw new SimError('DOCUMENT_NOT_FOUND', [documentId], { field: 'documentId', rejectedValue: documentId })
  return row
}

function assertFriendlyNameFree(store: Store, partnerId: string, endUserId: string, name: string, except?: string): void {
  const clash = store.db.select({ id: endUserDocuments.id }).from(endUserDocuments).where(and(
    eq(endUserDocuments.partnerId, partnerId), eq(endUserDocuments.endUserId, endUserId), eq(endUserDocuments.friendlyName, name),
    except ? ne(endUserDocuments.id, except) : undefined,
  )).get()
  if (clash) throw new SimError('FRIENDLY_NAME_ALREADY_TAKEN', ['Document'], { status: 400, field: 'friendlyName', rejectedValue: name })
}

/** Files an end-user holds (documents still REQUESTED have none and do not count). */
function uploadedCount(store: Store, partnerId: string, endUserId: string): number {
  return store.db.select({ n: count() }).from(endUserDocuments).where(and(
    eq(endUserDocuments.partnerId, partnerId), eq(endUserDocuments.endUserId, endUserId), ne(endUserDocuments.status, 'REQUESTED'),
  )).get()?.n ?? 0
}

/** The document with this id visible to the caller (its partner's; an end-user's own), or undefined. */
export function visibleDocument(store: Store, scope: Scope, documentId: string): EndUserDocumentRow | undefined {
  const row = store.db.select().from(endUserDocuments).where(and(eq(endUserDocuments.partnerId, scope.partnerId), eq(endUserDocuments.id, documentId))).get()
  if (row && isEndUser(scope) && scope.principal?.id !== row.endUserId) return undefined
  return row
}

/** The filters of GET /documents. */
export interface DocumentListQuery extends PageQuery {
  sortAttribute?: 'TYPE' | 'FRIENDLY_NAME' | 'FILENAME' | 'CREATION_DATE'
  endUserId?: string
  type?: string
  status?: DocumentStatus[]
  requested?: boolean
  transactionId?: string
  beneficiaryId?: string
}

const SORT_COLUMNS = {
  TYPE: endUserDocuments.type, FRIENDLY_NAME: endUserDocuments.friendlyName, FILENAME: endUserDocuments.fileName, CREATION_DATE: endUserDocuments.createdAt,
} as const

/** GET /documents: the partner's documents matching every filter given, newest first by default. */
export function listDocuments(store: Store, scope: Scope, q: DocumentListQuery): { rows: EndUserDocumentRow[]; total: number } {
  const d = endUserDocuments
  const where: (SQL | undefined)[] = [
    eq(d.partnerId, scope.partnerId),
    q.endUserId ? eq(d.endUserId, q.endUserId) : undefined,
    q.type ? eq(d.type, q.type) : undefined,
    q.status?.length ? inArray(d.status, q.status) : undefined,
    q.requested === undefined ? undefined : eq(d.requested, q.requested),
    q.transactionId ? eq(d.transactionId, q.transactionId) : undefined,
    q.beneficiaryId ? eq(d.beneficiaryId, q.beneficiaryId) : undefined,
  ]
  return selectPage(store, d, and(...where), SORT_COLUMNS[q.sortAttribute ?? 'CREATION_DATE'], q)
}

/**
 * GET /documents/{documentId}: the document with its file (404 DOCUMENT_NOT_FOUND for an unknown id,
 * another partner's, or a REQUESTED one that has no file yet).
 */
export function getDocument(store: Store, scope: Scope, documentId: string): EndUserDocumentRow {
  const row = visibleDocument(store, scope, documentId)
  if (!row || !row.content) throw new SimError('DOCUMENT_NOT_FOUND', [documentId], { status: 404 })
  return row
}

/**
 * Control plane: LinkCy asks an end-user of a partner for a document of this type; the document is
 * REQUESTED (listed, no file) until the partner uploads it with its documentId.
 */
export function requestDocument(store: Store, partnerId: string, endUserId: string, type: string, friendlyName?: string): EndUserDocumentRow {
  if (!findEndUser(store, partnerId, endUserId)) throw new SimError('END_USER_NOT_FOUND', [endUserId], { field: 'endUserId', rejectedValue: endUserId })
  const now = store.clock.nowMs()
  const row: EndUserDocumentRow = {
    id: store.rng.uuid(), partnerId, endUserId, type, status: 'REQUESTED', requested: true, friendlyName: friendlyName ?? null,
    fileName: null, contentType: null, size: null, content: null, transactionId: null, beneficiaryId: null, createdAt: now, updatedAt: now,
  }
  store.db.insert(endUserDocuments).values(row).run()
  return row
}
