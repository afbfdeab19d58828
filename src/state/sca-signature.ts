import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { ScaFactor } from './sca-devices'

// DATA_SIGNING: Linkcy-SCA-Signature carries a PowerAuth signature header computed by the mobile
// SDK on a registered device (LinkCy verifies it against Wultra). The simulator keeps PowerAuth's
// header format and signature base string, with one HMAC key per device:
//
//   PowerAuth pa_version="3.1", pa_activation_id="<scaDeviceId>", pa_application_key="<base64>",
//     pa_nonce="<base64 of 16 bytes>", pa_signature_type="possession_biometry|possession_knowledge",
//     pa_signature="<base64 HMAC-SHA256>"
//
//   base string = METHOD & base64(path) & nonce & base64(data)      (PowerAuth's)
//   pa_signature = base64(HMAC-SHA256(device secret, base string & signature type))
//
// SIM: the first 8 bytes of the nonce are the signing instant (epoch ms, big-endian) so the 30 s TTL
// can be checked; the other 8 are random. `data` is the canonical JSON body, or for a GET the query
// string with its parameters sorted (PowerAuth's canonicalisation).

/** The two-factor signature types and the SCA factor each proves besides possession. */
export const SIGNATURE_FACTORS: Record<string, ScaFactor> = { possession_biometry: 'BIOMETRY', possession_knowledge: 'PIN' }
export const signatureTypeOf = (factor: ScaFactor): string => (factor === 'PIN' ? 'possession_knowledge' : 'possession_biometry')

/** A JSON text with its object keys sorted (a non-JSON text is kept as is): the same payload, the same bytes. */
export function canonicalBody(text: string): string {
  if (text.trim() === '') return ''
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)))
  } catch {
    return text
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]))
  }
  return value
}

/** A query string with its parameters sorted by name, then value. */
export function canonicalQuery(search: string): string {
  const params = [...new URLSearchParams(search.startsWith('?') ? search.slice(1) : search).entries()]
  params.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1))
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
}

/** What an SCA interaction is bound to besides method and path: a hash of the query and body. */
export function requestHash(query: string, body: string): string {
  return createHash('sha256').update(`${canonicalQuery(query)}\n${canonicalBody(body)}`).digest('hex')
}

/** The signed data of a request: its canonical body, or for GET its canonical query. */
export function signedData(method: string, query: string, body: string): string {
  return method.toUpperCase() === 'GET' ? canonicalQuery(query) : canonicalBody(body)
}

export interface PowerAuthSignature {
  version: string
  activationId: string
  applicationKey: string
  nonce: string
  signatureType: string
  signature: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Parses and validates a PowerAuth signature header; null when malformed (LinkCy: SCA_SIGNATURE_FORMAT_INVALID). */
export function parsePowerAuthHeader(header: string): PowerAuthSignature | null {
  const text = header.trim()
  if (!text.startsWith('PowerAuth ')) return null
  const values: Record<string, string> = {}
  for (const m of text.slice('PowerAuth '.length).matchAll(/(\w+)="([^"]*)"/g)) values[m[1]!] = m[2]!
  const parsed = {
    version: values.pa_version ?? '', activationId: values.pa_activation_id ?? '', applicationKey: values.pa_application_key ?? '',
    nonce: values.pa_nonce ?? '', signatureType: values.pa_signature_type ?? '', signature: values.pa_signature ?? '',
  }
  const valid =
    /^3\.[0-3]$/.test(parsed.version) && UUID.test(parsed.activationId) && BASE64.test(parsed.applicationKey) &&
    BASE64.test(parsed.nonce) && Buffer.from(parsed.nonce, 'base64').length === 16 &&
    parsed.signatureType in SIGNATURE_FACTORS && BASE64.test(parsed.signature)
  return valid ? parsed : null
}

/** The signing instant the simulator's nonces carry (epoch ms). */
export function nonceInstant(nonce: string): number {
  return Number(Buffer.from(nonce, 'base64').readBigUInt64BE(0))
}

/** A nonce carrying `at`, completed with random bytes. */
export function makeNonce(at: number, random: Buffer): string {
  const bytes = Buffer.alloc(16)
  bytes.writeBigUInt64BE(BigInt(at), 0)
  random.copy(bytes, 8, 0, 8)
  return bytes.toString('base64')
}

interface SignInput {
  secret: string
  method: string
  path: string
  nonce: string
  data: string
  signatureType: string
}

/** The signature value a device with this secret produces for a request. */
export function computeSignature(input: SignInput): string {
  const base = [input.method.toUpperCase(), b64(input.path), input.nonce, b64(input.data)].join('&')
  return createHmac('sha256', input.secret).update(`${base}&${input.signatureType}`).digest('base64')
}

/** The full Linkcy-SCA-Signature header value. */
export function signatureHeader(input: SignInput & { deviceId: string; applicationKey: string }): string {
  const signature = computeSignature(input)
  return `PowerAuth pa_version="3.1", pa_activation_id="${input.deviceId}", pa_application_key="${input.applicationKey}", ` +
    `pa_nonce="${input.nonce}", pa_signature_type="${input.signatureType}", pa_signature="${signature}"`
}

/** Constant-time comparison of two base64 signatures. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64')
  const y = Buffer.from(b, 'base64')
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y)
}

/** The application key the simulated SDK of a partner's app sends (any base64 key is accepted). */
export function applicationKeyOf(partnerId: string): string {
  return createHash('sha256').update(`linkcy-sim:app:${partnerId}`).digest().subarray(0, 16).toString('base64')
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
