import { describe, expect, it } from 'vitest'
import { listMessages } from '../../src/state/outbox'
import { findPartnerAccount } from '../../src/state/partner-accounts'
import { makeWorld, errorBody, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { accountToken, createAccount } from '../helpers/partners'

const NOW = '2026-01-15T10:00:00.000Z'

describe('POST /api/partner/accounts', () => {
  it('creates an account with a one-time password, e-mailed to the user (outbox)', async () => {
    const w = makeWorld()
    const res = await createAccount(w, await w.partnerToken(), 'Alice@Sandbox.test', ['CONSUMER_LIST', 'CONSUMER_INFO', 'CONSUMER_LIST'])
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string; otp: string }
    expect(referenceErrors('POST', '/api/partner/accounts', 201, body)).toEqual([])
    expect(Object.keys(body).sort()).toEqual(['id', 'otp'])
    expect(body.otp.length).toBeGreaterThanOrEqual(8)
    const account = findPartnerAccount(w.store, w.loaded.partners.sandbox!.id, body.id)
    expect(account).toMatchObject({ email: 'alice@sandbox.test', roles: ['CONSUMER_LIST', 'CONSUMER_INFO'] })
    const [mail] = listMessages(w.store, { purpose: 'PARTNER_ACCOUNT_OTP' })
    expect(mail).toMatchObject({ channel: 'EMAIL', recipient: 'alice@sandbox.test', personId: body.id, payload: { otp: body.otp } })
    expect(mail!.text).toContain(body.otp)
    const outbox = (await (await w.call('GET', '/_sim/outbox?purpose=PARTNER_ACCOUNT_OTP')).json()) as { content: { otp: string }[] }
    expect(outbox.content[0]!.otp).toBe(body.otp)
  })

  it('answers 409 EMAIL_ALREADY_TAKEN for an e-mail of the partner, whatever its case; another partner may use it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    expect((await createAccount(w, token, 'bob@sandbox.test', [])).status).toBe(201)
    for (const email of ['BOB@sandbox.test', 'partner@sandbox.test']) {
      const res = await createAccount(w, token, email, ['CONSUMER_LIST'])
      expect(res.status).toBe(409)
      const body = await errorBody(res)
      expect(body).toEqual({ errorCode: 'EMAIL_ALREADY_TAKEN', message: 'Username is already taken', error: 'linkcy.conflict', status: 409, timestamp: NOW })
      expect(referenceErrors('POST', '/api/partner/accounts', 409, body)).toEqual([])
    }
    expect((await createAccount(w, await w.partnerToken(OTHER), 'bob@sandbox.test', [])).status).toBe(201)
  })

  it('answers 403 ROLE_NOT_ALLOWED naming the first role the caller does not hold', async () => {
    const w = makeWorld()
    const { token } = await accountToken(w, ['ACCOUNT_CREATE', 'CONSUMER_LIST'], 'manager@sandbox.test')
    const res = await createAccount(w, token, 'carol@sandbox.test', ['CONSUMER_LIST', 'LEDGER_CREATE', 'CARD_CREATE'])
    expect(res.status).toBe(403)
    const body = await errorBody(res)
    expect(body).toEqual({ errorCode: 'ROLE_NOT_ALLOWED', message: 'Can not set a role you dont have: LEDGER_CREATE', error: 'linkcy.forbidden', status: 403, timestamp: NOW })
    expect(referenceErrors('POST', '/api/partner/accounts', 403, body)).toEqual([])
    const ok = await createAccount(w, token, 'carol@sandbox.test', ['CONSUMER_LIST'])
    expect(ok.status).toBe(201)
  })

  it('validates the body (400) and needs ACCOUNT_CREATE (403) and a token (401)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const cases: [unknown, string][] = [
      [{ email: 'x@sandbox.test', roles: ['NOT_A_ROLE'] }, 'roles[0]'],
      [{ email: 'not-an-email', roles: [] }, 'email'],
      [{ roles: [] }, 'email'],
      [{ email: 'x@sandbox.test' }, 'roles'],
      [{ email: 'x@sandbox.test', roles: 'CONSUMER_LIST' }, 'roles'],
    ]
    for (const [body, field] of cases) {
      const res = await w.call('POST', '/api/partner/accounts', { token, body })
      expect(res.status).toBe(400)
      const error = await errorBody(res)
      expect(error).toMatchObject({ error: 'linkcy.bad.request', details: [{ field }] })
      expect(referenceErrors('POST', '/api/partner/accounts', 400, error)).toEqual([])
    }
    const { token: noRole } = await accountToken(w, ['CONSUMER_LIST'], 'lister@sandbox.test')
    const denied = await createAccount(w, noRole, 'y@sandbox.test', [])
    expect(denied.status).toBe(403)
    expect(referenceErrors('POST', '/api/partner/accounts', 403, await errorBody(denied))).toEqual([])
    const anonymous = await w.call('POST', '/api/partner/accounts', { body: { email: 'z@sandbox.test', roles: [] } })
    expect(anonymous.status).toBe(401)
    expect(referenceErrors('POST', '/api/partner/accounts', 401, await errorBody(anonymous))).toEqual([])
  })
})

