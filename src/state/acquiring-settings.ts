import { z } from 'zod'
import { SimError } from './errors'
import { centsOf, toCents } from './money'
import { getPartner } from './partners'
import type { Store } from './store'

// A partner's acquiring configuration. LinkCy sets it up on its side when a partner subscribes to
// acquiring (merchant ids, fees, load range); the simulator makes it the scenario setting
// `partners[].settings.acquiring` (absent or false: no acquiring, GET /acquiring-configuration 404s).

/** The configuration as GET /api/partner/acquiring-configuration shows it (decimal amounts). */
export interface AcquiringConfiguration {
  saleMerchantId: string
  loadMerchantId: string
  /** The partner's ledger credited by card payments (optional: without it a payment moves no ledger). */
  saleLedgerId?: string
  loadLedgerId?: string
  /** Percentage of an account load kept as fee (1.5 = 1.5 %). */
  loadRateFee: number
  /** Fixed fee of an account load, in the ledger's currency. */
  loadFlatFee: number
  minLoad: number
  maxLoad: number
}

/** SIM: sandbox defaults for the members a scenario leaves out (see docs/fidelity.md). */
export const DEFAULT_ACQUIRING_CONFIGURATION: AcquiringConfiguration = {
  saleMerchantId: 'SIM-SALE-MERCHANT',
  loadMerchantId: 'SIM-LOAD-MERCHANT',
  loadRateFee: 1.5,
  loadFlatFee: 0.25,
  minLoad: 10,
  maxLoad: 1000,
}

const money = z.number().min(0).refine((n) => centsOf(n) !== null, 'at most 2 decimals')

/** The scenario file member (spread into the partner settings schema). */
export const ACQUIRING_SETTINGS_SEED = {
  acquiring: z
    .union([
      z.literal(false),
      z.strictObject({
        saleMerchantId: z.string().min(1).optional(),
        loadMerchantId: z.string().min(1).optional(),
        saleLedgerId: z.string().uuid().optional(),
        loadLedgerId: z.string().uuid().optional(),
        loadRateFee: money.max(100).optional(),
        loadFlatFee: money.optional(),
        minLoad: money.optional(),
        maxLoad: money.optional(),
      }),
    ])
    .optional(),
}

/** The partner's acquiring configuration, or undefined when it has none. */
export function acquiringConfiguration(store: Store, partnerId: string): AcquiringConfiguration | undefined {
  const declared = (getPartner(store, partnerId).settings ?? {}) as { acquiring?: unknown }
  if (!declared.acquiring || typeof declared.acquiring !== 'object') return undefined
  return { ...DEFAULT_ACQUIRING_CONFIGURATION, ...(declared.acquiring as Partial<AcquiringConfiguration>) }
}

/**
 * GET /api/partner/acquiring-configuration (Partner_acquiringConfigurationGet): the caller's
 * configuration, or 404 PARTNER_NOT_FOUND when the partner has no acquiring set up.
 */
export function getAcquiringConfiguration(store: Store, partnerId: string): AcquiringConfiguration {
  const config = acquiringConfiguration(store, partnerId)
  // SIM: LinkCy documents only PARTNER_NOT_FOUND for this operation; a partner without acquiring gets it.
  if (!config) throw new SimError('PARTNER_NOT_FOUND', [partnerId])
  return config
}

/** The account-load fee of a gross amount, in cents: rate (rounded half up to the cent) + flat fee. */
export function accountLoadFeeCents(config: AcquiringConfiguration, amountCents: number): number {
  const basisPoints = toCents(config.loadRateFee, 'loadRateFee') // 1.5 % -> 150 basis points
  return Math.floor((amountCents * basisPoints + 5000) / 10000) + toCents(config.loadFlatFee, 'loadFlatFee')
}
