import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/** Enrolment state of one SCA factor on a device (LinkCy's ScaDeviceInfo pinStatus / biometryStatus). */
export type ScaFactorStatus = 'UNSET' | 'PENDING' | 'SET'
/** Lifecycle of a device: enrolled → confirmed by the phone → usable, until blocked or reset. */
export type ScaDeviceStatus = 'PENDING_ACTIVATION' | 'ACTIVE' | 'BLOCKED' | 'REMOVED'
/** Stored state of an interaction; EXPIRED and auto-approval are also derived when read. */
export type ScaInteractionStatus = 'PENDING' | 'APPROVED' | 'DECLINED' | 'EXPIRED' | 'CONSUMED'

/** A trusted device of an end-user (LinkCy's "SCA device", a PowerAuth activation). */
export const scaDevices = sqliteTable('sca_devices', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  endUserKind: text('end_user_kind').$type<'CONSUMER' | 'CORPORATE'>().notNull(),
  /** The SDK's endpointID given at onboarding. */
  endpointId: text('endpoint_id').notNull(),
  status: text('status').$type<ScaDeviceStatus>().notNull(),
  pinStatus: text('pin_status').$type<ScaFactorStatus>().notNull(),
  biometryStatus: text('biometry_status').$type<ScaFactorStatus>().notNull(),
  /** HMAC key of the device's data signatures (the simulated PowerAuth possession key). */
  secret: text('secret').notNull(),
  /** How the device was enrolled: KNOWN_MOBILE (POST /sca), QR_CODE, or SCENARIO. */
  origin: text('origin').notNull(),
  /** Join code of the current enrolment (JOIN_CODE strategy or QR code), and its expiry. */
  joinCode: text('join_code'),
  joinCodeExpiresAt: integer('join_code_expires_at'),
  creationDate: integer('creation_date').notNull(),
  updateDate: integer('update_date').notNull(),
  activationDate: integer('activation_date'),
}, (t) => [
  index('sca_devices_end_user_ix').on(t.partnerId, t.endUserId, t.creationDate),
  index('sca_devices_join_code_ix').on(t.joinCode),
])

/**
 * An SCA interaction (challenge): one operation waiting for the end-user's approval on a device,
 * bound to the request that triggered it. DATA_SIGNING checks are recorded here too (with the
 * signature nonce), so a signature can never be used twice.
 */
export const scaInteractions = sqliteTable('sca_interactions', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  endUserId: text('end_user_id').notNull(),
  deviceId: text('device_id').notNull().references(() => scaDevices.id),
  operation: text('operation').notNull(),
  strategy: text('strategy').notNull(),
  factor: text('factor'),
  method: text('method').notNull(),
  path: text('path').notNull(),
  /** SHA-256 of the canonical query and JSON body of the request. */
  bodyHash: text('body_hash').notNull(),
  joinCode: text('join_code'),
  /** DATA_SIGNING only: the PowerAuth nonce of the accepted signature. */
  nonce: text('nonce'),
  status: text('status').$type<ScaInteractionStatus>().notNull(),
  /** When the partner's auto-approve mode approves it (null: only the phone decides). */
  autoApproveAt: integer('auto_approve_at'),
  expiresAt: integer('expires_at').notNull(),
  createdAt: integer('created_at').notNull(),
  joinedAt: integer('joined_at'),
  decidedAt: integer('decided_at'),
  consumedAt: integer('consumed_at'),
}, (t) => [
  index('sca_interactions_end_user_ix').on(t.partnerId, t.endUserId, t.createdAt),
  uniqueIndex('sca_interactions_join_code_uq').on(t.joinCode),
  uniqueIndex('sca_interactions_nonce_uq').on(t.deviceId, t.nonce),
])