describe('GET /api/partner/accounts', () => {
  it('pages the partner own accounts, in creation order or sorted by e-mail', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    for (const email of ['zed@sandbox.test', 'amy@sandbox.test', 'max@sandbox.test']) {
      w.store.clock.advance(1000)
      await createAccount(w, token, email, ['CONSUMER_INFO'])
    }
    await createAccount(w, await w.partnerToken(OTHER), 'hidden@other.test', [])
    const all = await w.call('GET', '/api/partner/accounts', { token })
    expect(all.status).toBe(200)
    const page = (await all.json()) as { content: { email: string; roles: string[]; creationDate: string }[]; totalElements: number; page: number; pageSize: number }
    expect(referenceErrors('GET', '/api/partner/accounts', 200, page)).toEqual([])
    expect(page.content.map((a) => a.email)).toEqual(['partner@sandbox.test', 'zed@sandbox.test', 'amy@sandbox.test', 'max@sandbox.test'])
    expect(page).toMatchObject({ totalElements: 4, page: 0, pageSize: 20 })
    expect(page.content[1]).toMatchObject({ roles: ['CONSUMER_INFO'], creationDate: '2026-01-15T10:00:01.000Z' })

    const sorted = (await (await w.call('GET', '/api/partner/accounts?sortAttribute=EMAIL&sortDirection=DESC&pageSize=2&page=0', { token })).json()) as typeof page
    expect(sorted.content.map((a) => a.email)).toEqual(['zed@sandbox.test', 'partner@sandbox.test'])
    expect(sorted).toMatchObject({ totalElements: 4, page: 0, pageSize: 2 })
    const second = (await (await w.call('GET', '/api/partner/accounts?sortAttribute=EMAIL&pageSize=2&page=1', { token })).json()) as typeof page
    expect(second.content.map((a) => a.email)).toEqual(['partner@sandbox.test', 'zed@sandbox.test'])

    for (const query of ['sortAttribute=CREATION_DATE', 'pageSize=101', 'page=-1', 'sortDirection=UP']) {
      const bad = await w.call('GET', `/api/partner/accounts?${query}`, { token })
      expect(bad.status).toBe(400)
      expect(referenceErrors('GET', '/api/partner/accounts', 400, await errorBody(bad))).toEqual([])
    }
  })

  it('needs ACCOUNT_CREATE (403) and a partner token', async () => {
    const w = makeWorld()
    const { token } = await accountToken(w, ['PARTNER_INFO'], 'viewer@sandbox.test')
    const denied = await w.call('GET', '/api/partner/accounts', { token })
    expect(denied.status).toBe(403)
    expect(referenceErrors('GET', '/api/partner/accounts', 403, await errorBody(denied))).toEqual([])
    const anonymous = await w.call('GET', '/api/partner/accounts')
    expect(referenceErrors('GET', '/api/partner/accounts', 401, await errorBody(anonymous))).toEqual([])
  })
})

