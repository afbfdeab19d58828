import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCENARIO, parseScenario, readScenarioFile, ScenarioError } from '../../src/scenarios/loader'
import { errorBody, makeWorld, SANDBOX } from '../helpers/app'

// The scenario file format (docs/scenarios.md): validation names the bad field, the default
// fixture is valid, POST /_sim/scenarios answers the created ids, /_sim/reset restores the start world.

function issuesOf(document: unknown): { path: string; message: string }[] {
  try {
    parseScenario(document)
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues
    throw error
  }
  return []
}

const EXTRA = { partners: [{ name: 'extra', users: [{ email: 'ops@extra.test', password: 'Extra-Password-1' }] }] }

describe('parseScenario', () => {
  it('accepts fixtures/default.json (two partners with their users)', () => {
    const scenario = readScenarioFile(DEFAULT_SCENARIO)
    expect(scenario.partners.map((p) => p.name)).toEqual(['sandbox', 'other-sandbox'])
    expect(scenario.partners[0]!.users[0]).toMatchObject({ email: 'partner@sandbox.test' })
    expect(scenario.partners[0]!.users[0]!.roles).toContain('CONSUMER_CREATE') // "ALL" expands to every LinkCy role
    expect(parseScenario(JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')))).toEqual(scenario)
  })

  it('fills the defaults of an almost empty document', () => {
    expect(parseScenario({})).toEqual({ partners: [] })
    const [partner] = parseScenario({ partners: [{ name: 'p1' }] }).partners
    expect(partner).toMatchObject({ name: 'p1', settings: {}, users: [], consumers: [], randomConsumers: 0 })
  })

  it('refuses a bad field with its path', () => {
    const bad = { partners: [{ name: 'p1', users: [{ email: 'not-an-email', password: 'Password-1' }] }] }
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['partners[0].users[0].email'])
    expect(() => parseScenario(bad)).toThrow(/partners\[0\]\.users\[0\]\.email/)
  })

  it('names every bad field, nested anywhere, and unknown keys', () => {
    const bad = {
      partners: [
        { name: 'ok' },
        {
          name: 'Not A Technical Name',
          settings: { phoneCode: '12' },
          users: [{ email: 'a@b.test', roles: ['NOT_A_ROLE'] }],
          consumers: [{ kycStatus: 'SOMETHING', phone: { countryCode: '33', number: 'abc' } }],
          surprise: true,
        },
      ],
    }
    const paths = issuesOf(bad).map((i) => i.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'partners[1].name',
        'partners[1].settings.phoneCode',
        'partners[1].users[0].roles[0]', // "ALL" or a list of roles: the union is reported as a whole
        'partners[1].consumers[0].kycStatus',
        'partners[1].consumers[0].phone.number',
      ]),
    )
    // strict objects: an unknown key is reported on the object that holds it
    expect(issuesOf(bad).some((i) => i.path === 'partners[1]' && /surprise/.test(i.message))).toBe(true)
  })

  it('refuses a file that cannot be read or is not JSON, naming the file', () => {
    expect(() => readScenarioFile('/nonexistent/scenario.json')).toThrow(/cannot read \/nonexistent\/scenario\.json/)
  })
})

describe('POST /_sim/scenarios', () => {
  it('loads a scenario on top of the world and answers the created ids by name (201)', async () => {
    const w = makeWorld()
    const res = await w.call('POST', '/_sim/scenarios', { body: EXTRA })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { partners: Record<string, { id: string; users: Record<string, string>; consumers: Record<string, string> }> }
    expect(body.partners.extra).toMatchObject({ id: expect.any(String), users: { 'ops@extra.test': expect.any(String) }, consumers: {} })
    const login = await w.call('POST', '/api/partner/login', { body: { partnerName: 'extra', username: 'ops@extra.test', password: 'Extra-Password-1' } })
    expect(login.status).toBe(200)
    // the default world is still there
    expect((await w.call('POST', '/api/partner/login', { body: SANDBOX })).status).toBe(200)
  })

  it('answers a bad document with 400 linkcy.bad.request whose details name the bad field', async () => {
    const w = makeWorld()
    const res = await w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'p1', users: [{ email: 'nope' }] }] } })
    expect(res.status).toBe(400)
    const body = await errorBody(res)
    expect(body).toMatchObject({ error: 'linkcy.bad.request', status: 400 })
    expect(body.details).toEqual([expect.objectContaining({ field: 'partners[0].users[0].email', message: expect.any(String) })])
  })

  it('answers malformed JSON with a 400 on field body, and a bad part with a 400 loading nothing', async () => {
    const w = makeWorld()
    const malformed = await w.call('POST', '/_sim/scenarios', { body: '{"partners": [', headers: { 'Content-Type': 'application/json' } })
    expect(malformed.status).toBe(400)
    expect(await errorBody(malformed)).toMatchObject({ details: [{ field: 'body' }] })
    const duplicate = { partners: [{ name: 'brand-new', users: [{ email: 'x@new.test', password: 'Password-1' }] }, { name: 'sandbox', users: [{ email: 'partner@sandbox.test' }] }] }
    const res = await w.call('POST', '/_sim/scenarios', { body: duplicate })
    expect(res.status).toBe(400)
    expect(await errorBody(res)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'partners[1].users[0].email' }] })
    // one transaction: the first partner of the refused document was not created either
    const login = await w.call('POST', '/api/partner/login', { body: { partnerName: 'brand-new', username: 'x@new.test', password: 'Password-1' } })
    expect(login.status).toBe(401)
  })
})

