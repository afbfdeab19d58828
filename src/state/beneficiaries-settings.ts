import { z } from 'zod'
import { getPartner } from './partners'
import type { Store } from './store'

// Partner settings of beneficiaries, mandates and direct-debit collections. LinkCy decides these on
// its side (compliance review, its BIC deny-list, which products a partner has); the simulator makes
// them scenario settings (`partners[].settings`), with the defaults documented in docs/fidelity.md.

export const BENEFICIARY_STATUSES = ['DECLINED', 'PENDING_REVIEW', 'VALID', 'PENDING'] as const
export type BeneficiaryStatus = (typeof BENEFICIARY_STATUSES)[number]

export interface BeneficiarySettings {
  /** Status a new beneficiary gets from LinkCy's screening (sandbox: VALID at once). */
  beneficiaryInitialStatus: BeneficiaryStatus
  /** BICs LinkCy refuses (NOT_ALLOWED_BIC_SWIFT): 8-character entries match every branch. */
  deniedBics: string[]
  /** Whether consumers may hold direct-debit mandates (LinkCy: not yet, MANDATE_NOT_AVAILABLE_FOR_CONSUMERS). */
  mandatesForConsumers: boolean
  /** How long a mandate stays ACTIVATING / CANCELING before LinkCy's answer, in simulator seconds. */
  mandateProcessingSeconds: number
}

/** SIM: DENYFRPP is a made-up BIC, so the refusal can be reproduced without a scenario. */
export const DEFAULT_BENEFICIARY_SETTINGS: BeneficiarySettings = {
  beneficiaryInitialStatus: 'VALID',
  deniedBics: ['DENYFRPP'],
  mandatesForConsumers: false,
  mandateProcessingSeconds: 2,
}

/** The scenario file members of these settings (spread into the partner settings schema). */
export const BENEFICIARY_SETTINGS_SEED = {
  beneficiaryInitialStatus: z.enum(BENEFICIARY_STATUSES).optional(),
  deniedBics: z.array(z.string().regex(/^[A-Za-z0-9]{8}([A-Za-z0-9]{3})?$/)).optional(),
  mandatesForConsumers: z.boolean().optional(),
  mandateProcessingSeconds: z.number().int().min(0).optional(),
}

/** The effective settings of a partner: the scenario's over the defaults. */
export function beneficiarySettings(store: Store, partnerId: string): BeneficiarySettings {
  const declared = (getPartner(store, partnerId).settings ?? {}) as Partial<Record<keyof BeneficiarySettings, unknown>>
  const out: BeneficiarySettings = { ...DEFAULT_BENEFICIARY_SETTINGS }
  if (BENEFICIARY_STATUSES.includes(declared.beneficiaryInitialStatus as BeneficiaryStatus)) {
    out.beneficiaryInitialStatus = declared.beneficiaryInitialStatus as BeneficiaryStatus
  }
  if (Array.isArray(declared.deniedBics)) out.deniedBics = declared.deniedBics.map((b) => String(b).toUpperCase())
  if (typeof declared.mandatesForConsumers === 'boolean') out.mandatesForConsumers = declared.mandatesForConsumers
  if (typeof declared.mandateProcessingSeconds === 'number') out.mandateProcessingSeconds = declared.mandateProcessingSeconds
  return out
}
