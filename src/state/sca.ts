import { and, eq } from 'drizzle-orm'
import { scaInteractions } from './db/schema'
import { SimError } from './errors'
import { consumeInteraction, findInteraction, insertInteraction, type ScaInteractionRow } from './sca-challenges'
import { activeScaDevices, factorStatus, type ScaDeviceRow, type ScaFactor } from './sca-devices'
import { scaAppliesTo, scaPolicy, type ScaOperation, type ScaPolicy } from './sca-policy'
import {
  SIGNATURE_FACTORS, computeSignature, nonceInstant, parsePowerAuthHeader, requestHash, sameSignature, signedData,
} from './sca-signature'
import type { ScaTarget } from './sca-targets'
import type { Store } from './store'

// The SCA engine: given an operation, the end-user it concerns and the Linkcy-SCA-* headers, decide
// whether the call proceeds, is refused with one of LinkCy's SCA codes, or waits for the end-user's
// approval on its phone (202). routes/middleware/sca.ts is its only caller; domain code never sees it.

export type ScaStrategy = 'PUSH_NOTIFICATION' | 'JOIN_CODE' | 'FAIL' | 'DATA_SIGNING' | 'BY_PASS'

/** The Linkcy-SCA-* headers of every doc version (V1: Strategy, Factor, Id; V2+: Strategy, Signature). */
export interface ScaHeaderValues {
  strategy?: ScaStrategy
  factor?: ScaFactor
  scaId?: string
  signature?: string
}

/** The parts of the HTTP request an interaction is bound to. */
export interface ScaRequest {
  method: string
  path: string
  query: string
  body: string
}

export interface ScaCheck {
  operation: ScaOperation
  target: ScaTarget | null
  headers: ScaHeaderValues
  request: ScaRequest
}

export type ScaDecision =
  | { kind: 'PASS' }
  | { kind: 'CHALLENGE'; interaction: ScaInteractionRow; policy: ScaPolicy }
  | { kind: 'CONSUMED'; scaId: string }

const PASS: ScaDecision = { kind: 'PASS' }

/**
 * Decides one call. In order: no end-user concerned or the policy exempts this caller → pass; no
 * active device on an onboarding operation → pass; Linkcy-SCA-Id → replay check; then the strategy
 * (BY_PASS, FAIL, DATA_SIGNING, or a new PUSH_NOTIFICATION / JOIN_CODE interaction).
 */
export function checkSca(store: Store, check: ScaCheck): ScaDecision {
  const { target, headers } = check
  if (!target) return PASS
  const policy = scaPolicy(store, target.user.partnerId)
  if (!scaAppliesTo(policy, target.caller)) return PASS
  const devices = activeScaDevices(store, target.user.partnerId, target.user.id)
  if (devices.length === 0 && policy.exemptWithoutDevice.includes(check.operation)) return PASS
  if (headers.scaId) return replay(store, check, target, headers.scaId)

  const strategy = headers.strategy ?? 'PUSH_NOTIFICATION'
  if (strategy === 'BY_PASS') {
    if (policy.allowBypass) return PASS
    throw new SimError('SCA_REQUIRED', [strategy])
  }
  if (strategy === 'FAIL') throw new SimError('SCA_REQUIRED', [strategy])
  if (strategy === 'DATA_SIGNING') {
    verifyDataSignature(store, check, target, devices, policy)
    return PASS
  }
  if (devices.length === 0) throw new SimError('SCA_DEVICE_NOT_SET')
  const factor = headers.factor ?? 'BIOMETRY'
  const device = devices.find((d) => factorStatus(d, factor) === 'SET')
  if (!device) throw new SimError('SCA_FACTOR_NOT_SET', [], { field: 'Linkcy-SCA-Factor', rejectedValue: factor })
  return { kind: 'CHALLENGE', interaction: createInteraction(store, check, target, device, strategy, factor, policy), policy }
}

