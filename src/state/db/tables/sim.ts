import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Simulator bookkeeping that must survive a restart: seed, RNG position, JWT key, clock. */
export const meta = sqliteTable('sim_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})
