import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/** An SMS code sent to verify an end-user's phone (10 minutes, 5 attempts). */
export const phoneVerifications = sqliteTable('phone_verifications', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  personId: text('person_id').notNull(),
  phoneDigits: text('phone_digits').notNull(),
  code: text('code').notNull(),
  attemptsLeft: integer('attempts_left').notNull(),
  /** PENDING until verified, or USED / EXHAUSTED. */
  status: text('status').notNull(),
  expiresAt: integer('expires_at').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('phone_verifications_person_ix').on(t.personId, t.createdAt)])

/** An e-mail verification link (48 hours by default). */
export const emailVerifications = sqliteTable('email_verifications', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  personId: text('person_id').notNull(),
  emailAddress: text('email_address').notNull(),
  urlOnSuccess: text('url_on_success'),
  urlOnFailure: text('url_on_failure'),
  status: text('status').notNull(),
  expiresAt: integer('expires_at').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('email_verifications_person_ix').on(t.personId)])
