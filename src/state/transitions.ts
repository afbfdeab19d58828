import type { KybStatus } from './corporate-enums'
import type { KycStatus } from './enums'
import { SimError } from './errors'
import type { LedgerStatus } from './ledger-types'

// Lifecycles are data, not scattered ifs. Decisions the reference does not state are listed in
// docs/fidelity.md.

/** KYC application statuses and where each may go (sandbox kyc/simulate may jump anywhere). */
export const KYC_LIFECYCLE: Record<KycStatus, readonly KycStatus[]> = {
  NOT_STARTED: ['CREATED'],
  CREATED: ['PROCESSING', 'ABORTED'],
  PROCESSING: ['VALIDATED', 'DECLINED', 'PENDING_REVIEW'],
  PENDING_REVIEW: ['VALIDATED', 'DECLINED'],
  ABORTED: ['CREATED'],
  DECLINED: ['CREATED'],
  VALIDATED: [],
}

/** KYC statuses after which a new KYC application may be created. */
export const KYC_RESTARTABLE: readonly KycStatus[] = ['NOT_STARTED', 'ABORTED', 'DECLINED']

/** KYC statuses in which an application is still waiting for the person or for LinkCy's review. */
export const KYC_UNFINISHED: readonly KycStatus[] = ['CREATED', 'PROCESSING', 'PENDING_REVIEW']

/**
 * Throws unless a KYC application may move from `from` to `to` (the hosted page and the control
 * plane follow the lifecycle; only sandbox kyc/simulate jumps). SIM: the error code is our own.
 */
export function assertKycTransition(kycId: string, from: KycStatus, to: KycStatus): void {
  if (!KYC_LIFECYCLE[from].includes(to)) throw new SimError('KYC_STATUS_TRANSITION_NOT_ALLOWED', [kycId, from, to])
}

/** The status axes that follow an end-user's identity check (a consumer's KYC, a corporate's KYB). */
export interface IdentityStatuses {
  linkcyStatus: 'PENDING' | 'VALIDATED'
  bankingStatus: 'NOT_CREATED' | 'VALIDATED'
  complianceStatus: 'PENDING' | 'PENDING_REVIEW' | 'VALIDATED' | 'DECLINED'
}

/**
 * The end-user's other status axes as its KYC (consumer) or KYB (corporate) moves; a KYB awaiting
 * LinkCy's verification is under review like a KYC in PENDING_REVIEW. SIM: in the sandbox the banking
 * account is opened as soon as the check is validated (no separate banking review).
 */
