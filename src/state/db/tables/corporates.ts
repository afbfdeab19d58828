import { sql } from 'drizzle-orm'
import { sqliteTable, text, integer, real, uniqueIndex, index, check } from 'drizzle-orm/sqlite-core'
import type { StoredAddress } from '../../addresses'
import { partners } from './partners'
import type { EndUserDeclarations } from './consumers'

/** Descriptive corporate data that is returned but never filtered on. */
export interface CorporateProfile extends EndUserDeclarations {
  incorporationDate?: string
  /** The legal type's enum value (the request wraps it in a per-country object; the response shows the value). */
  legalType?: string
  website?: string
  industry?: string
  vatNumber?: string
  registeredAddress?: StoredAddress
  businessAddress?: StoredAddress
  employeesRange?: string
}

/**
 * A corporate: a company end-user of a partner. It logs in through its account owner (a related
 * physical person whose phone is the login). Status columns are the list filters.
 */
export const corporates = sqliteTable('corporates', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  externalId: text('external_id'),
  registeredName: text('registered_name').notNull(),
  tradeName: text('trade_name'),
  incorporationCountry: text('incorporation_country').notNull(),
  incorporationCode: text('incorporation_code').notNull(),
  /** The account owner's phone, country code + number, digits only: the login and the uniqueness key. */
  phoneDigits: text('phone_digits').notNull(),
  lastTermsAccepted: text('last_terms_accepted'),
  profile: text('profile', { mode: 'json' }).$type<CorporateProfile>().notNull(),
  /** UBOs from 10% instead of 25% of shares (LinkCy's complianceInfo.isExtendedUbos). */
  isExtendedUbos: integer('is_extended_ubos', { mode: 'boolean' }).notNull().default(false),
  kybStatus: text('kyb_status').notNull(),
  kybStatusReason: text('kyb_status_reason'),
  kybLastVerificationRequestAt: integer('kyb_last_verification_request_at'),
  bankingStatus: text('banking_status').notNull(),
  linkcyStatus: text('linkcy_status').notNull(),
  complianceStatus: text('compliance_status').notNull(),
  suspensionStatus: text('suspension_status').notNull(),
  /** Optional reason per status axis (banking, suspension, linkcy, compliance). */
  statusReasons: text('status_reasons', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [
  uniqueIndex('corporates_incorporation_uq').on(t.partnerId, t.incorporationCountry, t.incorporationCode),
  uniqueIndex('corporates_phone_uq').on(t.partnerId, t.phoneDigits),
  index('corporates_partner_ix').on(t.partnerId, t.creationDate),
])

/** Descriptive data of a related person or entity that is returned but never filtered on. */
export interface CorporateRelatedProfile {
  /** Physical person. */
  address?: StoredAddress
  nationalityCode?: string
  gender?: 'MALE' | 'FEMALE'
  birthCity?: string
  birthIsoCountryCode?: string
  birthDate?: string
  /** Legal entity. */
  website?: string
  industry?: string
  registeredAddress?: StoredAddress
  notes?: string
}

/**
 * A person or company related to a corporate (LinkCy's "corporate related"): directors, UBOs,
 * shareholders, legal representatives, the account owner. `kind` says which of LinkCy's two shapes
 * it has; the columns of the other kind stay null.
 */
export const corporateRelated = sqliteTable('corporate_related', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  corporateId: text('corporate_id').notNull().references(() => corporates.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<'PHYSICAL_PERSON' | 'CORPORATE'>().notNull(),
  externalId: text('external_id'),
  isDirector: integer('is_director', { mode: 'boolean' }).notNull(),
  directorAppointmentDate: text('director_appointment_date'),
  isAccountOwner: integer('is_account_owner', { mode: 'boolean' }).notNull().default(false),
  isSpecialUbo: integer('is_special_ubo', { mode: 'boolean' }).notNull().default(false),
  isPep: integer('is_pep', { mode: 'boolean' }).notNull().default(false),
  // Physical person.
  firstName: text('first_name'),
  middleName: text('middle_name'),
  lastName: text('last_name'),
  phoneCountryCode: text('phone_country_code'),
  phoneNumber: text('phone_number'),
  phoneDigits: text('phone_digits'),
  phoneVerifiedAt: integer('phone_verified_at'),
  emailAddress: text('email_address'),
  emailVerifiedAt: integer('email_verified_at'),
  kycApplicationId: text('kyc_application_id'),
  kycStatus: text('kyc_status'),
  kycStatusReason: text('kyc_status_reason'),
  kycType: text('kyc_type'),
  kycUpdatedAt: integer('kyc_updated_at'),
  // Legal entity.
  registeredName: text('registered_name'),
  tradeName: text('trade_name'),
  incorporationCountry: text('incorporation_country'),
  incorporationCode: text('incorporation_code'),
  profile: text('profile', { mode: 'json' }).$type<CorporateRelatedProfile>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [
  index('corporate_related_corporate_ix').on(t.corporateId, t.creationDate),
  index('corporate_related_partner_ix').on(t.partnerId),
])

/**
 * A share: the related person or entity `holderId` owns `percentage` of the corporate itself
 * (`ownedRelatedId` null: a direct share) or of one of the corporate's related legal entities.
 * A share's layer and final percentage follow from the chain of owned entities.
 */
export const corporateShares = sqliteTable('corporate_shares', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  corporateId: text('corporate_id').notNull().references(() => corporates.id, { onDelete: 'cascade' }),
  holderId: text('holder_id').notNull().references(() => corporateRelated.id, { onDelete: 'cascade' }),
  ownedRelatedId: text('owned_related_id').references(() => corporateRelated.id, { onDelete: 'cascade' }),
  percentage: real('percentage').notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [
  index('corporate_shares_corporate_ix').on(t.corporateId),
  index('corporate_shares_holder_ix').on(t.holderId),
  check('corporate_shares_percentage_ck', sql`${t.percentage} > 0 AND ${t.percentage} <= 100`),
])
