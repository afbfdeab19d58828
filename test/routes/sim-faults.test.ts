import { describe, expect, it } from 'vitest'
import { errorBody, makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { CONSUMERS, MISSING_ID, createConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { balancesCents, insertBankingConsumer, insertBeneficiary, insertLedger, postTransfer } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// /_sim/faults: errors, lost responses and latency injected into LinkCy's API, deterministic by seed.

const FAULTS = '/_sim/faults'
const PHONE = (n: number) => ({ countryCode: '33', number: String(611_111_100 + n) })
const count = (w: TestWorld, table: string) => (w.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

async function addFault(w: TestWorld, rule: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await w.call('POST', FAULTS, { body: rule })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as Record<string, any>
}

async function listFaults(w: TestWorld): Promise<Record<string, any>[]> {
  return ((await (await w.call('GET', FAULTS)).json()) as { content: Record<string, any>[] }).content
}

describe('/_sim/faults rules', () => {
  it('POST 201 the rule (times 1 by default), GET lists it, DELETE one 204 then 404, DELETE all 204', async () => {
    const w = makeWorld()
    const rule = await addFault(w, { path: '/api/partner/consumers', method: 'POST', status: 503 })
    expect(rule).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), method: 'POST', path: '/api/partner/consumers', when: 'BEFORE', status: 503,
      times: 1, matched: 0, hits: 0, createdAt: '2026-01-15T10:00:00.000Z',
    })
    expect(await listFaults(w)).toEqual([rule])
    expect((await w.call('DELETE', `${FAULTS}/${rule.id}`)).status).toBe(204)
    await expectError(await w.call('DELETE', `${FAULTS}/${rule.id}`), 404, 'FAULT_NOT_FOUND', `Fault ${rule.id} was not found.`)
    await addFault(w, { path: '/api/*', status: 500, times: null })
    await addFault(w, { path: '/api/partner/cards/{cardId}', delayMs: 5 })
    expect(await listFaults(w)).toHaveLength(2)
    expect((await w.call('DELETE', FAULTS)).status).toBe(204)
    expect(await listFaults(w)).toEqual([])
  })

  it('bad input is a 400 in the control plane style, never a 500', async () => {
    const w = makeWorld()
    const cases: [unknown, string][] = [
      [{}, 'path'],
      [{ path: '/api/partner/consumers' }, 'status'], // neither status, errorCode nor delayMs
      [{ path: '/partner/consumers', status: 500 }, 'path'],
      [{ path: '/api/partner/{consumerId/x', status: 500 }, 'path'],
      [{ path: '/api/*/consumers', status: 500 }, 'path'],
      [{ path: '/api/x', status: 200 }, 'status'],
      [{ path: '/api/x', status: 501 }, 'status'],
      [{ path: '/api/x', status: '500' }, 'status'],
      [{ path: '/api/x', status: 500, when: 'DURING' }, 'when'],
      [{ path: '/api/x', status: 500, method: 'get' }, 'method'],
      [{ path: '/api/x', errorCode: 'NO_SUCH_CODE' }, 'errorCode'],
      [{ path: '/api/x', status: 500, errorParams: ['a'] }, 'errorParams'],
      [{ path: '/api/x', status: 500, retryAfterSeconds: 3 }, 'retryAfterSeconds'],
      [{ path: '/api/x', status: 500, times: 0 }, 'times'],
      [{ path: '/api/x', status: 500, probability: 1.5 }, 'probability'],
      [{ path: '/api/x', status: 500, delayMs: -1 }, 'delayMs'],
      [{ path: '/api/x', status: 500, delayMs: 60_001 }, 'delayMs'],
      [{ path: '/api/x', status: 500, extra: true }, ''],
      [{ path: '/api/x', status: 500, partnerName: 'nobody' }, 'partnerName'],
      [[1, 2], ''],
      ['{not json', 'body'],
    ]
    for (const [body, field] of cases) {
      const res = await w.call('POST', FAULTS, { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      const error = await errorBody(res)
      expect(error.error).toBe('linkcy.bad.request')
      if (field) expect((error.details as { field: string }[]).map((d) => d.field), JSON.stringify(body)).toContain(field)
    }
    const long = await w.call('POST', FAULTS, { body: { path: `/api/${'x'.repeat(400)}`, status: 500 } })
    expect((await errorBody(long)).errorCode).toBe('TOO_LONG_FIELD')
    expect((await w.call('DELETE', `${FAULTS}/not-an-id`)).status).toBe(404)
    expect(await listFaults(w)).toEqual([])
  })

  it('/_sim/reset clears the rules', async () => {
    const w = makeWorld()
    await addFault(w, { path: '/api/*', status: 503, times: null })
    expect((await w.call('POST', '/_sim/reset')).status).toBe(200)
    expect(await listFaults(w)).toEqual([])
    expect((await w.call('POST', '/api/partner/login', { body: { partnerName: 'sandbox', username: 'partner@sandbox.test', password: 'Sandbox-Password-1' } })).status).toBe(200)
  })
})

describe('faults on LinkCy API requests', () => {
  it('BEFORE 503 on POST /consumers: 503 body, no consumer created, the next call succeeds (times 1)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const rule = await addFault(w, { method: 'POST', path: '/api/partner/consumers', when: 'BEFORE', status: 503 })
    const before = count(w, 'consumers')
    const rngBefore = w.store.rng.state.counter
    const res = await w.call('POST', CONSUMERS, { token, body: { phone: PHONE(1) } })
    expect(res.status).toBe(503)
    expect(res.headers.get('Retry-After')).toBeNull()
    const { timestamp: _t, ...body } = await errorBody(res)
    expect(body).toEqual({ message: 'The service is temporarily unavailable, please retry later.', error: 'linkcy.service.unavailable', status: 503 })
    expect(count(w, 'consumers')).toBe(before)
    expect(w.store.rng.state.counter).toBe(rngBefore)
    await createConsumer(w, { phone: PHONE(1) }, token)
    expect(count(w, 'consumers')).toBe(before + 1)
    expect((await listFaults(w))[0]).toMatchObject({ id: rule.id, times: 1, matched: 1, hits: 1 })
  })

  it('AFTER 500 on a transfer: the client sees a 500, the transaction exists and the balance moved', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const alice = insertBankingConsumer(w)
    const from = insertLedger(w, { consumerId: alice.id, available: 100 })
    const beneficiary = insertBeneficiary(w, { consumerId: alice.id })
    await addFault(w, { method: 'POST', path: '/api/partner/transactions', when: 'AFTER', status: 500 })
    const res = await postTransfer(w, token, { amount: 25, ledgerFromId: from.id, beneficiaryId: beneficiary.id })
    expect(res.status).toBe(500)
    const { timestamp: _t, ...body } = await errorBody(res)
    expect(body).toEqual({ message: 'An unexpected error occurred.', error: 'linkcy.internal', status: 500 })
    expect(res.headers.get('Location')).toBeNull()
    expect(count(w, 'transactions')).toBe(1)
    expect(balancesCents(w, from.id)).toEqual({ available: 7500, reserved: 2500, total: 10000 })
    const list = await w.call('GET', `/api/partner/transactions?ledgerId=${from.id}`, { token })
    expect(list.status).toBe(200)
  })

  it('an errorCode rule answers LinkCy’s exact body of that code (with the rule’s or the catalogue’s status)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const real = await w.call('GET', `${CONSUMERS}/${MISSING_ID}`, { token })
    const realBody = await real.json()
    const id = await createConsumer(w, { phone: PHONE(2) }, token)
    await addFault(w, { method: 'GET', path: '/api/partner/consumers/{consumerId}', errorCode: 'CONSUMER_NOT_FOUND', errorParams: [MISSING_ID] })
    const injected = await w.call('GET', `${CONSUMERS}/${id}`, { token })
    expect(injected.status).toBe(404)
    const body = await injected.json()
    expect(body).toEqual(realBody)
    expect(referenceErrors('GET', '/api/partner/consumers/{consumerId}', 404, body)).toEqual([])
    expect((await w.call('GET', `${CONSUMERS}/${id}`, { token })).status).toBe(200) // times 1: spent

    await addFault(w, { path: `/api/partner/consumers/${id}`, errorCode: 'PHONE_ALREADY_TAKEN', status: 503 })
    const retyped = await errorBody(await w.call('GET', `${CONSUMERS}/${id}`, { token }))
    expect(retyped).toMatchObject({ errorCode: 'PHONE_ALREADY_TAKEN', message: 'A consumer with this phone already exists.', error: 'linkcy.service.unavailable', status: 503 })

    await addFault(w, { path: '/api/partner/consumers/*', errorCode: 'END_USER_NOT_FOUND', errorParams: ['x'] })
    const bad = await w.call('GET', `${CONSUMERS}/${id}`, { token })
    await expectError(bad, 400, 'END_USER_NOT_FOUND', 'End-user with id x was not found.')
  })

  it('path templates match any id in their {segment}, a trailing * matches a prefix, method filters', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const a = await createConsumer(w, { phone: PHONE(3) }, token)
    const b = await createConsumer(w, { phone: PHONE(4) }, token)
    await addFault(w, { method: 'GET', path: '/api/partner/consumers/{consumerId}', status: 502, times: 2 })
    expect((await w.call('GET', CONSUMERS, { token })).status).toBe(200) // the collection is another path
    expect((await w.call('PATCH', `${CONSUMERS}/${a}`, { token, body: { firstName: 'Ann' } })).status).toBe(200) // another method
    const first = await w.call('GET', `${CONSUMERS}/${a}`, { token })
    expect(await errorBody(first)).toMatchObject({ error: 'linkcy.bad.gateway', status: 502 })
    expect((await w.call('GET', `${CONSUMERS}/${b}`, { token })).status).toBe(502)
    expect((await w.call('GET', `${CONSUMERS}/${b}`, { token })).status).toBe(200) // times 2: spent, still listed
    expect((await listFaults(w))[0]).toMatchObject({ hits: 2, times: 2 })

    await addFault(w, { path: '/api/partner/consumers*', status: 504, times: null })
    expect((await w.call('GET', CONSUMERS, { token })).status).toBe(504)
    expect((await w.call('GET', `${CONSUMERS}/${a}`, { token })).status).toBe(504)
    expect((await w.call('GET', '/api/partner/ledgers', { token })).status).not.toBe(504)
  })

  it('partnerName scopes a rule to the caller’s partner; anonymous calls only meet rules without one', async () => {
    const w = makeWorld()
    const mine = await w.partnerToken()
    const theirs = await w.partnerToken(OTHER)
    await addFault(w, { partnerName: 'sandbox', path: '/api/partner/consumers', status: 429, times: null })
    expect((await w.call('POST', CONSUMERS, { token: theirs, body: { phone: PHONE(5) } })).status).toBe(201)
    expect((await w.call('POST', CONSUMERS, { body: { partnerName: 'sandbox', phone: PHONE(6) } })).status).toBe(201) // anonymous
    const limited = await w.call('POST', CONSUMERS, { token: mine, body: { phone: PHONE(7) } })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('Retry-After')).toBe('1')
    const { timestamp: _t, ...body } = await errorBody(limited)
    expect(body).toEqual({ message: 'Too many requests, please retry later.', error: 'linkcy.too.many.requests', status: 429 })

    await addFault(w, { path: '/api/partner/consumers', status: 503, retryAfterSeconds: 30 })
    const anonymous = await w.call('POST', CONSUMERS, { body: { partnerName: 'sandbox', phone: PHONE(8) } })
    expect(anonymous.status).toBe(503)
    expect(anonymous.headers.get('Retry-After')).toBe('30')
  })

  it('a 401/403/404/400 without errorCode answers the body the simulator answers for that status', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    for (const [status, expected] of [
      [401, { message: 'Full authentication is required to access this resource', error: 'linkcy.unauthorized', status: 401 }],
      [403, { message: 'Access Denied', error: 'linkcy.forbidden', status: 403 }],
      [404, { message: 'No endpoint GET /api/partner/consumers.', error: 'linkcy.not.found', status: 404 }],
      [400, { details: [], error: 'linkcy.bad.request', status: 400 }],
      [409, { message: 'Conflict.', error: 'linkcy.conflict', status: 409 }],
    ] as const) {
      await addFault(w, { path: '/api/partner/consumers', status })
      const { timestamp: _t, ...body } = await errorBody(await w.call('GET', CONSUMERS, { token, headers: { Origin: 'http://localhost:3000' } }))
      expect(body).toEqual(expected)
    }
  })

  it('delayMs delays the answer (wall time; lower bound only); a delay-only rule lets the real answer through', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await addFault(w, { path: '/api/partner/consumers', method: 'POST', delayMs: 30 })
    let started = performance.now()
    const res = await w.call('POST', CONSUMERS, { token, body: { phone: PHONE(9) } })
    expect(performance.now() - started).toBeGreaterThanOrEqual(25)
    expect(res.status).toBe(201)
    await addFault(w, { path: '/api/partner/consumers', when: 'AFTER', status: 504, delayMs: 30 })
    started = performance.now()
    const lost = await w.call('POST', CONSUMERS, { token, body: { phone: PHONE(10) } })
    expect(performance.now() - started).toBeGreaterThanOrEqual(25)
    expect(lost.status).toBe(504)
    expect(count(w, 'consumers')).toBeGreaterThanOrEqual(2) // AFTER: the second consumer exists
  })

  it('keeps CORS headers on an injected answer', async () => {
    const w = makeWorld()
    await addFault(w, { path: '/api/partner/login', status: 503 })
    const res = await w.call('POST', '/api/partner/login', { body: {}, headers: { Origin: 'http://localhost:3000' } })
    expect(res.status).toBe(503)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })
})

