import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { StoredAddress } from '../../addresses'
import type { Operator } from '../../ledger-types'
import { partners } from './partners'

/** Card statuses of CardStatusDto.value (LinkCy's enum, in lifecycle order). */
export const CARD_STATUSES = [
  'CREATING', 'AWAITING_ACTIVATION', 'ACTIVATING', 'REACTIVATING', 'ACTIVE', 'SUSPENDING', 'SUSPENDED',
  'CLOSING', 'CLOSED', 'EXPIRED', 'FAILED',
] as const
export type CardStatus = (typeof CARD_STATUSES)[number]

/** Why a card was suspended or closed (CardStatusDto.reason). */
export const CARD_STATUS_REASONS = ['STOLEN', 'LOST', 'DAMAGED', 'OTHER', 'LEDGER_CLOSED'] as const
export type CardStatusReason = (typeof CARD_STATUS_REASONS)[number]

/** Who last changed the card's status (CardStatusDto.operator). */
export type CardOperator = Operator

/** The PIN's state (CardInfoResponseDto.pinStatus). */
export const PIN_STATUSES = ['LOCKED', 'UNLOCKING', 'UNLOCKED', 'WAITING_ONLINE_TRANSACTION'] as const
export type PinStatus = (typeof PIN_STATUSES)[number]

/**
 * A card issued on a ledger. PAN, CVV and PIN are stored in clear because the simulator must show
 * them back through the secret endpoints (SIM: a real issuer keeps them in an HSM); they never leave
 * through any other response nor the logs.
 */
export const cards = sqliteTable('cards', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  ledgerId: text('ledger_id').notNull(),
  profileId: text('profile_id').notNull(),
  type: text('type').$type<'PHYSICAL' | 'VIRTUAL'>().notNull(),
  scheme: text('scheme').$type<'MASTERCARD' | 'VISA'>().notNull(),
  currency: text('currency').notNull(),
  status: text('status').$type<CardStatus>().notNull(),
  statusReason: text('status_reason').$type<CardStatusReason>(),
  statusOtherReason: text('status_other_reason'),
  statusOperator: text('status_operator').$type<CardOperator>(),
  nameOnCard: text('name_on_card'),
  friendlyName: text('friendly_name'),
  deliveryMethod: text('delivery_method'),
  deliveryAddress: text('delivery_address', { mode: 'json' }).$type<StoredAddress | null>(),
  deliveryShipmentDate: text('delivery_shipment_date'),
  deliveryTrackingNumber: text('delivery_tracking_number'),
  pan: text('pan').notNull(),
  panLast4: text('pan_last4').notNull(),
  cvv: text('cvv').notNull(),
  expiryMonth: integer('expiry_month').notNull(),
  expiryYear: integer('expiry_year').notNull(),
  pin: text('pin').notNull(),
  pinStatus: text('pin_status').$type<PinStatus>().notNull(),
  /** Consecutive wrong PINs entered in payments (the PIN locks at three). */
  pinTries: integer('pin_tries').notNull().default(0),
  activationDate: integer('activation_date'),
  /** The instant the card expires (end of its expiry month). */
  expiresAt: integer('expires_at').notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [
  index('cards_partner_ix').on(t.partnerId, t.creationDate),
  index('cards_ledger_ix').on(t.ledgerId),
  index('cards_end_user_ix').on(t.endUserId),
  uniqueIndex('cards_pan_uq').on(t.pan),
])

/**
 * Temporary PAN display credentials (GET /cards/{cardId}/pan/credentials): whoever presents the token
 * and its secret before `expiresAt` may see the card's PAN, CVV and expiry on the display page.
 */
export const cardPanCredentials = sqliteTable('card_pan_credentials', {
  token: text('token').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  cardId: text('card_id').notNull(),
  secret: text('secret').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('card_pan_credentials_card_ix').on(t.cardId)])
