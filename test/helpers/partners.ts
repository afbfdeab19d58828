import { expect } from 'vitest'
import type { TestWorld } from './app'

// Partners and partner user accounts beyond the default scenario's.

/** Adds a partner with these settings (POST /_sim/scenarios) and answers a token of its user and its id. */
export async function partnerWith(w: TestWorld, name: string, settings: Record<string, unknown>): Promise<{ token: string; partnerId: string }> {
  const res = await w.call('POST', '/_sim/scenarios', { body: { partners: [{ name, settings, users: [{ email: `u@${name}.test`, password: 'Partner-Password-1' }] }] } })
  expect(res.status).toBe(201)
  const partnerId = ((await res.json()) as { partners: Record<string, { id: string }> }).partners[name]!.id
  return { token: await w.partnerToken({ partnerName: name, username: `u@${name}.test`, password: 'Partner-Password-1' }), partnerId }
}

/** POST /api/partner/accounts as `token`. */
export function createAccount(w: TestWorld, token: string, email: string, roles: string[]): Promise<Response> {
  return w.call('POST', '/api/partner/accounts', { token, body: { email, roles } })
}

/**
 * Creates a sandbox partner account with these roles (as the all-roles sandbox user), goes through
 * its first login (one-time password, then passwords/change) and answers its id and access token.
 */
export async function accountToken(w: TestWorld, roles: string[], email: string): Promise<{ id: string; token: string; password: string }> {
  const created = await createAccount(w, await w.partnerToken(), email, roles)
  expect(created.status).toBe(201)
  const { id, otp } = (await created.json()) as { id: string; otp: string }
  const first = await w.call('POST', '/api/partner/login', { body: { partnerName: 'sandbox', username: email, password: otp } })
  const { passwordChangeSecret } = (await first.json()) as { passwordChangeSecret: string }
  const changed = await w.call('POST', '/api/partner/passwords/change', { body: { passwordChangeSecret, newPassword: 'Secret-123' } })
  expect(changed.status).toBe(200)
  return { id, token: ((await changed.json()) as { token: string }).token, password: 'Secret-123' }
}
