import type { KycStatus } from './enums'

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

export interface ConsumerStatuses {
  linkcyStatus: 'PENDING' | 'VALIDATED'
  bankingStatus: 'NOT_CREATED' | 'VALIDATED'
  complianceStatus: 'PENDING' | 'PENDING_REVIEW' | 'VALIDATED' | 'DECLINED'
}

/**
 * The consumer's other status axes as its KYC moves. SIM: in the sandbox the banking account is
 * opened as soon as the KYC is validated (no separate banking review).
 */
export function consumerStatusesForKyc(kyc: KycStatus): ConsumerStatuses {
  switch (kyc) {
    case 'VALIDATED':
      return { linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED', complianceStatus: 'VALIDATED' }
    case 'DECLINED':
      return { linkcyStatus: 'PENDING', bankingStatus: 'NOT_CREATED', complianceStatus: 'DECLINED' }
    case 'PENDING_REVIEW':
      return { linkcyStatus: 'PENDING', bankingStatus: 'NOT_CREATED', complianceStatus: 'PENDING_REVIEW' }
    default:
      return { linkcyStatus: 'PENDING', bankingStatus: 'NOT_CREATED', complianceStatus: 'PENDING' }
  }
}

/** LinkCy's overall status: an end-user is ACTIVE when validated by LinkCy and not suspended. */
export function overallStatus(linkcyStatus: string, suspensionStatus: string): 'ACTIVE' | 'INACTIVE' {
  return linkcyStatus === 'VALIDATED' && suspensionStatus === 'NOT_SUSPENDED' ? 'ACTIVE' : 'INACTIVE'
}
