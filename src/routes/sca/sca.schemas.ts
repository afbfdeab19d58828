import { z } from '@hono/zod-openapi'
import type { ScaInteractionRow } from '../../state/sca-challenges'
import type { ScaDeviceRow } from '../../state/sca-devices'
import type { ScaPolicy } from '../../state/sca-policy'
import { compact, uuid } from '../openapi'

// Request and response schemas of the Strong Authentication tag, and the 202 "Waiting SCA" body
// every SCA-eligible operation may answer.

const factor = z.enum(['BIOMETRY', 'PIN'])
const strategy = z.enum(['PUSH_NOTIFICATION', 'JOIN_CODE'])

export const ScaDeviceIdParamSchema = z.object({ scaDeviceId: uuid().openapi({ param: { name: 'scaDeviceId', in: 'path' } }) })

export const ScaDeviceCreateRequestSchema = z
  .object({
    endpointId: z.string(),
    factor: factor.default('BIOMETRY'),
    strategy: strategy.default('PUSH_NOTIFICATION'),
    endUserId: uuid().optional(),
  })
  .openapi('ScaDeviceCreate')

export const ScaDeviceCreateQrRequestSchema = z.object({ endUserId: uuid().optional() }).openapi('ScaDeviceCreateQr')

export const ScaDeviceUpdateRequestSchema = z
  .object({ factor, strategy: strategy.default('PUSH_NOTIFICATION') })
  .openapi('ScaDeviceUpdate')

/** DELETE /api/partner/sca (deprecated): the end-user whose devices are reset. */
export const ScaDeviceResetRequestSchema = z.object({ endUserId: uuid().optional() })

export const ScaDeviceResponseSchema = z
  .object({ id: z.string().uuid(), endpointId: z.string(), joinCode: z.string().uuid().optional() })
  .openapi('ScaDeviceCreateResponse')

export const ScaDeviceQrResponseSchema = z
  .object({ id: z.string().uuid(), qrCode: z.string(), joinCode: z.string() })
  .openapi('ScaDeviceCreateQrResponse')

/** id, endpointId and the join code of the pending enrolment (JOIN_CODE strategy only). */
export function presentScaDevice(device: ScaDeviceRow, joinCode?: string) {
  return compact({ id: device.id, endpointId: device.endpointId, joinCode })
}

const durationUnit = z.object({ dateBased: z.boolean(), timeBased: z.boolean(), durationEstimated: z.boolean() })

/** 1.78 renders the ttl as springdoc's java.time.Duration object. */
const DurationSchema = z.object({
  seconds: z.number().int(), nano: z.number().int(), negative: z.boolean(), zero: z.boolean(), units: z.array(durationUnit),
})

export const WaitingScaSchema = z
  .object({
    scaId: z.string().uuid(),
    joinCode: z.string().uuid().optional(),
    ttl: z.union([DurationSchema, z.string()]),
    scaDeviceId: z.string(),
  })
  .openapi('WaitingSca')

/** The 202 of an SCA-eligible operation, declared by its route next to its success response. */
export const waitingScaResponse = { description: 'Waiting SCA', content: { 'application/json': { schema: WaitingScaSchema } } } as const

/** The 202 body: the interaction to complete on the phone, and how long it lives. */
export function presentWaitingSca(interaction: ScaInteractionRow, policy: ScaPolicy) {
  const seconds = Math.max(0, Math.round((interaction.expiresAt - interaction.createdAt) / 1000))
  const ttl = policy.ttlFormat === 'ISO' ? isoDuration(seconds) : durationObject(seconds)
  return compact({ scaId: interaction.id, joinCode: interaction.joinCode ?? undefined, ttl, scaDeviceId: interaction.deviceId })
}

function durationObject(seconds: number) {
  // What Jackson writes for a java.time.Duration bean: its units are SECONDS and NANOS.
  const unit = { dateBased: false, timeBased: true, durationEstimated: false }
  return { seconds, nano: 0, negative: false, zero: seconds === 0, units: [unit, unit] }
}

function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return seconds === 0 ? 'PT0S' : `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`
}
