import { sqliteTable, text, integer, real, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * Fault-injection rules of the /_sim control plane (not LinkCy data): a matching /api request is
 * answered with an error (and/or a delay) instead of, or after, running its operation. `seq` is the
 * creation order (rules are tried in it); `matched` counts requests the rule's filters matched,
 * `hits` those it answered. `times` null means until removed.
 */
export const simFaults = sqliteTable('sim_faults', {
  id: text('id').primaryKey(),
  seq: integer('seq').notNull(),
  partnerName: text('partner_name'),
  method: text('method'),
  path: text('path').notNull(),
  /** BEFORE (the operation does not run) or AFTER (it runs and commits, its response is replaced). */
  when: text('when').notNull(),
  status: integer('status'),
  errorCode: text('error_code'),
  errorParams: text('error_params', { mode: 'json' }).$type<string[]>(),
  delayMs: integer('delay_ms'),
  retryAfterSeconds: integer('retry_after_seconds'),
  times: integer('times'),
  probability: real('probability'),
  matched: integer('matched').notNull(),
  hits: integer('hits').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [uniqueIndex('sim_faults_seq_uq').on(t.seq)])
