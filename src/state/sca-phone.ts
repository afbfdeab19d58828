import { SimError } from './errors'
import { decideInteraction, findInteractionByJoinCode, joinInteraction, type ScaInteractionRow } from './sca-challenges'
import { activateScaDevice, factorStatus, findEnrolmentByJoinCode, findScaDevice, type ScaDeviceRow, type ScaFactor } from './sca-devices'
import { applicationKeyOf, canonicalBody, makeNonce, signatureHeader, signatureTypeOf, signedData } from './sca-signature'
import type { Store } from './store'

// The simulated phone (the partner's app with LinkCy's SCA SDK): what the end-user does on its
// device. Served under /_sim/sca and by the /pages/phone page; not part of LinkCy's API.

export type JoinResult =
  | { type: 'ENROLMENT'; device: ScaDeviceRow }
  | { type: 'INTERACTION'; interaction: ScaInteractionRow }

/**
 * The phone enters a join code: a pending enrolment (POST /sca with JOIN_CODE, or a QR code) is
 * confirmed, with `endpointId` naming the phone; an interaction is joined, and decided if told to.
 */
export function joinWithCode(
  store: Store, joinCode: string, options: { decision?: 'APPROVE' | 'DECLINE'; endpointId?: string; factors?: ScaFactor[] },
): JoinResult {
  const enrolment = findEnrolmentByJoinCode(store, joinCode)
  if (enrolment) return { type: 'ENROLMENT', device: activateScaDevice(store, undefined, enrolment.id, options.factors, options.endpointId) }
  const interaction = findInteractionByJoinCode(store, joinCode)
  if (!interaction) throw new SimError('SCA_INTERACTION_NOT_FOUND')
  const joined = joinInteraction(store, interaction)
  return { type: 'INTERACTION', interaction: options.decision ? decideInteraction(store, joined.id, options.decision) : joined }
}

export interface SignRequest {
  method: string
  path: string
  /** The JSON body (object or text) the request will carry. */
  body?: unknown
  /** The query string of a GET (signed instead of a body). */
  query?: string
  /** The factor the end-user uses (default: BIOMETRY when enrolled, else PIN). */
  factor?: ScaFactor
}

/**
 * The SDK's data signature of a request (the Linkcy-SCA-Signature value), valid for the partner's
 * signature TTL from now. Only an ACTIVE device signs, with an enrolled factor.
 */
export function signWithDevice(store: Store, scaDeviceId: string, req: SignRequest): { signature: string; signedAt: number; factor: ScaFactor } {
  const device = findScaDevice(store, scaDeviceId)
  if (!device || device.status === 'REMOVED') throw new SimError('SCA_DEVICE_NOT_FOUND', [scaDeviceId])
  if (device.status !== 'ACTIVE') throw new SimError('SCA_DEVICE_NOT_VALID')
  const factor = req.factor ?? (device.biometryStatus === 'SET' ? 'BIOMETRY' : 'PIN')
  if (factorStatus(device, factor) !== 'SET') throw new SimError('SCA_DEVICE_NOT_VALID')
  const text = req.body === undefined ? '' : typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
  const signedAt = store.clock.nowMs()
  const signature = signatureHeader({
    secret: device.secret, deviceId: device.id, applicationKey: applicationKeyOf(device.partnerId), method: req.method, path: req.path,
    nonce: makeNonce(signedAt, store.rng.bytes(8)), data: signedData(req.method, req.query ?? '', canonicalBody(text)),
    signatureType: signatureTypeOf(factor),
  })
  return { signature, signedAt, factor }
}
