import { describe, expect, it } from 'vitest'
import { errorBody, makeWorld, SANDBOX, type TestWorld } from '../helpers/app'
import { CONSUMERS, createConsumer, insertConsumer } from '../helpers/consumers'
import { DOCUMENTS, upload } from '../helpers/end-user-documents'
import { SCA_CASES, send } from '../helpers/sca-cases'
import { makeScaWorld, bodyOf } from '../helpers/sca-world'

// /_sim/faults as a CI suite drives it: odd request shapes (query strings, trailing slashes, id case,
// HEAD, multipart), AFTER on answers that are not a success, rules that could never fire, the paths
// that are never faulted, rule lifetimes, and rules travelling with snapshots.

const FAULTS = '/_sim/faults'
const PHONE = (n: number) => ({ countryCode: '33', number: String(622_222_200 + n) })
type Call = Pick<TestWorld, 'call'>

async function addFault(w: Call, rule: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await w.call('POST', FAULTS, { body: rule })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as Record<string, any>
}

const rules = async (w: Call) => ((await (await w.call('GET', FAULTS)).json()) as { content: Record<string, any>[] }).content
const count = (w: Pick<TestWorld, 'store'>, table: string) => w.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number

describe('which requests a rule matches', () => {
  it('the path whatever the query string; a rule path with a query string or a trailing slash is refused', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    for (const path of ['/api/partner/consumers?pageSize=5', '/api/partner/consumers/']) {
      const res = await w.call('POST', FAULTS, { body: { path, status: 503 } })
      expect(res.status).toBe(400)
      expect(((await errorBody(res)).details as { field: string }[]).map((d) => d.field)).toContain('path')
    }
    await addFault(w, { path: '/api/partner/consumers', method: 'GET', status: 503, times: null })
    expect((await w.call('GET', `${CONSUMERS}?pageSize=5&sort=creationDate,desc`, { token })).status).toBe(503)
    // A trailing slash is another path, which the router answers with 404: the rule does not see it.
    const slashed = await w.call('GET', `${CONSUMERS}/`, { token })
    expect(slashed.status).toBe(404)
    expect((await rules(w))[0]).toMatchObject({ matched: 1, hits: 1 })
  })

  it('ids in either case: a rule naming a resource catches it however the client spells the id', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createConsumer(w, { phone: PHONE(1) }, token)
    expect((await w.call('GET', `${CONSUMERS}/${id.toUpperCase()}`, { token })).status).toBe(200) // the simulator accepts both
    await addFault(w, { path: `${CONSUMERS}/${id}`, status: 503, times: null })
    expect((await w.call('GET', `${CONSUMERS}/${id.toUpperCase()}`, { token })).status).toBe(503)
    await w.call('DELETE', FAULTS)
    await addFault(w, { path: `${CONSUMERS}/${id.toUpperCase()}`, status: 503, times: null })
    expect((await w.call('GET', `${CONSUMERS}/${id}`, { token })).status).toBe(503)
  })

  it('HEAD is served by the GET handler, so a GET rule covers it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await addFault(w, { path: CONSUMERS, method: 'GET', status: 503 })
    expect((await w.call('HEAD', CONSUMERS, { token })).status).toBe(503)
    expect((await w.call('HEAD', CONSUMERS, { token })).status).toBe(200)
  })

  it('a partnerName on a credential endpoint (called without a token) is refused: such a rule could never fire', async () => {
    const w = makeWorld()
    for (const path of ['/api/partner/login', '/api/partner/refresh', '/api/partner/passwords/reset', '/api/partner/passwords/change']) {
      const res = await w.call('POST', FAULTS, { body: { path, partnerName: 'sandbox', status: 503 } })
      expect(res.status, path).toBe(400)
      expect(await errorBody(res)).toMatchObject({ details: [{ field: 'partnerName', rejectedValue: 'sandbox' }] })
    }
    // A prefix naming a partner still applies to that partner's authenticated calls, never to its logins.
    await addFault(w, { path: '/api/partner/*', partnerName: 'sandbox', status: 503, times: null })
    expect((await w.call('POST', '/api/partner/login', { body: SANDBOX })).status).toBe(200)
    const token = await w.partnerToken()
    expect((await w.call('GET', CONSUMERS, { token })).status).toBe(503)
  })

  it('never: CORS preflights, the control plane, hosted pages and files', async () => {
    const w = makeWorld()
    await addFault(w, { path: '/api/*', status: 503, times: null })
    const preflight = await w.call('OPTIONS', CONSUMERS, { headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect((await w.call('OPTIONS', CONSUMERS)).status).toBe(204)
    expect((await w.call('GET', '/_sim/clock')).status).toBe(200)
    expect((await w.call('GET', '/pages/kyc/00000000-0000-4000-8000-000000000000')).status).not.toBe(503)
    expect((await w.call('GET', '/files/00000000-0000-4000-8000-000000000000')).status).not.toBe(503)
    expect((await rules(w))[0]).toMatchObject({ matched: 0, hits: 0 })
  })
})

