import { getPartner, partnerSettings } from './partners'
import type { Store } from './store'

// Which calls need Strong Customer Authentication, per partner. LinkCy decides this on its side and
// documents only "this operation might require SCA"; the simulator makes it a scenario setting.

/** The reference operations that take the Linkcy-SCA-* headers (a route's handler runs one through withSca). */
export const SCA_OPERATIONS = [
  'LOGIN', 'REFRESH', 'CONSUMER_UPDATE', 'BENEFICIARY_CREATE', 'BENEFICIARY_UPDATE', 'TRANSACTION_CREATE',
  'INTER_LEDGER_TRANSACTION_CREATE', 'CARD_CREATE', 'CARD_RULES_UPDATE', 'CARD_RULE_DELETE', 'CARD_PIN_GET',
  'CARD_PIN_RESET', 'CARD_PAN_CREDENTIALS',
] as const
export type ScaOperation = (typeof SCA_OPERATIONS)[number]

/** Who triggers SCA: calls made with a partner token, by the end-user itself (token or login), or both. */
export type ScaRequiredFor = 'PARTNER' | 'END_USER' | 'BOTH'

export interface ScaPolicy {
  requiredFor: ScaRequiredFor
  /** Whether Linkcy-SCA-Strategy: BY_PASS is honoured (else 409 SCA_REQUIRED), as in LinkCy's sandbox. */
  allowBypass: boolean
  /** Lifetime of an interaction (the 202's ttl), on the simulator clock. */
  challengeTtlSeconds: number
  /** Demo mode: pending interactions approve themselves after this many seconds (null: never). */
  autoApproveAfterSeconds: number | null
  /**
   * Operations that proceed without SCA while the end-user has no active device. An end-user must log
   * in and complete its profile before it can enrol a device, so onboarding operations are exempt.
   */
  exemptWithoutDevice: ScaOperation[]
  /** Rendering of the 202's ttl: 1.78's java.time.Duration object, or an ISO-8601 string (PT5M). */
  ttlFormat: 'DURATION_OBJECT' | 'ISO'
  /** Lifetime of a DATA_SIGNING signature (LinkCy: 30 s). */
  signatureTtlSeconds: number
}

export const DEFAULT_SCA_POLICY: ScaPolicy = {
  requiredFor: 'BOTH',
  allowBypass: true,
  challengeTtlSeconds: 300,
  autoApproveAfterSeconds: null,
  exemptWithoutDevice: ['LOGIN', 'REFRESH', 'CONSUMER_UPDATE'],
  ttlFormat: 'DURATION_OBJECT',
  signatureTtlSeconds: 30,
}

/** The effective SCA policy of a partner: the scenario's settings over the defaults. */
export function scaPolicy(store: Store, partnerId: string): ScaPolicy {
  const declared = partnerSettings(getPartner(store, partnerId)).sca ?? {}
  const defined = Object.fromEntries(Object.entries(declared).filter(([, v]) => v !== undefined))
  return { ...DEFAULT_SCA_POLICY, ...defined }
}

/** Whether a call by this kind of caller is subject to SCA under the policy. */
export function scaAppliesTo(policy: ScaPolicy, caller: 'PARTNER' | 'END_USER'): boolean {
  return policy.requiredFor === 'BOTH' || policy.requiredFor === caller
}
