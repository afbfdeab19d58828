import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { consumers, passwordSecrets } from '../../src/state/db/schema'
import { PASSWORD_SECRET_TTL_MS } from '../../src/state/auth'
import { makeWorld, errorBody, jwtClaims, OTHER } from '../helpers/app'
import { insertConsumer } from '../helpers/consumers'
import { referenceErrors } from '../helpers/reference'

// End-to-end authentication flows: first login of a new partner account, consumer password
// initialisation (sandbox and SMS), logins, refusals, expiry, isolation and role gating.

const NOW = '2026-01-15T10:00:00.000Z'
const PHONE = '33612345678'
const LOGIN = '/api/partner/login'
const CHANGE = '/api/partner/passwords/change'
const RESET = '/api/partner/passwords/reset'
const SANDBOX_RESET = '/api/partner/passwords/reset/sandbox'

const CONSUMER_ID = '0b9a1c52-3f0e-4e4f-8a51-6f2d9c7e1a01'

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T
}

describe('first login of a new partner user account', () => {
  it('OTP login → passwordChangeSecret → passwords/change → tokens; then only the new password works', async () => {
    const w = makeWorld()
    const admin = await w.partnerToken()
    const created = await json<{ id: string; otp: string }>(await w.call('POST', '/api/partner/accounts', { token: admin, body: { email: 'new.user@sandbox.test', roles: ['CONSUMER_LIST'] } }))

    const first = await w.call('POST', LOGIN, { body: { partnerName: 'sandbox', username: 'New.User@sandbox.test', password: created.otp } })
    expect(first.status).toBe(200)
    const firstBody = await json<{ passwordChangeSecret: string }>(first)
    expect(Object.keys(firstBody)).toEqual(['passwordChangeSecret'])
    expect(referenceErrors('POST', LOGIN, 200, firstBody)).toEqual([])

    const changed = await w.call('POST', CHANGE, { body: { passwordChangeSecret: firstBody.passwordChangeSecret, newPassword: 'My-New-Password' } })
    expect(changed.status).toBe(200)
    const tokens = await json<{ token: string; refreshToken: string; endUserId?: string }>(changed)
    expect(referenceErrors('POST', CHANGE, 200, tokens)).toEqual([])
    expect(tokens.endUserId).toBeUndefined()
    expect(jwtClaims(tokens.token)).toMatchObject({ sub: created.id, kind: 'PARTNER', roles: ['CONSUMER_LIST'] })

    const reused = await w.call('POST', CHANGE, { body: { passwordChangeSecret: firstBody.passwordChangeSecret, newPassword: 'Another-Password' } })
    expect(reused.status).toBe(401)
    const reusedBody = await errorBody(reused)
    expect(reusedBody).toMatchObject({ error: 'linkcy.unauthorized', status: 401 })
    expect(referenceErrors('POST', CHANGE, 401, reusedBody)).toEqual([])

    const otpAgain = await w.call('POST', LOGIN, { body: { partnerName: 'sandbox', username: 'new.user@sandbox.test', password: created.otp } })
    expect(otpAgain.status).toBe(401)
    expect(referenceErrors('POST', LOGIN, 401, await errorBody(otpAgain))).toEqual([])
    const normal = await w.call('POST', LOGIN, { body: { partnerName: 'sandbox', username: 'new.user@sandbox.test', password: 'My-New-Password' } })
    expect(normal.status).toBe(200)
    const normalBody = await json<{ token: string; refreshToken: string }>(normal)
    expect(referenceErrors('POST', LOGIN, 200, normalBody)).toEqual([])
    expect(typeof normalBody.refreshToken).toBe('string')
  })

  it('a partner account holding only CONSUMER_LIST is refused GET /api/partner with 403 linkcy.forbidden', async () => {
    const w = makeWorld()
    const { otp } = await json<{ otp: string }>(await w.call('POST', '/api/partner/accounts', { token: await w.partnerToken(), body: { email: 'lister@sandbox.test', roles: ['CONSUMER_LIST'] } }))
    const { passwordChangeSecret } = await json<{ passwordChangeSecret: string }>(await w.call('POST', LOGIN, { body: { partnerName: 'sandbox', username: 'lister@sandbox.test', password: otp } }))
    const { token } = await json<{ token: string }>(await w.call('POST', CHANGE, { body: { passwordChangeSecret, newPassword: 'Lister-Password' } }))
    const res = await w.call('GET', '/api/partner', { token })
    expect(res.status).toBe(403)
    expect(await errorBody(res)).toEqual({ message: 'Access Denied', error: 'linkcy.forbidden', status: 403, timestamp: NOW })
  })
})

