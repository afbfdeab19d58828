import { sql } from 'drizzle-orm'
import { sqliteTable, text, integer, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/** A suspension of a ledger or an end-user by one operator (each operator lifts only its own). */
export interface Suspension {
  operator: 'END_USER' | 'PARTNER' | 'LINKCY'
  reason?: string
  date: number
}

/** Ledger limits in cents (null column = the partner's defaults apply). */
export interface LedgerLimitsCents {
  ddTransactionLimit: number
  ddMonthlyLimit: number
  transactionLimit: number
  transactionDailyLimit: number
  transactionMonthlyLimit: number
}

/**
 * A ledger: an account of an end-user, with an IBAN once upgraded. Balances are integer cents;
 * total = available + reserved, and neither is ever negative (CHECK constraints).
 */
export const ledgers = sqliteTable('ledgers', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  endUserKind: text('end_user_kind').$type<'CONSUMER' | 'CORPORATE'>().notNull(),
  parentId: text('parent_id'),
  /** EUR_FRANCE, EUR_BELGIUM, EUR_LITHUANIA, ... (the create request's `type`). */
  type: text('type').notNull(),
  country: text('country').notNull(),
  currency: text('currency').notNull(),
  friendlyName: text('friendly_name'),
  iban: text('iban'),
  bicOrSwift: text('bic_or_swift'),
  accountNumber: text('account_number'),
  sortCode: text('sort_code'),
  routingNumber: text('routing_number'),
  status: text('status').notNull(),
  isUpgraded: integer('is_upgraded', { mode: 'boolean' }).notNull(),
  autoUpgrade: integer('auto_upgrade', { mode: 'boolean' }).notNull(),
  /** Limits the ledger sets itself, in cents; a missing one (or a null column) takes the partner's default. */
  limits: text('limits', { mode: 'json' }).$type<Partial<LedgerLimitsCents> | null>(),
  availableCents: integer('available_cents').notNull().default(0),
  reservedCents: integer('reserved_cents').notNull().default(0),
  suspensions: text('suspensions', { mode: 'json' }).$type<Suspension[]>().notNull(),
  closeInformation: text('close_information', { mode: 'json' }).$type<Suspension | null>(),
  /** When the ledger became ACTIVE (null while PENDING or if it FAILED); a suspension keeps it. */
  activationDate: integer('activation_date'),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [
  index('ledgers_partner_ix').on(t.partnerId, t.creationDate),
  index('ledgers_end_user_ix').on(t.endUserId),
  uniqueIndex('ledgers_iban_uq').on(t.iban),
  check('ledgers_available_not_negative', sql`${t.availableCents} >= 0`),
  check('ledgers_reserved_not_negative', sql`${t.reservedCents} >= 0`),
])

/**
 * The suspensions of an end-user, one per operator (POST /end-users/{id}/suspensions): each operator
 * lifts only its own, and the end-user's suspensionStatus is SUSPENDED while any remains.
 */
export const endUserSuspensions = sqliteTable('end_user_suspensions', {
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  operator: text('operator').$type<Suspension['operator']>().notNull(),
  reason: text('reason'),
  date: integer('date').notNull(),
}, (t) => [uniqueIndex('end_user_suspensions_uq').on(t.endUserId, t.operator)])
