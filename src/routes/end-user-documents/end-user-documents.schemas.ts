import { z } from '@hono/zod-openapi'
import type { EndUserDocumentRow } from '../../state/end-user-documents'
import { compact, dateTime, iso, pageOf, pagingQuery, queryBoolean, queryList, single, uuid } from '../openapi'

// Request and response schemas of tag Documents (end-users' uploaded documents).

/** The document types an upload may declare. */
export const UPLOAD_TYPES = [
  'ARTICLE_OF_ASSOCIATION', 'BANK_ACCOUNT_STATEMENT', 'COMPANY_INCORPORATION', 'DRIVING_LICENCE', 'HEALTH_INSURANCE', 'IDENTITY_CARD',
  'INVOICE', 'KYC_RECAP', 'PASSPORT', 'POWER_OF_ATTORNEY', 'PROOF_OF_ADDRESS', 'RESIDENCE_PERMIT', 'RESUME', 'RISK_ASSESSMENT',
  'SOURCE_OF_FUNDS', 'TAX_STATEMENT', 'VISA', 'UBO_REGISTRY', 'COMPANY_REGISTRY_EXTRACT', 'PAYSLIP', 'OTHER',
] as const

/** Every document type a document may have (lists and LinkCy's own documents add DILIGENCE_REVIEW). */
export const DOCUMENT_TYPES = [...UPLOAD_TYPES, 'DILIGENCE_REVIEW'] as const
export const DOCUMENT_STATUSES = ['UPLOADED', 'REQUESTED', 'DECLINED', 'VALIDATED'] as const

/** A form field: an empty value counts as absent (as Spring binds an empty multipart field). */
const field = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** The multipart form of POST /documents (documentId, transactionId, beneficiaryId: newer docs). */
export const DocumentUploadSchema = z.object({
  endUserId: field(uuid()),
  type: field(z.enum(UPLOAD_TYPES)).openapi({ type: 'string', enum: [...UPLOAD_TYPES] }),
  friendlyName: field(z.string().max(255)),
  documentId: field(uuid()),
  transactionId: field(uuid()),
  beneficiaryId: field(uuid()),
  file: z.instanceof(File, { message: 'must be a file' }).openapi({ type: 'string', format: 'binary' }),
}).openapi('DocumentCreateRequest')

export const DocumentCreateResponseSchema = z.object({ id: z.string().uuid() }).openapi('DocumentCreateResponse')

export const DocumentListQuerySchema = z.object({
  ...pagingQuery(['TYPE', 'FRIENDLY_NAME', 'FILENAME', 'CREATION_DATE'] as const),
  endUserId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  type: single(z.enum(DOCUMENT_TYPES).optional(), { type: 'string', enum: [...DOCUMENT_TYPES] }),
  status: queryList(z.enum(DOCUMENT_STATUSES)),
  requested: queryBoolean(),
  transactionId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
  beneficiaryId: single(uuid().optional(), { type: 'string', format: 'uuid' }),
})

export const DocumentIdParamSchema = z.object({ documentId: uuid() })

const DocumentElementSchema = z.object({
  id: z.string().uuid(),
  type: z.enum(DOCUMENT_TYPES),
  status: z.enum(DOCUMENT_STATUSES),
  fileName: z.string(),
  endUser: z.object({ id: z.string().uuid() }),
  friendlyName: z.string().optional(),
  creationDate: dateTime,
}).openapi('PartnerDocumentListElement')

export const DocumentPageSchema = pageOf(DocumentElementSchema).openapi('PartnerDocumentList')

export const DocumentInfoSchema = DocumentElementSchema.extend({
  download: z.object({ ttl: z.string(), url: z.string() }),
  contentType: z.string(),
}).openapi('PartnerDocumentInfo')

/**
 * A document in a list. SIM: a REQUESTED document has no file yet; its fileName is '' (the field is
 * mandatory in the reference). `status` is the newer docs' member.
 */
export function presentDocument(row: EndUserDocumentRow) {
  return compact({
    id: row.id, type: row.type as (typeof DOCUMENT_TYPES)[number], status: row.status, fileName: row.fileName ?? '',
    endUser: { id: row.endUserId }, friendlyName: row.friendlyName ?? undefined, creationDate: iso(row.createdAt),
  })
}

/** A document with its download link. */
export function presentDocumentInfo(row: EndUserDocumentRow, download: { url: string; ttl: string }) {
  return { ...presentDocument(row), download, contentType: row.contentType ?? 'application/octet-stream' }
}
