import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/** One side of a transaction as LinkCy shows it (sender or receiver). */
export interface TransactionParty {
  name?: string
  endUserId?: string
  ledgerId?: string
  ledgerFriendlyName?: string
  iban?: string
  bicOrSwift?: string
  beneficiaryId?: string
  [field: string]: unknown
}

/**
 * A transaction. One row per movement, seen from both sides: an inter-ledger transfer is one row
 * with a sender and a receiver ledger, listed for both. Amounts are integer cents.
 */
export const transactions = sqliteTable('transactions', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  /** TransactionType: INTER_LEDGER, SEPA_CREDIT_TRANSFER, SEPA_DIRECT_DEBIT, CARD_AUTHORIZATION, ... */
  type: text('type').notNull(),
  /** The payment type of the kind (SCT_SEND, SCT_INST_RECEIVE, MONEY_TRANSFER, ...). */
  paymentType: text('payment_type').notNull(),
  status: text('status').notNull(),
  amountCents: integer('amount_cents').notNull(),
  currency: text('currency').notNull(),
  /** The simulated ledgers involved (null for an external party). */
  senderLedgerId: text('sender_ledger_id'),
  receiverLedgerId: text('receiver_ledger_id'),
  senderEndUserId: text('sender_end_user_id'),
  receiverEndUserId: text('receiver_end_user_id'),
  sender: text('sender', { mode: 'json' }).$type<TransactionParty>().notNull(),
  receiver: text('receiver', { mode: 'json' }).$type<TransactionParty>().notNull(),
  /** LinkCy's `information` object (reference, note, declineReason, clearingDate, ...). */
  information: text('information', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** Kind-specific data: merchant and card details for card transactions, mandate for direct debits. */
  details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  cardId: text('card_id'),
  beneficiaryId: text('beneficiary_id'),
  mandateId: text('mandate_id'),
  /** The transaction this one follows (a clearing's authorization, a refund's payment). */
  relatedTransactionId: text('related_transaction_id'),
  /** Cents still held in the sender ledger's reserved balance by this transaction. */
  heldCents: integer('held_cents').notNull().default(0),
  declined: integer('declined', { mode: 'boolean' }).notNull().default(false),
  released: integer('released', { mode: 'boolean' }).notNull().default(false),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [
  index('transactions_partner_ix').on(t.partnerId, t.creationDate),
  index('transactions_sender_ledger_ix').on(t.senderLedgerId, t.creationDate),
  index('transactions_receiver_ledger_ix').on(t.receiverLedgerId, t.creationDate),
  index('transactions_card_ix').on(t.cardId, t.creationDate),
])
