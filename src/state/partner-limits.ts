import type { PartnerRow } from './partners'

// A partner's limits configuration, shown by GET /api/partner. LinkCy keeps per-partner default
// ledger limits there; a ledger created without limits takes these values.

/** Default limits of every ledger of a partner (amounts in euros). */
export interface PartnerLedgerLimits {
  transactionLimit: number
  transactionDailyLimit: number
  transactionMonthlyLimit: number
  ddTransactionLimit: number
  ddMonthlyLimit: number
}

/** The `limits` object of the partner configuration. */
export interface PartnerLimits {
  ledger: PartnerLedgerLimits
}

/** What a scenario may override: any subset of the fields. */
export interface PartnerLimitsOverride {
  ledger?: Partial<PartnerLedgerLimits>
}

/**
 * The limits a sandbox partner starts with.
 * SIM: LinkCy does not publish its defaults; these are typical e-money retail limits.
 */
export const DEFAULT_PARTNER_LIMITS: PartnerLimits = {
  ledger: {
    transactionLimit: 5_000,
    transactionDailyLimit: 10_000,
    transactionMonthlyLimit: 25_000,
    ddTransactionLimit: 2_000,
    ddMonthlyLimit: 10_000,
  },
}

/** The effective limits of a partner: the scenario's overrides (the partners.limits column) over the defaults. */
export function partnerLimits(partner: Pick<PartnerRow, 'limits'>): PartnerLimits {
  const override = (partner.limits ?? {}) as PartnerLimitsOverride
  return { ledger: { ...DEFAULT_PARTNER_LIMITS.ledger, ...stripUndefined(override.ledger ?? {}) } }
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => typeof v === 'number')) as Partial<T>
}