describe('PATCH /api/partner/accounts/{accountId}', () => {
  it('replaces the roles, which apply to the tokens issued afterwards (roles live in the JWT)', async () => {
    const w = makeWorld()
    const admin = await w.partnerToken()
    const user = await accountToken(w, ['CONSUMER_LIST'], 'dave@sandbox.test')
    expect((await w.call('GET', '/api/partner', { token: user.token })).status).toBe(403)
    w.store.clock.advance(5000)
    const res = await w.call('PATCH', `/api/partner/accounts/${user.id}`, { token: admin, body: { roles: ['PARTNER_INFO', 'CONSUMER_LIST'] } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(referenceErrors('PATCH', '/api/partner/accounts/{accountId}', 200, body)).toEqual([])
    expect(body).toEqual({ id: user.id, updateDate: '2026-01-15T10:00:05.000Z' })
    expect((await w.call('GET', '/api/partner', { token: user.token })).status).toBe(403) // issued before the change
    const relogged = await w.call('POST', '/api/partner/login', { body: { partnerName: 'sandbox', username: 'dave@sandbox.test', password: user.password } })
    const fresh = ((await relogged.json()) as { token: string }).token
    expect((await w.call('GET', '/api/partner', { token: fresh })).status).toBe(200)
    const list = (await (await w.call('GET', '/api/partner/accounts?sortAttribute=EMAIL', { token: admin })).json()) as { content: { id: string; roles: string[]; updateDate: string }[] }
    expect(list.content.find((a) => a.id === user.id)).toMatchObject({ roles: ['PARTNER_INFO', 'CONSUMER_LIST'], updateDate: '2026-01-15T10:00:05.000Z' })
  })

  it('answers 404 PARTNER_ACCOUNT_NOT_FOUND for an unknown or another partner account', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const otherAccount = w.loaded.partners['other-sandbox']!.users['partner@other.test']!
    for (const id of [otherAccount, '6b0d4c0e-1f4e-4c5e-9d7a-2b1f3c4d5e6f']) {
      const res = await w.call('PATCH', `/api/partner/accounts/${id}`, { token, body: { roles: [] } })
      expect(res.status).toBe(404)
      const body = await errorBody(res)
      expect(body).toEqual({ errorCode: 'PARTNER_ACCOUNT_NOT_FOUND', message: `Partner account ${id} was not found.`, error: 'linkcy.not.found', status: 404, timestamp: NOW })
      expect(referenceErrors('PATCH', '/api/partner/accounts/{accountId}', 404, body)).toEqual([])
    }
    const otherRow = findPartnerAccount(w.store, w.loaded.partners['other-sandbox']!.id, otherAccount)
    expect(otherRow!.roles.length).toBeGreaterThan(10)
  })

  it('answers 403 ROLE_NOT_ALLOWED, 400 for a non-uuid id or bad roles, 403 without ACCOUNT_CREATE', async () => {
    const w = makeWorld()
    const manager = await accountToken(w, ['ACCOUNT_CREATE', 'CONSUMER_INFO'], 'manager@sandbox.test')
    const target = await accountToken(w, ['CONSUMER_INFO'], 'erin@sandbox.test')
    const res = await w.call('PATCH', `/api/partner/accounts/${target.id}`, { token: manager.token, body: { roles: ['CONSUMER_INFO', 'CARD_PIN'] } })
    expect(res.status).toBe(403)
    const body = await errorBody(res)
    expect(body).toEqual({ errorCode: 'ROLE_NOT_ALLOWED', message: 'Can not set a role you dont have: CARD_PIN', error: 'linkcy.forbidden', status: 403, timestamp: NOW })
    expect(referenceErrors('PATCH', '/api/partner/accounts/{accountId}', 403, body)).toEqual([])
    expect(findPartnerAccount(w.store, w.loaded.partners.sandbox!.id, target.id)!.roles).toEqual(['CONSUMER_INFO'])

    const notUuid = await w.call('PATCH', '/api/partner/accounts/not-a-uuid', { token: manager.token, body: { roles: [] } })
    expect(notUuid.status).toBe(400)
    const notUuidBody = await errorBody(notUuid)
    expect(notUuidBody).toMatchObject({ details: [{ field: 'accountId', rejectedValue: 'not-a-uuid' }] })
    expect(referenceErrors('PATCH', '/api/partner/accounts/{accountId}', 400, notUuidBody)).toEqual([])
    const noRoles = await w.call('PATCH', `/api/partner/accounts/${target.id}`, { token: manager.token, body: {} })
    expect(noRoles.status).toBe(400)

    const denied = await w.call('PATCH', `/api/partner/accounts/${manager.id}`, { token: target.token, body: { roles: [] } })
    expect(denied.status).toBe(403)
    expect(referenceErrors('PATCH', '/api/partner/accounts/{accountId}', 403, await errorBody(denied))).toEqual([])
    const anonymous = await w.call('PATCH', `/api/partner/accounts/${target.id}`, { body: { roles: [] } })
    expect(referenceErrors('PATCH', '/api/partner/accounts/{accountId}', 401, await errorBody(anonymous))).toEqual([])
  })
})
