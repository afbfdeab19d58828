import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/** The spend-limit rule types of the reference (CardRuleDto.type / ProfileRuleResponseDto.type). */
export const CARD_RULE_TYPES = ['DAILY_MAX_SPEND', 'MONTHLY_MAX_SPEND', 'WEEKLY_MAX_SPEND'] as const
export type CardRuleType = (typeof CARD_RULE_TYPES)[number]

/** Who set a rule (CardRuleResponseDto.creator). LINKCY rules come from suspensions (limit 0). */
export const CARD_RULE_CREATORS = ['END_USER', 'PARTNER', 'LINKCY'] as const
export type CardRuleCreator = (typeof CARD_RULE_CREATORS)[number]

/**
 * A card profile: a partner's named use of one card design (scheme, card type, user type and ledger
 * type come from the design), with an active flag and default rules copied onto later cards.
 */
export const cardProfiles = sqliteTable('card_profiles', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  name: text('name').notNull(),
  /** A design of the static catalogue (state/card-designs.ts). */
  designId: text('design_id').notNull(),
  /** The design's card program, scheme, card type, holder type, ledger type and currency (copied: designs never change). */
  programId: text('program_id').notNull(),
  scheme: text('scheme').$type<'MASTERCARD' | 'VISA'>().notNull(),
  cardType: text('card_type').$type<'PHYSICAL' | 'VIRTUAL'>().notNull(),
  userType: text('user_type').$type<'CONSUMER' | 'CORPORATE'>().notNull(),
  ledgerType: text('ledger_type').notNull(),
  currency: text('currency').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [index('card_profiles_partner_ix').on(t.partnerId, t.name)])

/**
 * A spend-limit rule, of a card (scope CARD) or a profile's default (scope PROFILE). `value` is the
 * wire integer, in whole units of the card's currency (a limit of 0 is LinkCy's suspension rule).
 * One row per (owner, type, creator), and for LINKCY per suspension source (its name): a partner's and
 * an end-user's rule of a type coexist and the lower one applies (state/card-rules.ts keeps this).
 */
export const cardRules = sqliteTable('card_rules', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  scope: text('scope').$type<'CARD' | 'PROFILE'>().notNull(),
  /** The card id (scope CARD) or the profile id (scope PROFILE). */
  ownerId: text('owner_id').notNull(),
  type: text('type').$type<CardRuleType>().notNull(),
  creator: text('creator').$type<CardRuleCreator>().notNull(),
  name: text('name'),
  value: integer('value').notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [index('card_rules_owner_ix').on(t.scope, t.ownerId, t.type)])