describe('consumer password initialisation and login', () => {
  for (const phoneField of ['phone', 'consumerPhone'] as const) {
    it(`sandbox reset with ${phoneField} → secret → passwords/change → tokens with endUserId → login by phone`, async () => {
      const w = makeWorld()
      insertConsumer(w, { id: CONSUMER_ID, phone: PHONE })
      const reset = await w.call('POST', SANDBOX_RESET, { token: await w.partnerToken(), body: { partnerName: 'sandbox', [phoneField]: PHONE } })
      expect(reset.status).toBe(200)
      const { passwordChangeSecret } = await json<{ passwordChangeSecret: string }>(reset)
      expect(referenceErrors('POST', SANDBOX_RESET, 200, { passwordChangeSecret })).toEqual([])

      const changed = await w.call('POST', CHANGE, { body: { passwordChangeSecret, newPassword: 'Consumer-1' } })
      expect(changed.status).toBe(200)
      const tokens = await json<{ token: string; refreshToken: string; endUserId: string }>(changed)
      expect(referenceErrors('POST', CHANGE, 200, tokens)).toEqual([])
      expect(tokens.endUserId).toBe(CONSUMER_ID)
      expect(jwtClaims(tokens.token)).toMatchObject({ sub: CONSUMER_ID, kind: 'CONSUMER' })

      const login = await w.call('POST', LOGIN, { body: { consumerPhone: PHONE, partnerName: 'sandbox', password: 'Consumer-1' } })
      expect(login.status).toBe(200)
      const loginBody = await json<{ token: string; endUserId: string }>(login)
      expect(referenceErrors('POST', LOGIN, 200, loginBody)).toEqual([])
      expect(loginBody.endUserId).toBe(CONSUMER_ID)

      // An end-user token is not a partner token: partner-only operations answer 403.
      const partnerInfo = await w.call('GET', '/api/partner', { token: loginBody.token })
      expect(partnerInfo.status).toBe(403)
      expect(referenceErrors('GET', '/api/partner', 403, await errorBody(partnerInfo))).toEqual([])
      const sandboxReset = await w.call('POST', SANDBOX_RESET, { token: loginBody.token, body: { partnerName: 'sandbox', phone: PHONE } })
      expect(sandboxReset.status).toBe(403)
      expect(referenceErrors('POST', SANDBOX_RESET, 403, await errorBody(sandboxReset))).toEqual([])
    })
  }

  it('POST /passwords/reset answers 204 and sends the secret by SMS with the partner OTP message (outbox)', async () => {
    const w = makeWorld()
    insertConsumer(w, { id: CONSUMER_ID, phone: PHONE })
    const patched = await w.call('PATCH', '/api/partner', { token: await w.partnerToken(), body: { consumerOtpMessage: 'Sandbox code: $otp' } })
    expect(patched.status).toBe(200)
    const reset = await w.call('POST', RESET, { body: { partnerName: 'sandbox', phone: PHONE } })
    expect(reset.status).toBe(204)
    expect(await reset.text()).toBe('')
    const outbox = await json<{ content: { channel: string; recipient: string; personId: string; text: string; secret: string }[] }>(
      await w.call('GET', '/_sim/outbox?purpose=PASSWORD_RESET'),
    )
    expect(outbox.content).toHaveLength(1)
    const sms = outbox.content[0]!
    expect(sms).toMatchObject({ channel: 'SMS', recipient: `+${PHONE}`, personId: CONSUMER_ID, text: `Sandbox code: ${sms.secret}` })
    const changed = await w.call('POST', CHANGE, { body: { passwordChangeSecret: sms.secret, newPassword: 'From-Sms-1' } })
    expect(changed.status).toBe(200)
    expect((await json<{ endUserId: string }>(changed)).endUserId).toBe(CONSUMER_ID)
  })

  it('refuses a FORBIDDEN consumer with 403 END_USER_FORBIDDEN on login and on both resets', async () => {
    const w = makeWorld()
    insertConsumer(w, { id: CONSUMER_ID, phone: PHONE })
    const token = await w.partnerToken()
    const { passwordChangeSecret } = await json<{ passwordChangeSecret: string }>(await w.call('POST', SANDBOX_RESET, { token, body: { partnerName: 'sandbox', phone: PHONE } }))
    expect((await w.call('POST', CHANGE, { body: { passwordChangeSecret, newPassword: 'Consumer-1' } })).status).toBe(200)
    w.store.db.update(consumers).set({ linkcyStatus: 'FORBIDDEN' }).where(eq(consumers.id, CONSUMER_ID)).run()

    const expected = { errorCode: 'END_USER_FORBIDDEN', message: `End-user with id ${CONSUMER_ID} is forbidden.`, error: 'linkcy.forbidden', status: 403, timestamp: NOW }
    const login = await w.call('POST', LOGIN, { body: { consumerPhone: PHONE, partnerName: 'sandbox', password: 'Consumer-1' } })
    expect(login.status).toBe(403)
    const loginBody = await errorBody(login)
    expect(loginBody).toEqual(expected)
    expect(referenceErrors('POST', LOGIN, 403, loginBody)).toEqual([])

    const reset = await w.call('POST', RESET, { body: { partnerName: 'sandbox', phone: PHONE } })
    expect(reset.status).toBe(403)
    const resetBody = await errorBody(reset)
    expect(resetBody).toEqual(expected)
    expect(referenceErrors('POST', RESET, 403, resetBody)).toEqual([])

    const sandbox = await w.call('POST', SANDBOX_RESET, { token, body: { partnerName: 'sandbox', consumerPhone: PHONE } })
    expect(sandbox.status).toBe(403)
    expect(await errorBody(sandbox)).toEqual(expected)
    // Nothing was sent after the consumer became FORBIDDEN (the one message is the first sandbox reset's).
    expect(await json(await w.call('GET', '/_sim/outbox?purpose=PASSWORD_RESET'))).toMatchObject({ totalElements: 1 })
  })

  it('password-change secrets expire after 10 minutes on the simulator clock', async () => {
    const w = makeWorld()
    insertConsumer(w, { id: CONSUMER_ID, phone: PHONE })
    const token = await w.partnerToken()
    const secret = async () => (await json<{ passwordChangeSecret: string }>(await w.call('POST', SANDBOX_RESET, { token, body: { partnerName: 'sandbox', phone: PHONE } }))).passwordChangeSecret
    expect(PASSWORD_SECRET_TTL_MS).toBe(10 * 60_000)

    const stale = await secret()
    w.store.clock.advance(10 * 60_000)
    const expired = await w.call('POST', CHANGE, { body: { passwordChangeSecret: stale, newPassword: 'Too-Late-1' } })
    expect(expired.status).toBe(401)
    expect(referenceErrors('POST', CHANGE, 401, await errorBody(expired))).toEqual([])

    const fresh = await secret()
    w.store.clock.advance(10 * 60_000 - 1000)
    expect((await w.call('POST', CHANGE, { body: { passwordChangeSecret: fresh, newPassword: 'Just-In-Time' } })).status).toBe(200)
  })

  it('another partner token cannot reset a sandbox consumer password through the sandbox endpoint', async () => {
    const w = makeWorld()
    insertConsumer(w, { id: CONSUMER_ID, phone: PHONE })
    const res = await w.call('POST', SANDBOX_RESET, { token: await w.partnerToken(OTHER), body: { partnerName: 'sandbox', phone: PHONE } })
    expect(res.status).toBe(403)
    expect(await errorBody(res)).toEqual({ message: 'Access Denied', error: 'linkcy.forbidden', status: 403, timestamp: NOW })
    expect(w.store.db.select().from(passwordSecrets).all()).toEqual([])
    // Its own partner name does not reach the sandbox consumer either.
    const own = await w.call('POST', SANDBOX_RESET, { token: await w.partnerToken(OTHER), body: { partnerName: 'other-sandbox', phone: PHONE } })
    expect(own.status).toBe(400)
    expect(await errorBody(own)).toMatchObject({ errorCode: 'END_USER_NOT_FOUND', details: [{ field: 'phone', rejectedValue: PHONE }] })
  })
})