describe('BEFORE and AFTER on answers that are not a plain JSON success', () => {
  it('multipart uploads: BEFORE stores nothing, AFTER stores the document and loses the answer', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    await addFault(w, { path: DOCUMENTS, method: 'POST', status: 503 })
    expect((await upload(w, token, { endUserId: consumer.id, type: 'PASSPORT' })).status).toBe(503)
    expect(count(w, 'end_user_documents')).toBe(0)
    await addFault(w, { path: DOCUMENTS, method: 'POST', when: 'AFTER', status: 502 })
    const lost = await upload(w, token, { endUserId: consumer.id, type: 'PASSPORT' })
    expect(lost.status).toBe(502)
    expect(await errorBody(lost)).toMatchObject({ error: 'linkcy.bad.gateway' })
    expect(count(w, 'end_user_documents')).toBe(1)
    expect((await upload(w, token, { endUserId: consumer.id, type: 'PASSPORT' })).status).toBe(201)
  })

  it('AFTER on a request that fails (400): the failure is replaced and the rule is spent on it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await addFault(w, { path: CONSUMERS, method: 'POST', when: 'AFTER', status: 504 })
    const res = await w.call('POST', CONSUMERS, { token, body: { phone: 'not a phone' } })
    expect(res.status).toBe(504)
    expect((await rules(w))[0]).toMatchObject({ hits: 1, times: 1 })
    expect((await w.call('POST', CONSUMERS, { token, body: { phone: 'not a phone' } })).status).toBe(400)
  })

  it('AFTER on an SCA-protected operation answering 202: the challenge is created but its answer is lost', async () => {
    const w = makeScaWorld()
    const op = SCA_CASES.find((c) => c.ref.path === '/api/partner/transactions')!
    const req = await op.request(w, 'alice')
    await addFault(w, { path: op.ref.path, method: op.ref.method, when: 'AFTER', status: 504 })
    expect((await send(w, req)).status).toBe(504)
    const pending = (await bodyOf(await w.call('GET', '/_sim/sca/interactions'))).content as Record<string, unknown>[]
    expect(pending).toMatchObject([{ status: 'PENDING', path: op.ref.path }]) // on the phone, unknown to the client
    const retried = await send(w, req) // the rule is spent: the retry is challenged afresh
    expect(retried.status).toBe(202)
    expect((await bodyOf(retried)).scaId).not.toBe(pending[0]!.scaId)
  })
})

describe('rule lifetimes', () => {
  it('times null fires until deleted; a request that claimed the rule before the delete still gets it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const rule = await addFault(w, { path: CONSUMERS, method: 'GET', status: 503, times: null, delayMs: 50 })
    for (let i = 0; i < 3; i++) expect((await w.call('GET', CONSUMERS, { token })).status).toBe(503)
    const inFlight = w.call('GET', CONSUMERS, { token })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect((await w.call('DELETE', `${FAULTS}/${rule.id}`)).status).toBe(204)
    expect((await inFlight).status).toBe(503)
    expect((await w.call('GET', CONSUMERS, { token })).status).toBe(200)
  })

  it('probability 1 always fires, probability 0 never (its matched counter still counts)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await addFault(w, { path: CONSUMERS, method: 'GET', status: 503, times: null, probability: 0 })
    await addFault(w, { path: CONSUMERS, method: 'GET', status: 502, times: null, probability: 1 })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await w.call('GET', CONSUMERS, { token })).status)
    expect(statuses).toEqual([502, 502, 502, 502, 502])
    expect((await rules(w)).map((r) => [r.matched, r.hits])).toEqual([[5, 0], [5, 5]])
  })

  it('rules travel with snapshots: a restore brings back the rules and their counters of that moment', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const kept = await addFault(w, { path: CONSUMERS, method: 'GET', status: 503, times: 2 })
    const { id } = (await (await w.call('POST', '/_sim/snapshots')).json()) as { id: string }
    expect((await w.call('GET', CONSUMERS, { token })).status).toBe(503)
    const later = await addFault(w, { path: '/api/partner/ledgers', status: 500 })
    expect((await w.call('POST', `/_sim/snapshots/${id}/restore`)).status).toBe(200)
    expect(await rules(w)).toEqual([kept])
    expect((await w.call('GET', CONSUMERS, { token })).status).toBe(503)
    expect((await w.call('GET', CONSUMERS, { token })).status).toBe(503)
    expect((await w.call('GET', CONSUMERS, { token })).status).toBe(200)
    expect((await addFault(w, { path: '/api/partner/ledgers', status: 500 })).id).toBe(later.id) // same point, same id
  })
})

describe('bad rule bodies', () => {
  it('wrong JSON and wrong types are 400s in the control plane style, never 500s', async () => {
    const w = makeWorld()
    const bodies = [
      'null', '"x"', '5', 'true', '{', '{"path":null,"status":500}', '{"path":5,"status":500}', '{"path":"/api/x","status":null}',
      '{"path":"/api/x","status":1e400}', '{"path":"/api/x","status":500,"times":1.5}', '{"path":"/api/x","status":500,"times":"1"}',
      '{"path":"/api/x","status":500,"times":-1}', '{"path":"/api/x","status":500,"probability":"0.5"}', '{"path":"/api/x","status":500,"delayMs":1e20}',
      '{"path":"/api/x","status":500,"method":null}', '{"path":"/api/x","status":500,"when":null}', '{"path":"/api/x","status":500,"partnerName":5}',
      '{"path":"/api/x","status":500,"partnerName":""}', '{"path":"/api/x","status":500,"errorParams":"a"}', '{"path":"/api/x","errorCode":"CONSUMER_NOT_FOUND","errorParams":[1]}',
      '{"path":"/api/x","errorCode":"toString"}', '{"path":"/api/x","errorCode":"__proto__"}', '{"__proto__":{"x":1},"path":"/api/x","status":500}',
      '{"path":"/api/x","status":429,"retryAfterSeconds":1.5}',
    ]
    for (const body of bodies) {
      const res = await w.call('POST', FAULTS, { body })
      expect(res.status, body).toBe(400)
      expect((await errorBody(res)).error).toBe('linkcy.bad.request')
    }
    expect(await rules(w)).toEqual([])
  })
})
