import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core'
import type { StoredAddress } from '../../addresses'
import { partners } from './partners'

/** What any end-user (consumer or corporate) declares about its use of the account, and the metadata LinkCy keeps for it. */
export interface EndUserDeclarations {
  notes?: string
  taxIdentificationNumber?: string
  taxCountry?: string
  accountPurposes?: string[]
  expectedMonthlyExpenses?: { value: string; currency: string }
  metadata?: Record<string, unknown>
  userMetadata?: Record<string, unknown>
  partnerMetadata?: Record<string, unknown>
}

/** Descriptive consumer data that is returned but never filtered on. */
export interface ConsumerProfile extends EndUserDeclarations {
  externalId?: string
  address?: StoredAddress
  gender?: 'MALE' | 'FEMALE'
  birthCity?: string
  birthIsoCountryCode?: string
  birthDate?: string
  nationalityCode?: string
  sourceOfFunds?: string
  otherSourceOfFunds?: string
  occupation?: string
  otherOccupation?: string
}

/** A consumer: an individual end-user of a partner. Status columns are the list filters. */
export const consumers = sqliteTable('consumers', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  firstName: text('first_name'),
  middleName: text('middle_name'),
  lastName: text('last_name'),
  phoneCountryCode: text('phone_country_code').notNull(),
  phoneNumber: text('phone_number').notNull(),
  /** Country code + national number, digits only: the login and the uniqueness key. */
  phoneDigits: text('phone_digits').notNull(),
  phoneVerifiedAt: integer('phone_verified_at'),
  emailAddress: text('email_address'),
  emailVerifiedAt: integer('email_verified_at'),
  lastTermsAccepted: text('last_terms_accepted'),
  profile: text('profile', { mode: 'json' }).$type<ConsumerProfile>().notNull(),
  kycApplicationId: text('kyc_application_id'),
  kycStatus: text('kyc_status').notNull(),
  kycStatusReason: text('kyc_status_reason'),
  kycType: text('kyc_type').notNull(),
  kycUpdatedAt: integer('kyc_updated_at'),
  bankingStatus: text('banking_status').notNull(),
  linkcyStatus: text('linkcy_status').notNull(),
  complianceStatus: text('compliance_status').notNull(),
  suspensionStatus: text('suspension_status').notNull(),
  /** Optional reason per status axis (banking, kyc, suspension, linkcy, compliance). */
  statusReasons: text('status_reasons', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [
  uniqueIndex('consumers_phone_uq').on(t.partnerId, t.phoneDigits),
  index('consumers_partner_ix').on(t.partnerId, t.creationDate),
])
