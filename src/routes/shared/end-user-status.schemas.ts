import { z } from '@hono/zod-openapi'
import { BANKING_STATUSES, COMPLIANCE_STATUSES, LINKCY_STATUSES, OVERALL_STATUSES, SUSPENSION_STATUSES } from '../../state/enums'
import { overallStatus } from '../../state/transitions'
import { compact, dateTime, iso } from '../openapi'

// What consumers and corporates show alike: the status axes besides KYC / KYB (banking, suspension,
// LinkCy, compliance, overall) and the current SCA device (strongAuthentication).

/** One status axis: its value and LinkCy's optional reason. */
export const axis = <T extends readonly [string, ...string[]]>(values: T) => z.object({ value: z.enum(values), reason: z.string().optional() })

/** `{value, reason?}` with an absent reason omitted. */
export const withReason = <V extends string>(value: V, reason: string | undefined) => compact({ value, reason })

/** The status members every end-user has (the consumer adds kyc, the corporate kyb). */
export const commonStatusShape = {
  banking: axis(BANKING_STATUSES),
  suspension: axis(SUSPENSION_STATUSES),
  linkcy: axis(LINKCY_STATUSES),
  compliance: axis(COMPLIANCE_STATUSES),
  overall: z.object({ value: z.enum(OVERALL_STATUSES) }),
}

type CommonStatus = { [K in keyof typeof commonStatusShape]: z.infer<(typeof commonStatusShape)[K]> }

/** The columns an end-user row keeps its status axes in. */
export interface StatusColumns {
  bankingStatus: string
  suspensionStatus: string
  linkcyStatus: string
  complianceStatus: string
  statusReasons: Record<string, string>
}

/** The common status axes of an end-user row, each with its recorded reason. */
export function presentCommonStatus(row: StatusColumns): CommonStatus {
  const reasons = row.statusReasons
  return {
    banking: withReason(row.bankingStatus as CommonStatus['banking']['value'], reasons.banking),
    suspension: withReason(row.suspensionStatus as CommonStatus['suspension']['value'], reasons.suspension),
    linkcy: withReason(row.linkcyStatus as CommonStatus['linkcy']['value'], reasons.linkcy),
    compliance: withReason(row.complianceStatus as CommonStatus['compliance']['value'], reasons.compliance),
    overall: { value: overallStatus(row.linkcyStatus, row.suspensionStatus) },
  }
}

const SCA_FACTOR_STATUSES = ['UNSET', 'PENDING', 'SET'] as const

/** LinkCy's ScaDeviceInfo: the end-user's current SCA device. */
export const StrongAuthenticationSchema = z.object({
  id: z.string().uuid(),
  endpointId: z.string(),
  creationDate: dateTime,
  pinStatus: z.enum(SCA_FACTOR_STATUSES),
  biometryStatus: z.enum(SCA_FACTOR_STATUSES),
})

/** The current SCA device as GET /consumers/{id} and GET /corporates/{id} show it. */
export function presentStrongAuthentication(device: { id: string; endpointId: string; creationDate: number; pinStatus: string; biometryStatus: string }): z.infer<typeof StrongAuthenticationSchema> {
  return {
    id: device.id,
    endpointId: device.endpointId,
    creationDate: iso(device.creationDate),
    pinStatus: device.pinStatus as (typeof SCA_FACTOR_STATUSES)[number],
    biometryStatus: device.biometryStatus as (typeof SCA_FACTOR_STATUSES)[number],
  }
}
