import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/**
 * Documents of end-users (POST /api/partner/documents), the file's bytes included. A document LinkCy
 * asks for starts REQUESTED without a file; the partner's upload (with its documentId) fills it.
 */
export const endUserDocuments = sqliteTable('end_user_documents', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  type: text('type').notNull(),
  /** UPLOADED, REQUESTED, VALIDATED or DECLINED. */
  status: text('status').$type<'UPLOADED' | 'REQUESTED' | 'VALIDATED' | 'DECLINED'>().notNull(),
  /** Whether LinkCy asked for it (it keeps this flag once uploaded). */
  requested: integer('requested', { mode: 'boolean' }).notNull(),
  friendlyName: text('friendly_name'),
  fileName: text('file_name'),
  contentType: text('content_type'),
  size: integer('size'),
  content: blob('content', { mode: 'buffer' }),
  transactionId: text('transaction_id'),
  beneficiaryId: text('beneficiary_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [index('end_user_documents_end_user_ix').on(t.partnerId, t.endUserId)])

/**
 * What a file link downloads: a ledger's bank details or statement, an end-user's document. A new
 * kind needs its renderer in state/documents/file-renderers.ts (the compiler asks for it).
 */
export type FileLinkKind = 'BANK_DETAILS' | 'STATEMENT' | 'END_USER_DOCUMENT' | 'DILIGENCE_REVIEW'

/**
 * A time-limited download link LinkCy hands out (a `url` valid for a `ttl`): the id is the credential,
 * like a pre-signed URL. The file is rendered when the link is fetched, as of the link's creation.
 */
export const fileLinks = sqliteTable('file_links', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  kind: text('kind').$type<FileLinkKind>().notNull(),
  /** The ledger or end-user document the file is about. */
  subjectId: text('subject_id').notNull(),
  /** Statement period (inclusive ISO dates); null for other kinds. */
  startDate: text('start_date'),
  endDate: text('end_date'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('file_links_subject_ix').on(t.subjectId)])
