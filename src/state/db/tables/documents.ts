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

/** The time-limited download links handed out by GET /documents/{documentId}: the id is the credential. */
export const endUserDocumentLinks = sqliteTable('end_user_document_links', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  documentId: text('document_id').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
})
