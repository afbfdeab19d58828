import type { KybStatus } from './corporate-enums'
import { corporateById, getCorporate, setCorporateKybStatus, type CorporateRow } from './corporates'
import { SimError } from './errors'
import { isUbo, kycRequiredOf, ownershipGraph } from './kyb-graph'
import { relatedName } from './corporate-related'
import type { Scope } from './scope'
import type { Store } from './store'
import { KYB_FROZEN, KYB_LIFECYCLE } from './transitions'

// The KYB of a corporate (tag KYB): the partner declares the corporate's related persons, entities
// and shares (the KYB is then COMPLETING), asks a verification (PENDING_VERIFICATION), and LinkCy's
// compliance decides. In the sandbox the decision is the partner's own PATCH /corporates/{id}/kyb.
// The status itself is written only by setCorporateKybStatus (state/corporates.ts).

/**
 * Refuses a change of the corporate's declared persons and entities once its KYB is final: LinkCy's
 * KYB_STATUS_MUST_NOT_BE_DECLINED (409). SIM: VALIDATED is as frozen as DECLINED (the message names
 * the status), as a corporate's own data is (guides: only the account owner and externalId move).
 */
export function assertKybOpen(corporate: CorporateRow): void {
  if (KYB_FROZEN.includes(corporate.kybStatus)) throw new SimError('KYB_STATUS_MUST_NOT_BE_DECLINED', [corporate.kybStatus, corporate.id])
}

/** A change of the declared persons, entities or shares: a KYB NOT_STARTED is now COMPLETING. */
export function noteKybDataChanged(store: Store, corporate: CorporateRow, at: number): void {
  if (corporate.kybStatus === 'NOT_STARTED') setCorporateKybStatus(store, corporate.id, 'COMPLETING', at)
}

/**
 * POST /corporates/{id}/kyb/verification/ask (Kyb_requestVerification): hands the KYB to LinkCy's
 * compliance: PENDING_VERIFICATION, with kyb.lastVerificationRequestDate now. The reference documents
 * no refusal but CORPORATE_NOT_FOUND. SIM: a final KYB (VALIDATED, DECLINED) has nothing to review:
 * the call is accepted and changes nothing.
 */
export function askKybVerification(store: Store, scope: Scope, corporateId: string): CorporateRow {
  const corporate = getCorporate(store, scope, corporateId)
  if (KYB_FROZEN.includes(corporate.kybStatus)) return corporate
  const now = store.clock.nowMs()
  return setCorporateKybStatus(store, corporate.id, 'PENDING_VERIFICATION', now, { lastVerificationRequestAt: now })
}

/**
 * PATCH /corporates/{id}/kyb (Sandbox_bypassKycStatus): the sandbox's stand-in for LinkCy's
 * compliance: puts the KYB in any status. VALIDATED first passes LinkCy's checks (validatableKyb).
 */
export function bypassKybStatus(store: Store, scope: Scope, corporateId: string, status: KybStatus): CorporateRow {
  const corporate = getCorporate(store, scope, corporateId)
  if (status === 'VALIDATED') assertKybValidatable(store, corporate)
  return setCorporateKybStatus(store, corporate.id, status, store.clock.nowMs())
}

/**
 * What LinkCy checks before a KYB becomes VALIDATED, in the reference's order: a physical director
 * whose KYC is validated, at least one UBO, a validated KYC for every physical director and UBO
 * (their names and ids listed), a legal type, an incorporation date.
 */
export function assertKybValidatable(store: Store, corporate: CorporateRow): void {
  const graph = ownershipGraph(store, corporate.id)
  const directors = graph.related.filter((r) => r.kind === 'PHYSICAL_PERSON' && r.isDirector)
  if (!directors.some((r) => r.kycStatus === 'VALIDATED')) throw new SimError('CORPORATE_MUST_HAVE_A_VALIDATED_DIRECTOR', [corporate.id])
  if (!graph.related.some((r) => isUbo(graph, corporate, r))) throw new SimError('CORPORATE_MUST_HAVE_A_UBO', [corporate.id])
  const missing = kycRequiredOf(graph, corporate).filter((r) => r.kycStatus !== 'VALIDATED')
  if (missing.length > 0) throw new SimError('MISSING_CORPORATE_RELATED_KYC', [corporate.id, missing.map((r) => `${relatedName(r)} (${r.id})`).join(', ')])
  if (!corporate.profile.legalType) throw new SimError('CORPORATE_MUST_HAVE_A_LEGAL_TYPE', [corporate.id])
  if (!corporate.profile.incorporationDate) throw new SimError('CORPORATE_MUST_HAVE_AN_INCORPORATION_DATE', [corporate.id])
}

/**
 * Control plane (/_sim/corporates/{id}/kyb): LinkCy's compliance officer decides, following the KYB
 * lifecycle (SIM: KYB_STATUS_TRANSITION_NOT_ALLOWED otherwise), with a reason the partner reads in
 * status.kyb.reason (what NEED_ADDITIONAL_INFORMATION asks for). VALIDATED passes LinkCy's checks.
 */
export function decideKyb(store: Store, corporateId: string, status: KybStatus, reason?: string): CorporateRow {
  const corporate = corporateById(store, corporateId)
  if (!corporate) throw new SimError('CORPORATE_NOT_FOUND', [corporateId])
  if (!KYB_LIFECYCLE[corporate.kybStatus]?.includes(status)) throw new SimError('KYB_STATUS_TRANSITION_NOT_ALLOWED', [corporateId, corporate.kybStatus, status])
  if (status === 'VALIDATED') assertKybValidatable(store, corporate)
  return setCorporateKybStatus(store, corporate.id, status, store.clock.nowMs(), { reason: reason ?? null })
}