export function statusesForIdentity(status: KycStatus | KybStatus): IdentityStatuses {
  switch (status) {
    case 'VALIDATED':
      return { linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED', complianceStatus: 'VALIDATED' }
    case 'DECLINED':
      return { linkcyStatus: 'PENDING', bankingStatus: 'NOT_CREATED', complianceStatus: 'DECLINED' }
    case 'PENDING_REVIEW':
    case 'PENDING_VERIFICATION':
      return { linkcyStatus: 'PENDING', bankingStatus: 'NOT_CREATED', complianceStatus: 'PENDING_REVIEW' }
    default:
      return { linkcyStatus: 'PENDING', bankingStatus: 'NOT_CREATED', complianceStatus: 'PENDING' }
  }
}

/** LinkCy's overall status: an end-user is ACTIVE when validated by LinkCy and not suspended. */
export function overallStatus(linkcyStatus: string, suspensionStatus: string): 'ACTIVE' | 'INACTIVE' {
  return linkcyStatus === 'VALIDATED' && suspensionStatus === 'NOT_SUSPENDED' ? 'ACTIVE' : 'INACTIVE'
}

/**
 * Ledger statuses and where each may go: activation (or failure) after creation, suspension and its
 * lifting (back to PENDING when lifted before activation; the activation may fail underneath),
 * closure through CLOSING. CLOSED is final; a FAILED ledger can only be closed (state/ledger-lifecycle.ts).
 */
export const LEDGER_LIFECYCLE: Record<LedgerStatus, readonly LedgerStatus[]> = {
  PENDING: ['ACTIVE', 'FAILED', 'SUSPENDED', 'CLOSING'],
  ACTIVE: ['SUSPENDED', 'CLOSING'],
  SUSPENDED: ['ACTIVE', 'PENDING', 'CLOSING', 'FAILED'],
  CLOSING: ['CLOSED'],
  CLOSED: [],
  FAILED: ['CLOSING'],
}

/** Whether a ledger may go from `from` to `to` (staying put is always allowed). */
export function ledgerMayMove(from: string, to: string): boolean {
  return from === to || (LEDGER_LIFECYCLE[from as LedgerStatus]?.includes(to as LedgerStatus) ?? false)
}

/** Direct-debit mandate statuses (the reference's enum). */
export const MANDATE_STATUSES = ['AWAITING_ACTIVATION', 'ACTIVATING', 'ACTIVATED', 'CANCELING', 'CANCELED', 'FAILED'] as const
export type MandateStatus = (typeof MANDATE_STATUSES)[number]

/**
 * Where a mandate may go. LinkCy answers activate and cancel asynchronously (ACTIVATING, CANCELING);
 * a FAILED activation may be retried once the debtor's details are corrected; cancellation is final.
 */
export const MANDATE_LIFECYCLE: Record<MandateStatus, readonly MandateStatus[]> = {
  AWAITING_ACTIVATION: ['ACTIVATING', 'CANCELING'],
  ACTIVATING: ['ACTIVATED', 'FAILED'],
  ACTIVATED: ['CANCELING'],
  FAILED: ['ACTIVATING', 'CANCELING'],
  CANCELING: ['CANCELED'],
  CANCELED: [],
}

/**
 * Card statuses (db/tables/cards.ts) and where each may go: creation, first activation (physical),
 * suspension and reactivation through activate, closure (final) and expiry on the clock. LinkCy
 * answers activate, suspend and close asynchronously (ACTIVATING, REACTIVATING, SUSPENDING, CLOSING).
 */
export const CARD_LIFECYCLE: Record<string, readonly string[]> = {
  CREATING: ['AWAITING_ACTIVATION', 'ACTIVE', 'FAILED', 'CLOSING', 'CLOSED'],
  AWAITING_ACTIVATION: ['ACTIVATING', 'ACTIVE', 'CLOSING', 'CLOSED', 'EXPIRED'],
  ACTIVATING: ['ACTIVE', 'CLOSING', 'CLOSED', 'EXPIRED'],
  ACTIVE: ['SUSPENDING', 'SUSPENDED', 'CLOSING', 'CLOSED', 'EXPIRED'],
  SUSPENDING: ['SUSPENDED', 'CLOSING', 'CLOSED', 'EXPIRED'],
  SUSPENDED: ['REACTIVATING', 'ACTIVE', 'CLOSING', 'CLOSED', 'EXPIRED'],
  REACTIVATING: ['ACTIVE', 'CLOSING', 'CLOSED', 'EXPIRED'],
  CLOSING: ['CLOSED'],
  CLOSED: [],
  EXPIRED: ['CLOSING', 'CLOSED'],
  FAILED: ['CLOSING', 'CLOSED'],
}

/** Whether a card may go from `from` to `to`. */
export function cardMayMove(from: string, to: string): boolean {
  return CARD_LIFECYCLE[from]?.includes(to) ?? false
}

/**
 * KYB statuses of a corporate and where each may go: declaring the related persons (COMPLETING),
 * asking a verification (PENDING_VERIFICATION), LinkCy's compliance decision, and back to a new
 * verification after NEED_ADDITIONAL_INFORMATION. VALIDATED and DECLINED are final (the sandbox's
 * PATCH /corporates/{id}/kyb bypass jumps anywhere).
 */
export const KYB_LIFECYCLE: Record<string, readonly string[]> = {
  NOT_STARTED: ['COMPLETING', 'PENDING_VERIFICATION'],
  COMPLETING: ['PENDING_VERIFICATION'],
  PENDING_VERIFICATION: ['VALIDATED', 'NEED_ADDITIONAL_INFORMATION', 'DECLINED'],
  NEED_ADDITIONAL_INFORMATION: ['PENDING_VERIFICATION', 'VALIDATED', 'DECLINED'],
  VALIDATED: [],
  DECLINED: [],
}

/** KYB statuses in which the corporate's declared persons, entities and positions are frozen. */
export const KYB_FROZEN: readonly string[] = ['VALIDATED', 'DECLINED']
