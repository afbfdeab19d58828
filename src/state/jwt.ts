import { createHmac, timingSafeEqual } from 'node:crypto'

// Minimal HS256 JWTs. Hand-written rather than hono/jwt because expiry must be checked against the
// simulator clock, not the machine's: tokens expire when a test advances time.

export interface JwtClaims {
  sub: string
  iat: number
  exp: number
  [claim: string]: unknown
}

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url')
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

export function signJwt(claims: JwtClaims, key: Buffer): string {
  const body = `${HEADER}.${b64(JSON.stringify(claims))}`
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`
}

/** Returns the claims of a well-formed, correctly signed, unexpired token; otherwise null. */
export function verifyJwt(token: string, key: Buffer, nowSeconds: number): JwtClaims | null {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== HEADER) return null
  const expected = createHmac('sha256', key).update(`${parts[0]}.${parts[1]}`).digest()
  const given = Buffer.from(parts[2]!, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  let claims: JwtClaims
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as JwtClaims
  } catch {
    return null
  }
  if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || claims.exp <= nowSeconds) return null
  return claims
}
