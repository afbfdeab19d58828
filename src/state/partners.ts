import { eq } from 'drizzle-orm'
import { storedAddress, type AddressInput, type StoredAddress } from './addresses'
import { partners, partnerAccounts } from './db/schema'
import { SimError } from './errors'
import { partnerLimits, type PartnerLimits } from './partner-limits'
import type { Scope } from './scope'
import type { Store } from './store'
import type { ScaPolicy } from './sca-policy'

export type PartnerRow = typeof partners.$inferSelect
export type PartnerAccountRow = typeof partnerAccounts.$inferSelect

/** A partner by its technical name (partnerName in login and anonymous bodies), or undefined. */
export function findPartnerByName(store: Store, name: string): PartnerRow | undefined {
  return store.db.select().from(partners).where(eq(partners.name, name)).get()
}

/** The partner of the caller; throws PARTNER_NOT_FOUND if it vanished (e.g. after a reset). */
export function getPartner(store: Store, partnerId: string): PartnerRow {
  const row = store.db.select().from(partners).where(eq(partners.id, partnerId)).get()
  if (!row) throw new SimError('PARTNER_NOT_FOUND', [partnerId])
  return row
}

/** Simulator settings of a partner, with defaults for anything the scenario left out. */
export interface PartnerSettings {
  /** Lifetime of access tokens (JWT `exp - iat`). */
  accessTokenTtlSeconds: number
  /** Lifetime of refresh tokens. */
  refreshTokenTtlSeconds: number
  /** Code accepted by phone verification (LinkCy's sandbox always sends 123456). */
  phoneCode: string
  /** Version of the terms and conditions currently published for this partner. */
  termsVersion: string
  /** Whether the partner subscribed to POST /sms (else 409 SERVICE_NOT_ACTIVE). */
  smsServiceActive: boolean
  /** Whether LinkCy delegates proof-of-address checks to the partner (address verification type DELEGATED). */
  delegatedPoa: boolean
  /** Whether the partner's corporates declare UBOs from 10% of shares instead of 25% (complianceInfo.isExtendedUbos). */
  extendedUbos: boolean
  /** Strong Customer Authentication policy (any subset; defaults in state/sca-policy.ts). */
  sca?: Partial<ScaPolicy>
  /** Simulated seconds a new ledger stays PENDING before it becomes ACTIVE (0: active at creation). */
  ledgerActivationSeconds: number
  /** Ledger types the partner may open (else LEDGER_TYPE_NOT_ALLOWED); default in state/ledger-types.ts. */
  allowedLedgerTypes?: string[]
  /** Whether an outgoing transfer asking for a fast payment goes out as SCT Inst (LinkCy's sandbox: EUR always SCT). */
  sctInstEnabled: boolean
  /** Simulated seconds until an outgoing SCT settles; null: the next TARGET business day, same time of day. */
  sctSettlementSeconds: number | null
  /** Simulated seconds until an outgoing SCT Inst settles (LinkCy: within 10 seconds). */
  sctInstSettlementSeconds: number
  /** Acquiring configuration (state/acquiring-settings.ts); absent or false: the partner has no acquiring. */
  acquiring?: Record<string, unknown> | false
}

export const DEFAULT_PARTNER_SETTINGS: PartnerSettings = {
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  phoneCode: '123456',
  termsVersion: '1.0',
  smsServiceActive: true,
  delegatedPoa: false,
  extendedUbos: false,
  ledgerActivationSeconds: 2,
  sctInstEnabled: false,
  sctSettlementSeconds: null,
  sctInstSettlementSeconds: 5,
}

export function partnerSettings(partner: PartnerRow): PartnerSettings {
  return { ...DEFAULT_PARTNER_SETTINGS, ...(partner.settings as Partial<PartnerSettings>) }
}

/** The address a partner prints on its end-users' statements, as stored (with its verification status). */
export type PartnerAddress = StoredAddress

/** The partner configuration GET /api/partner shows: the row with its effective limits. */
export interface PartnerConfiguration extends PartnerRow {
  effectiveLimits: PartnerLimits
}

/** GET /api/partner: the caller's own partner configuration (there is no way to read another's). */
export function getConfiguration(store: Store, scope: Scope): PartnerConfiguration {
  const partner = getPartner(store, scope.partnerId)
  return { ...partner, effectiveLimits: partnerLimits(partner) }
}

/** The fields PATCH /api/partner may change; absent (or null) ones are left as they are. */
export interface PartnerUpdate {
  address?: AddressInput
  consumerOtpMessage?: string
  corporateOtpMessage?: string
  displayName?: string
  logoUrl?: string
  contactInformation?: Record<string, string | undefined>
}

/** The placeholder LinkCy replaces with the secret in the partner's OTP SMS texts. */
export const OTP_PLACEHOLDER = '$otp'

/**
 * PATCH /api/partner: updates the caller's configuration. OTP messages must carry `$otp`
 * (INVALID_OTP_MESSAGE); the technical name is not updatable; updateDate moves to now.
 */
export function updateConfiguration(store: Store, scope: Scope, update: PartnerUpdate): PartnerRow {
  const partner = getPartner(store, scope.partnerId)
  for (const field of ['consumerOtpMessage', 'corporateOtpMessage'] as const) {
    const message = update[field]
    if (message !== undefined && !message.includes(OTP_PLACEHOLDER)) {
      throw new SimError('INVALID_OTP_MESSAGE', [], { field, rejectedValue: message })
    }
  }
  const set: Partial<PartnerRow> = { updateDate: store.clock.nowMs() }
  if (update.displayName !== undefined) set.displayName = update.displayName
  if (update.logoUrl !== undefined) set.logoUrl = update.logoUrl
  if (update.consumerOtpMessage !== undefined) set.consumerOtpMessage = update.consumerOtpMessage
  if (update.corporateOtpMessage !== undefined) set.corporateOtpMessage = update.corporateOtpMessage
  // SIM: no address-validation service; a well-formed European address is VALID (bypassed or not).
  if (update.address) set.address = storedAddress(update.address, 'VALID') satisfies PartnerAddress
  if (update.contactInformation) {
    // SIM: contact fields are merged one by one (a PATCH names only what changes).
    const given = Object.fromEntries(Object.entries(update.contactInformation).filter(([, v]) => typeof v === 'string')) as Record<string, string>
    set.contactInformation = { ...partner.contactInformation, ...given }
  }
  store.db.update(partners).set(set).where(eq(partners.id, partner.id)).run()
  return getPartner(store, partner.id)
}
