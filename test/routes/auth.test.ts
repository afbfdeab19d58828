import { describe, expect, it } from 'vitest'
import { makeWorld, jwtClaims, errorBody, SANDBOX, OTHER } from '../helpers/app'

describe('POST /api/partner/login (partner user)', () => {
  it('answers 200 with a JWT whose iat/exp are seconds on the simulator clock, and the roles', async () => {
    const w = makeWorld()
    const res = await w.call('POST', '/api/partner/login', { body: SANDBOX })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { token: string; refreshToken: string; endUserId?: string }
    expect(typeof body.refreshToken).toBe('string')
    expect(body.endUserId).toBeUndefined()
    const claims = jwtClaims(body.token)
    expect(claims.iat).toBe(Date.parse('2026-01-15T10:00:00Z') / 1000)
    expect(claims.exp).toBe((claims.iat as number) + 3600)
    expect(claims.roles).toContain('CONSUMER_CREATE')
  })

  it('refuses a wrong password or unknown partner with 401 linkcy.unauthorized', async () => {
    const w = makeWorld()
    for (const body of [{ ...SANDBOX, password: 'nope' }, { ...SANDBOX, partnerName: 'nobody' }, { ...OTHER, partnerName: 'sandbox' }]) {
      const res = await w.call('POST', '/api/partner/login', { body })
      expect(res.status).toBe(401)
      expect(await errorBody(res)).toMatchObject({ error: 'linkcy.unauthorized', status: 401 })
    }
  })

  it('answers malformed JSON, a wrong content type and a missing field with LinkCy 400s', async () => {
    const w = makeWorld()
    const malformed = await w.call('POST', '/api/partner/login', { body: '{"username":', headers: { 'Content-Type': 'application/json' } })
    expect(malformed.status).toBe(400)
    expect(await errorBody(malformed)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'body' }] })
    const text = await w.call('POST', '/api/partner/login', { body: 'hello', headers: { 'Content-Type': 'text/plain' } })
    expect(text.status).toBe(400)
    const missing = await w.call('POST', '/api/partner/login', { body: { username: 'x', partnerName: 'sandbox' } })
    expect(missing.status).toBe(400)
    expect(await errorBody(missing)).toMatchObject({ details: [{ field: 'password', rejectedValue: 'null', message: 'must not be null' }] })
  })
})

describe('POST /api/partner/refresh', () => {
  it('rotates: a refresh token works once, then 401', async () => {
    const w = makeWorld()
    const login = (await (await w.call('POST', '/api/partner/login', { body: SANDBOX })).json()) as { refreshToken: string }
    const first = await w.call('POST', '/api/partner/refresh', { body: { refreshToken: login.refreshToken } })
    expect(first.status).toBe(200)
    const next = (await first.json()) as { token: string; refreshToken: string }
    expect(next.refreshToken).not.toBe(login.refreshToken)
    const again = await w.call('POST', '/api/partner/refresh', { body: { refreshToken: login.refreshToken } })
    expect(again.status).toBe(401)
  })
})

describe('bearer tokens', () => {
  it('expire on the simulator clock, and forged ones are refused', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    expect((await w.call('GET', '/api/partner/no-such-thing', { token })).status).toBe(404)
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')
    expect((await w.call('GET', '/api/partner/no-such-thing', { token: forged })).status).toBe(401)
    w.store.clock.advance(3600_000)
    const expired = await w.call('GET', '/api/partner/no-such-thing', { token })
    expect(expired.status).toBe(401)
    expect(await errorBody(expired)).toMatchObject({ error: 'linkcy.unauthorized' })
  })
})

describe('reference schema', () => {
  it('login 200 and 401 bodies match the reference', async () => {
    const { referenceErrors } = await import('../helpers/reference')
    const w = makeWorld()
    const ok = await w.call('POST', '/api/partner/login', { body: SANDBOX })
    expect(referenceErrors('POST', '/api/partner/login', 200, await ok.json())).toEqual([])
    const bad = await w.call('POST', '/api/partner/login', { body: { ...SANDBOX, password: 'x' } })
    expect(referenceErrors('POST', '/api/partner/login', 401, await bad.json())).toEqual([])
    const invalid = await w.call('POST', '/api/partner/login', { body: {} })
    expect(referenceErrors('POST', '/api/partner/login', 400, await invalid.json())).toEqual([])
  })
})

describe('validation messages', () => {
  it('name the field of the body variant the caller meant, with the pattern as LinkCy prints it', async () => {
    const w = makeWorld()
    const res = await w.call('POST', '/api/partner/login', { body: { consumerPhone: '+33 6', partnerName: 'sandbox', password: 'x' } })
    expect(res.status).toBe(400)
    expect(await errorBody(res)).toMatchObject({
      error: 'linkcy.bad.request',
      details: [{ field: 'consumerPhone', rejectedValue: '+33 6', message: 'must match "^[0-9]{2,17}$"' }],
    })
  })
})

describe('credential endpoints', () => {
  it('ignore a stale bearer token: refresh works with an expired access token attached', async () => {
    const w = makeWorld()
    const login = (await (await w.call('POST', '/api/partner/login', { body: SANDBOX })).json()) as { token: string; refreshToken: string }
    w.store.clock.advance(2 * 3600_000)
    const res = await w.call('POST', '/api/partner/refresh', { token: login.token, body: { refreshToken: login.refreshToken } })
    expect(res.status).toBe(200)
    // ...while an operation that needs the token still refuses it
    expect((await w.call('GET', '/api/partner', { token: login.token })).status).toBe(401)
  })
})

describe('CORS', () => {
  it('answers a browser preflight for any API path and origin', async () => {
    const w = makeWorld()
    const res = await w.app.request('/api/partner/consumers', {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,linkcy-sca-strategy' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('linkcy-sca-strategy')
  })
})
