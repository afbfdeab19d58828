import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/** What LinkCy would have sent by SMS or e-mail. Nothing leaves the simulator; the control plane reads these. */
export const outbox = sqliteTable('outbox', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  channel: text('channel').$type<'SMS' | 'EMAIL'>().notNull(),
  recipient: text('recipient').notNull(),
  personId: text('person_id'),
  /** PHONE_VERIFICATION, PASSWORD_RESET, EMAIL_VERIFICATION, PARTNER_SMS, ... */
  purpose: text('purpose').notNull(),
  text: text('text').notNull(),
  /** The machine-readable part: code, secret or link. */
  payload: text('payload', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('outbox_partner_ix').on(t.partnerId, t.createdAt)])

/** Pages the simulator hosts for end-users (KYC link, e-mail verification, proof of address). */
export const webPages = sqliteTable('web_pages', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  kind: text('kind').$type<'KYC' | 'EMAIL_VERIFICATION' | 'ADDRESS_VERIFICATION' | 'PAYMENT'>().notNull(),
  resourceId: text('resource_id').notNull(),
  /** OPEN until the person finishes it, then DONE. */
  status: text('status').notNull(),
  expiresAt: integer('expires_at').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('web_pages_resource_ix').on(t.resourceId)])
