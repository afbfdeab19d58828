import { z } from 'zod'
import { LINKCY_ROLES, KYC_STATUSES, BANKING_STATUSES, LINKCY_STATUSES, COMPLIANCE_STATUSES, SUSPENSION_STATUSES } from '../state/enums'
import { ScaDeviceSeedSchema, ScaPolicySeedSchema } from './seed-sca'
import { BENEFICIARY_SETTINGS_SEED } from '../state/beneficiaries-settings'
import { LedgerSeedSchema } from './seed-ledgers'
import { LEDGER_TYPES } from '../state/ledger-types'
import { CARD_SETTINGS_SEED } from '../state/cards-settings'
import { ACQUIRING_SETTINGS_SEED } from '../state/acquiring-settings'
import { WebhookSeedSchema } from './seed-webhooks'
import { CorporateSeedSchema } from './seed-corporates'

// The scenario file format (JSON): partners, their users and settings, and end-users in any state.
// Documented in docs/scenarios.md. Later issues extend it (cards, corporates, ...).

/** "ALL" (the default) or a list of LinkCy roles; a bad role is reported at its own index. */
const roles = z.preprocess((v) => (v === undefined || v === 'ALL' ? [...LINKCY_ROLES] : v), z.array(z.enum(LINKCY_ROLES)))

export const PartnerUserSeedSchema = z.strictObject({
  email: z.string().email(),
  /** A usable password; without one the account is created with a one-time password (first login → passwordChangeSecret). */
  password: z.string().min(6).optional(),
  roles,
})

export const ConsumerSeedSchema = z.strictObject({
  /** A name for this consumer inside the scenario; the loader answers its id under it. */
  ref: z.string().optional(),
  firstName: z.string().max(255).optional(),
  lastName: z.string().max(255).optional(),
  phone: z.strictObject({ countryCode: z.string().regex(/^[0-9]{1,4}$/), number: z.string().regex(/^[0-9]{1,14}$/) }).optional(),
  emailAddress: z.string().email().optional(),
  /** Lets the consumer log in with its phone and this password. */
  password: z.string().min(6).optional(),
  phoneVerified: z.boolean().default(false),
  emailVerified: z.boolean().default(false),
  kycStatus: z.enum(KYC_STATUSES).default('NOT_STARTED'),
  bankingStatus: z.enum(BANKING_STATUSES).optional(),
  linkcyStatus: z.enum(LINKCY_STATUSES).optional(),
  complianceStatus: z.enum(COMPLIANCE_STATUSES).optional(),
  suspensionStatus: z.enum(SUSPENSION_STATUSES).default('NOT_SUSPENDED'),
  externalId: z.string().max(511).optional(),
  /** An SCA device already enrolled for this consumer (scenarios/seed-sca.ts). */
  scaDevice: ScaDeviceSeedSchema.optional(),
  /** Ledgers of this consumer, with balances and past transactions (scenarios/seed-ledgers.ts). */
  ledgers: z.array(LedgerSeedSchema).default([]),
})

export const PartnerSettingsSeedSchema = z.strictObject({
  accessTokenTtlSeconds: z.number().int().positive().optional(),
  refreshTokenTtlSeconds: z.number().int().positive().optional(),
  phoneCode: z.string().regex(/^[0-9]{6}$/).optional(),
  termsVersion: z.string().optional(),
  smsServiceActive: z.boolean().optional(),
  delegatedPoa: z.boolean().optional(),
  extendedUbos: z.boolean().optional(),
  documentLimit: z.number().int().min(0).optional(),
  sca: ScaPolicySeedSchema.optional(),
  /** beneficiaryInitialStatus, deniedBics, mandatesForConsumers, mandateProcessingSeconds (state/beneficiaries-settings.ts). */
  ...BENEFICIARY_SETTINGS_SEED,
  ledgerActivationSeconds: z.number().int().min(0).optional(),
  allowedLedgerTypes: z.array(z.enum(LEDGER_TYPES)).optional(),
  sctInstEnabled: z.boolean().optional(),
  sctSettlementSeconds: z.number().int().min(0).nullable().optional(),
  sctInstSettlementSeconds: z.number().int().min(0).optional(),
  /** cardCreationSeconds, cardStatusChangeSeconds, cardDeliveryMethods, panDisplayEnabled, ... (state/cards-settings.ts). */
  ...CARD_SETTINGS_SEED,
  /** acquiring: the partner's acquiring configuration, or false for none (state/acquiring-settings.ts). */
  ...ACQUIRING_SETTINGS_SEED,
  /** Days an uncleared card authorization keeps its hold before it is RELEASED (state/card-payments.ts; default 7). */
  authorizationReleaseDays: z.number().min(0).max(365).optional(),
})

export const PartnerSeedSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a technical name: lowercase letters, digits and dashes'),
  displayName: z.string().optional(),
  logoUrl: z.string().url().optional(),
  contactInformation: z.record(z.string(), z.string()).optional(),
  /** Overrides of the default limits GET /api/partner shows (state/partner-limits.ts); any subset. */
  limits: z
    .strictObject({
      ledger: z
        .strictObject({ transactionLimit: z.number(), transactionDailyLimit: z.number(), transactionMonthlyLimit: z.number(), ddTransactionLimit: z.number(), ddMonthlyLimit: z.number() })
        .partial()
        .optional(),
    })
    .optional(),
  settings: PartnerSettingsSeedSchema.default({}),
  users: z.array(PartnerUserSeedSchema).default([]),
  consumers: z.array(ConsumerSeedSchema).default([]),
  /** Corporates in any KYB state, with their account owner's login and ledgers (scenarios/seed-corporates.ts). */
  corporates: z.array(CorporateSeedSchema).default([]),
  /** Adds this many faker-generated consumers in varied onboarding states (demos). */
  randomConsumers: z.number().int().min(0).max(1000).default(0),
  /** Webhook endpoints subscribed for the partner (scenarios/seed-webhooks.ts). */
  webhooks: z.array(WebhookSeedSchema).default([]),
})

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  partners: z.array(PartnerSeedSchema).default([]),
})

export type Scenario = z.infer<typeof ScenarioSchema>
export type PartnerSeed = z.infer<typeof PartnerSeedSchema>
export type ConsumerSeed = z.infer<typeof ConsumerSeedSchema>