function createInteraction(
  store: Store, check: ScaCheck, target: ScaTarget, device: ScaDeviceRow, strategy: ScaStrategy, factor: ScaFactor, policy: ScaPolicy,
): ScaInteractionRow {
  const now = store.clock.nowMs()
  const { method, path, query, body } = check.request
  return insertInteraction(store, {
    id: store.rng.uuid(), partnerId: target.user.partnerId, endUserId: target.user.id, deviceId: device.id,
    operation: check.operation, strategy, factor, method: method.toUpperCase(), path, bodyHash: requestHash(query, body),
    joinCode: strategy === 'JOIN_CODE' ? store.rng.uuid() : null, nonce: null, status: 'PENDING',
    autoApproveAt: policy.autoApproveAfterSeconds === null ? null : now + policy.autoApproveAfterSeconds * 1000,
    expiresAt: now + policy.challengeTtlSeconds * 1000, createdAt: now, joinedAt: null, decidedAt: null, consumedAt: null,
  })
}

/**
 * A call repeated with Linkcy-SCA-Id: the interaction must exist (for this partner), be open, be
 * bound to this end-user, operation, method, path and payload, and be approved; it is then consumed.
 */
function replay(store: Store, check: ScaCheck, target: ScaTarget, scaId: string): ScaDecision {
  const row = findInteraction(store, target.user.partnerId, scaId)
  if (!row || row.strategy === 'DATA_SIGNING') throw new SimError('SCA_INTERACTION_NOT_FOUND')
  if (row.status === 'CONSUMED') throw new SimError('SCA_INTERACTION_ALREADY_CONSUMED')
  if (row.status === 'DECLINED' || row.status === 'EXPIRED') throw new SimError('SCA_INTERACTION_DECLINED')
  const { method, path, query, body } = check.request
  const matches = row.endUserId === target.user.id && row.operation === check.operation && row.method === method.toUpperCase() &&
    row.path === path && row.bodyHash === requestHash(query, body)
  if (!matches) throw new SimError('SCA_INTERACTION_DOES_NOT_MATCH')
  if (row.status === 'PENDING') throw new SimError('SCA_INTERACTION_NOT_COMPLETED')
  if (!consumeInteraction(store, row.id)) throw new SimError('SCA_INTERACTION_ALREADY_CONSUMED')
  return { kind: 'CONSUMED', scaId: row.id }
}

/**
 * DATA_SIGNING: the end-user needs an active device; the header must be a well-formed PowerAuth
 * signature by one of its active devices, with an enrolled factor, over this request, younger than
 * the signature TTL and never used before. An accepted signature is recorded (its nonce is spent).
 */
function verifyDataSignature(store: Store, check: ScaCheck, target: ScaTarget, devices: ScaDeviceRow[], policy: ScaPolicy): void {
  if (devices.length === 0) throw new SimError('NO_ACTIVE_SCA_DEVICE_FOUND')
  const header = check.headers.signature
  if (!header || header.trim() === '') throw new SimError('SCA_SIGNATURE_MISSING')
  const signature = parsePowerAuthHeader(header)
  if (!signature) throw new SimError('SCA_SIGNATURE_FORMAT_INVALID')
  const factor = SIGNATURE_FACTORS[signature.signatureType]!
  const device = devices.find((d) => d.id === signature.activationId.toLowerCase())
  if (!device || factorStatus(device, factor) !== 'SET') throw new SimError('SCA_DEVICE_NOT_VALID')

  const { method, path, query, body } = check.request
  const expected = computeSignature({
    secret: device.secret, method, path, nonce: signature.nonce, data: signedData(method, query, body), signatureType: signature.signatureType,
  })
  const now = store.clock.nowMs()
  const signedAt = nonceInstant(signature.nonce)
  const fresh = signedAt <= now && now - signedAt <= policy.signatureTtlSeconds * 1000
  const spent = store.db.select({ id: scaInteractions.id }).from(scaInteractions)
    .where(and(eq(scaInteractions.deviceId, device.id), eq(scaInteractions.nonce, signature.nonce))).get()
  if (!sameSignature(expected, signature.signature) || !fresh || spent) throw new SimError('SCA_SIGNATURE_DOES_NOT_MATCH')

  insertInteraction(store, {
    id: store.rng.uuid(), partnerId: target.user.partnerId, endUserId: target.user.id, deviceId: device.id,
    operation: check.operation, strategy: 'DATA_SIGNING', factor, method: method.toUpperCase(), path, bodyHash: requestHash(query, body),
    joinCode: null, nonce: signature.nonce, status: 'CONSUMED', autoApproveAt: null,
    expiresAt: signedAt + policy.signatureTtlSeconds * 1000, createdAt: now, joinedAt: null, decidedAt: now, consumedAt: now,
  })
}
