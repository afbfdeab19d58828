import { and, eq } from 'drizzle-orm'
import { partners, partnerAccounts } from './db/schema'
import { SimError } from './errors'
import type { Store } from './store'

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

export function findPartnerAccount(store: Store, partnerId: string, accountId: string): PartnerAccountRow | undefined {
  return store.db
    .select()
    .from(partnerAccounts)
    .where(and(eq(partnerAccounts.partnerId, partnerId), eq(partnerAccounts.id, accountId)))
    .get()
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
}

export const DEFAULT_PARTNER_SETTINGS: PartnerSettings = {
  accessTokenTtlSeconds: 3600,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  phoneCode: '123456',
  termsVersion: '1.0',
}

export function partnerSettings(partner: PartnerRow): PartnerSettings {
  return { ...DEFAULT_PARTNER_SETTINGS, ...(partner.settings as Partial<PartnerSettings>) }
}
