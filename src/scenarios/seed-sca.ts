import { z } from 'zod'
import { SCA_OPERATIONS } from '../state/sca-policy'
import { insertScaDevice } from '../state/sca-devices'
import { findEndUser } from '../state/end-users'
import type { Store } from '../state/store'
import { ScenarioError } from './scenario-error'

// Scenario support for Strong Customer Authentication: the partner's SCA policy (settings.sca) and
// end-users that already have an enrolled device (consumers[].scaDevice).

/** settings.sca of a partner: any subset of the policy; the rest keeps its default (docs/fidelity.md). */
export const ScaPolicySeedSchema = z.strictObject({
  requiredFor: z.enum(['PARTNER', 'END_USER', 'BOTH']).optional(),
  allowBypass: z.boolean().optional(),
  challengeTtlSeconds: z.number().int().positive().optional(),
  autoApproveAfterSeconds: z.number().int().min(0).nullable().optional(),
  exemptWithoutDevice: z.array(z.enum(SCA_OPERATIONS)).optional(),
  ttlFormat: z.enum(['DURATION_OBJECT', 'ISO']).optional(),
  signatureTtlSeconds: z.number().int().positive().optional(),
})

/** consumers[].scaDevice: a device enrolled with these factors (ACTIVE unless told otherwise). */
export const ScaDeviceSeedSchema = z.strictObject({
  factors: z.array(z.enum(['BIOMETRY', 'PIN'])).min(1).default(['BIOMETRY', 'PIN']),
  status: z.enum(['ACTIVE', 'PENDING_ACTIVATION', 'BLOCKED']).default('ACTIVE'),
  /** The SDK endpointID (default: one derived from the seed). */
  endpointId: z.string().max(255).optional(),
})

export type ScaDeviceSeed = z.infer<typeof ScaDeviceSeedSchema>

/** Creates the declared device of a seeded end-user; returns its scaDeviceId. */
export function seedScaDevice(store: Store, partnerId: string, endUserId: string, seed: ScaDeviceSeed): string {
  const user = findEndUser(store, partnerId, endUserId)
  if (!user) throw new ScenarioError([{ path: 'consumers', message: `end-user ${endUserId} not found for its scaDevice` }])
  const enrolled = seed.status === 'PENDING_ACTIVATION' ? 'PENDING' : 'SET'
  const device = insertScaDevice(store, {
    partnerId,
    endUserId,
    endUserKind: user.kind,
    endpointId: seed.endpointId ?? `sim-${store.rng.secret(9)}`,
    status: seed.status,
    pinStatus: seed.factors.includes('PIN') ? enrolled : 'UNSET',
    biometryStatus: seed.factors.includes('BIOMETRY') ? enrolled : 'UNSET',
    origin: 'SCENARIO',
  })
  return device.id
}
