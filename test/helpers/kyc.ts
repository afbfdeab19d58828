import type { TestWorld } from './app'

/** POST /kyc as `token` with this body; answers the HTTP response. */
export function requestKyc(w: TestWorld, token: string, body: Record<string, unknown>): Promise<Response> {
  return w.call('POST', '/api/partner/kyc', { token, body })
}
