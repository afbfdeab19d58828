import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'

/**
 * Things that happen later on the simulator clock (a ledger activating, a SEPA transfer settling,
 * an authorization being released). Run in due order before each request and when the clock moves.
 */
export const scheduledJobs = sqliteTable('scheduled_jobs', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull(),
  kind: text('kind').notNull(),
  dueAt: integer('due_at').notNull(),
  payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('scheduled_jobs_due_ix').on(t.dueAt)])
