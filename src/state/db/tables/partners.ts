import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core'
import type { StoredAddress } from '../../addresses'

/** A LinkCy partner (a company building on LinkCy). `name` is its technical partnerName. */
export const partners = sqliteTable('partners', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  displayName: text('display_name'),
  logoUrl: text('logo_url'),
  address: text('address', { mode: 'json' }).$type<StoredAddress>(),
  consumerOtpMessage: text('consumer_otp_message'),
  corporateOtpMessage: text('corporate_otp_message'),
  emailProperties: text('email_properties', { mode: 'json' }).$type<Record<string, unknown>>(),
  contactInformation: text('contact_information', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  limits: text('limits', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** Simulator policies declared by the scenario (SCA, timings, ...). */
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [uniqueIndex('partners_name_uq').on(t.name)])

/** A person who works for a partner and calls the API with a partner token. */
export const partnerAccounts = sqliteTable('partner_accounts', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  email: text('email').notNull(),
  roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [uniqueIndex('partner_accounts_email_uq').on(t.partnerId, t.email), index('partner_accounts_partner_ix').on(t.partnerId)])