describe('POST /_sim/reset', () => {
  it('restores the default world: what was created is gone, the default logins work, ids start over', async () => {
    const w = makeWorld()
    const sandboxId = w.loaded.partners.sandbox!.id
    await w.call('POST', '/_sim/scenarios', { body: EXTRA })
    const extraLogin = { partnerName: 'extra', username: 'ops@extra.test', password: 'Extra-Password-1' }
    const extraToken = ((await (await w.call('POST', '/api/partner/login', { body: extraLogin })).json()) as { token: string }).token

    const reset = await w.call('POST', '/_sim/reset')
    expect(reset.status).toBe(200)
    const body = (await reset.json()) as { partners: Record<string, { id: string }> }
    expect(Object.keys(body.partners)).toEqual(['sandbox', 'other-sandbox'])
    // same seed, id stream rewound: the default world gets the same ids again
    expect(body.partners.sandbox!.id).toBe(sandboxId)

    expect((await w.call('POST', '/api/partner/login', { body: extraLogin })).status).toBe(401)
    const stale = await w.call('GET', '/api/partner/no-such-thing', { token: extraToken })
    expect(stale.status).toBe(401)
    expect((await w.call('POST', '/api/partner/login', { body: SANDBOX })).status).toBe(200)
  })

  it('sets the clock back to real, running time', async () => {
    const w = makeWorld({ now: '2020-01-01T00:00:00Z' })
    expect(w.store.clock.frozen).toBe(true)
    await w.call('POST', '/_sim/reset')
    const clock = (await (await w.call('GET', '/_sim/clock')).json()) as { now: string; frozen: boolean }
    expect(clock.frozen).toBe(false)
    expect(Date.parse(clock.now)).toBeGreaterThan(Date.parse('2025-01-01T00:00:00Z'))
  })
})

describe('POST /_sim/scenarios on an existing partner', () => {
  it('extends it: settings merged, users and consumers added, ids answered', async () => {
    const { makeWorld } = await import('../helpers/app')
    const w = makeWorld()
    const res = await w.call('POST', '/_sim/scenarios', {
      body: { partners: [{ name: 'sandbox', settings: { smsServiceActive: false }, users: [{ email: 'viewer@sandbox.test', roles: ['CONSUMER_LIST'] }], consumers: [{ ref: 'zoe', kycStatus: 'VALIDATED' }] }] },
    })
    expect(res.status).toBe(201)
    const loaded = (await res.json()) as { partners: { sandbox: { id: string; users: Record<string, string>; consumers: Record<string, string> } } }
    expect(loaded.partners.sandbox.id).toBe(w.loaded.partners.sandbox!.id)
    // The one-time password of a user declared without a password is in the outbox; its first login asks for a new password.
    const outbox = (await (await w.call('GET', '/_sim/outbox?purpose=PARTNER_ACCOUNT_OTP')).json()) as { content: { recipient: string; otp: string }[] }
    const otp = outbox.content.find((m) => m.recipient === 'viewer@sandbox.test')!.otp
    const first = await w.call('POST', '/api/partner/login', { body: { partnerName: 'sandbox', username: 'viewer@sandbox.test', password: otp } })
    expect(Object.keys((await first.json()) as object)).toEqual(['passwordChangeSecret'])
    const token = await w.partnerToken()
    const zoe = await w.call('GET', `/api/partner/consumers/${loaded.partners.sandbox.consumers.zoe}`, { token })
    expect(((await zoe.json()) as { kycInfo: { status: string } }).kycInfo.status).toBe('VALIDATED')
    // The merged setting took effect: the partner SMS service is now off.
    const sms = await w.call('POST', '/api/partner/sms', { token, body: { consumerId: loaded.partners.sandbox.consumers.zoe, message: 'hi' } })
    expect(sms.status).toBe(409)
    // The same user twice is refused, naming the field.
    const again = await w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'sandbox', users: [{ email: 'viewer@sandbox.test' }] }] } })
    expect(again.status).toBe(400)
    expect(((await again.json()) as { details: { field: string }[] }).details[0]!.field).toBe('partners[0].users[0].email')
  })
})
