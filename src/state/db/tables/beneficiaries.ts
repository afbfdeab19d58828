import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/**
 * A beneficiary of an end-user: an account it may send money to (SEPA IBAN + BIC, or a UK sort code
 * and account number). Its status is set by LinkCy (compliance); `active` and `display` by the caller.
 */
export const beneficiaries = sqliteTable('beneficiaries', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  /** PERSON or COMPANY. */
  type: text('type').$type<'PERSON' | 'COMPANY'>().notNull(),
  name: text('name').notNull(),
  /** IBAN (SEPA) or GBP (sort code + account number). */
  accountType: text('account_type').$type<'IBAN' | 'GBP' | 'USD'>().notNull(),
  /** Normalised IBAN (no spaces, upper-case) of a SEPA beneficiary. */
  iban: text('iban'),
  bicOrSwift: text('bic_or_swift'),
  accountNumber: text('account_number'),
  sortCode: text('sort_code'),
  /** DECLINED, PENDING_REVIEW, VALID or PENDING: LinkCy's compliance decision. */
  status: text('status').$type<'DECLINED' | 'PENDING_REVIEW' | 'VALID' | 'PENDING'>().notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  /** Whether the end-user sees (and may use) it; only a partner changes it. */
  display: integer('display', { mode: 'boolean' }).notNull(),
  /** The simulated ledger this IBAN belongs to, of any partner (inter-ledger routing). */
  ledgerId: text('ledger_id'),
  /** Optional extras LinkCy accepts (friendlyName of newer versions). */
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [
  index('beneficiaries_partner_ix').on(t.partnerId, t.creationDate),
  index('beneficiaries_end_user_ix').on(t.endUserId, t.iban),
])

/**
 * A SEPA direct-debit mandate: the end-user (creditor) may collect from the debtor's IBAN once the
 * mandate is ACTIVATED. Collections are transactions rows (type SEPA_DIRECT_DEBIT, mandateId set).
 */
export const mandates = sqliteTable('mandates', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  /** The mandate reference (UMR) LinkCy generates. */
  uniqueReference: text('unique_reference').notNull(),
  /** AWAITING_ACTIVATION, ACTIVATING, ACTIVATED, CANCELING, CANCELED or FAILED. */
  status: text('status').notNull(),
  friendlyName: text('friendly_name'),
  debtorType: text('debtor_type').$type<'PERSON' | 'COMPANY'>().notNull(),
  debtorName: text('debtor_name').notNull(),
  /** Normalised debtor IBAN and its BIC (both absent until the banking details are given). */
  debtorIban: text('debtor_iban'),
  debtorBic: text('debtor_bic'),
  /** The simulated ledger the debtor IBAN belongs to, of any partner (money leaves it on collection). */
  debtorLedgerId: text('debtor_ledger_id'),
  recurring: integer('recurring', { mode: 'boolean' }).notNull(),
  /** Calendar date YYYY-MM-DD. */
  expirationDate: text('expiration_date').notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [index('mandates_partner_ix').on(t.partnerId, t.creationDate), index('mandates_end_user_ix').on(t.endUserId)])