describe('validation and authentication errors match the reference', () => {
  it('400 bodies of login, reset, sandbox reset and change; 401 of sandbox reset and bad logins', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const cases: [string, string, unknown, string | undefined][] = [
      [LOGIN, 'POST', {}, undefined],
      [LOGIN, 'POST', { consumerPhone: '+33 6', partnerName: 'sandbox', password: 'x' }, undefined],
      [RESET, 'POST', { partnerName: 'sandbox' }, undefined],
      [RESET, 'POST', { partnerName: 'sandbox', phone: 'abc' }, undefined],
      [SANDBOX_RESET, 'POST', { phone: PHONE }, token],
      [CHANGE, 'POST', { passwordChangeSecret: 'x', newPassword: '12345' }, undefined],
      [CHANGE, 'POST', { newPassword: 'long-enough' }, undefined],
    ]
    for (const [path, method, body, auth] of cases) {
      const res = await w.call(method, path, { body, token: auth })
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400)
      const error = await errorBody(res)
      expect(error).toMatchObject({ error: 'linkcy.bad.request' })
      expect(referenceErrors(method, path, 400, error)).toEqual([])
    }
    const unknownPhone = await w.call('POST', RESET, { body: { partnerName: 'sandbox', phone: '33700000000' } })
    expect(unknownPhone.status).toBe(400)
    expect(referenceErrors('POST', RESET, 400, await errorBody(unknownPhone))).toEqual([])

    const anonymous = await w.call('POST', SANDBOX_RESET, { body: { partnerName: 'sandbox', phone: PHONE } })
    expect(anonymous.status).toBe(401)
    expect(referenceErrors('POST', SANDBOX_RESET, 401, await errorBody(anonymous))).toEqual([])
    const badSecret = await w.call('POST', CHANGE, { body: { passwordChangeSecret: 'nope', newPassword: 'long-enough' } })
    expect(badSecret.status).toBe(401)
    expect(referenceErrors('POST', CHANGE, 401, await errorBody(badSecret))).toEqual([])
    insertConsumer(w, { id: CONSUMER_ID, phone: PHONE })
    const noPassword = await w.call('POST', LOGIN, { body: { consumerPhone: PHONE, partnerName: 'sandbox', password: 'whatever' } })
    expect(noPassword.status).toBe(401)
    expect(referenceErrors('POST', LOGIN, 401, await errorBody(noPassword))).toEqual([])
  })
})
