import { createHash, timingSafeEqual } from 'node:crypto'
import type { Rng } from './random'

// SIM: salted SHA-256 instead of a slow KDF. The simulator holds test credentials only, and
// logins must stay fast in contract-test suites that log in hundreds of times.

export function hashPassword(rng: Rng, password: string): string {
  const salt = rng.secret(12)
  return `${salt}$${digest(salt, password)}`
}

export function checkPassword(stored: string | null, password: string): boolean {
  if (!stored) return false
  const [salt, hash] = stored.split('$')
  if (!salt || !hash) return false
  const given = Buffer.from(digest(salt, password), 'hex')
  const expected = Buffer.from(hash, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function digest(salt: string, password: string): string {
  return createHash('sha256').update(`${salt}:${password}`).digest('hex')
}

/** Refresh tokens are stored hashed: the database never holds a usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
