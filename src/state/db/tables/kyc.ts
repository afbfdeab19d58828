import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import type { StoredAddress } from '../../addresses'
import { partners } from './partners'

/** Identity data collected by a KYC (what the end-user's ID document said). */
export interface KycIdentity {
  firstName?: string
  middleName?: string
  lastName?: string
  gender?: 'MALE' | 'FEMALE'
  birthDate?: string
  birthCity?: string
  birthIsoCountryCode?: string
  nationalityCode?: string
  emailAddress?: string
  address?: StoredAddress
}

/** A KYC application of a consumer or a corporate-related physical person. */
export const kycApplications = sqliteTable('kyc_applications', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  personId: text('person_id').notNull(),
  personType: text('person_type').notNull(),
  status: text('status').notNull(),
  statusReason: text('status_reason'),
  type: text('type').notNull(),
  /** LINK, SDK, or SIMULATED for sandbox kyc/simulate. */
  accessType: text('access_type').notNull(),
  urlOnComplete: text('url_on_complete'),
  urlOnFailure: text('url_on_failure'),
  expiresAt: integer('expires_at'),
  identity: text('identity', { mode: 'json' }).$type<KycIdentity>().notNull(),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
}, (t) => [index('kyc_partner_ix').on(t.partnerId, t.creationDate), index('kyc_person_ix').on(t.personId)])