describe('determinism', () => {
  async function script(w: TestWorld, rules: Record<string, unknown>[]): Promise<{ statuses: number[]; ids: string[] }> {
    for (const rule of rules) await addFault(w, rule)
    const token = await w.partnerToken()
    const statuses: number[] = []
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const res = await w.call('POST', CONSUMERS, { token, body: { phone: PHONE(20 + i) } })
      statuses.push(res.status)
      if (res.status === 201) ids.push(((await res.json()) as { id: string }).id)
    }
    return { statuses, ids }
  }

  it('probability draws are seeded: two worlds with the same seed fault the same requests', async () => {
    const rule = { path: '/api/partner/consumers', method: 'POST', status: 503, times: null, probability: 0.5 }
    const one = await script(makeWorld({ seed: 7 }), [rule])
    const two = await script(makeWorld({ seed: 7 }), [rule])
    expect(one).toEqual(two)
    expect(one.statuses).toContain(503)
    expect(one.statuses).toContain(201)
  })

  it('a rule that never fires leaves the id stream untouched', async () => {
    const none = await script(makeWorld({ seed: 9 }), [])
    const unmatched = await script(makeWorld({ seed: 9 }), [
      { path: '/api/partner/ledgers', status: 500, times: null },
      { path: '/api/partner/consumers', status: 500, times: null, probability: 0 },
      { path: '/api/partner/consumers', status: 500, partnerName: 'other-sandbox' },
    ])
    expect(unmatched).toEqual(none)
    expect(none.statuses.every((s) => s === 201)).toBe(true)
  })
})
