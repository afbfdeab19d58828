import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/** A beneficiary of an end-user: an IBAN it may send money to. Its status is set by LinkCy. */
export const beneficiaries = sqliteTable('beneficiaries', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  name: text('name').notNull(),
  iban: text('iban').notNull(),
  bicOrSwift: text('bic_or_swift'),
  status: text('status').notNull(),
  /** The simulated ledger this IBAN belongs to, if any (inter-ledger routing). */
  ledgerId: text('ledger_id'),
  /** Everything else LinkCy returns (display name, address, type, ...). */
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [index('beneficiaries_partner_ix').on(t.partnerId, t.creationDate), index('beneficiaries_end_user_ix').on(t.endUserId)])

/** A SEPA direct-debit mandate: the end-user (creditor) may collect from a debtor IBAN. */
export const mandates = sqliteTable('mandates', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  status: text('status').notNull(),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [index('mandates_partner_ix').on(t.partnerId, t.creationDate)])
