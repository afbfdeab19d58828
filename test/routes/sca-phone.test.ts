import { describe, expect, it } from 'vitest'
import { errorBody } from '../helpers/app'
import { MESSAGES } from '../helpers/sca-cases'
import { PROBE_PATH, bodyOf, loginBody, makeScaWorld, type ScaWorld } from '../helpers/sca-world'
import { expectError } from '../helpers/errors'

// The simulated phone: /_sim/sca for programs, /pages/phone for people.

const challenge = async (w: ScaWorld, headers: Record<string, string> = {}) =>
  (await bodyOf(await w.call('POST', '/api/partner/login', { body: loginBody('alice'), headers }))) as { scaId: string; joinCode?: string }
const list = async (w: ScaWorld, query = '') => bodyOf(await w.call('GET', `/_sim/sca/interactions${query}`))

describe('/_sim/sca', () => {
  it('lists interactions by end-user and status, with operation and expiry', async () => {
    const w = makeScaWorld()
    const a = await challenge(w)
    const b = await challenge(w)
    await w.call('POST', `/_sim/sca/interactions/${b.scaId}/decline`)
    expect(await list(w, `?endUserId=${w.ids.alice}&status=PENDING`)).toEqual({
      content: [expect.objectContaining({
        scaId: a.scaId, status: 'PENDING', operation: 'LOGIN', method: 'POST', path: '/api/partner/login', endUserId: w.ids.alice,
        scaDeviceId: w.deviceOf('alice'), createdAt: '2026-01-15T10:00:00.000Z', expiresAt: '2026-01-15T10:05:00.000Z',
      })],
      totalElements: 1,
    })
    expect(((await list(w, '?partnerName=other-sandbox')).content as unknown[])).toEqual([])
    expect(((await list(w, `?endUserId=${w.ids.bob}`)).content as unknown[])).toEqual([])
    const bad = await w.call('GET', '/_sim/sca/interactions?status=LOST')
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'status', rejectedValue: 'LOST' }] })
  })

  it('approve / decline / expire follow the interaction lifecycle', async () => {
    const w = makeScaWorld()
    expect((await w.call('POST', '/_sim/sca/interactions/00000000-0000-4000-8000-000000000000/approve')).status).toBe(404)
    const { scaId } = await challenge(w)
    expect(await bodyOf(await w.call('POST', `/_sim/sca/interactions/${scaId}/approve`))).toMatchObject({ status: 'APPROVED' })
    expect(await bodyOf(await w.call('POST', `/_sim/sca/interactions/${scaId}/approve`))).toMatchObject({ status: 'APPROVED' })
    expect(await bodyOf(await w.call('POST', `/_sim/sca/interactions/${scaId}/decline`))).toMatchObject({ status: 'DECLINED' })
    await expectError(await w.call('POST', `/_sim/sca/interactions/${scaId}/approve`), 409, 'SCA_INTERACTION_DECLINED', MESSAGES.declined)
    const second = await challenge(w)
    expect(await bodyOf(await w.call('POST', `/_sim/sca/interactions/${second.scaId}/expire`))).toMatchObject({ status: 'EXPIRED' })
    await expectError(await w.call('POST', '/api/partner/login', { body: loginBody('alice'), headers: { 'Linkcy-SCA-Id': second.scaId } }), 409, 'SCA_INTERACTION_DECLINED', MESSAGES.declined)
    const third = await challenge(w)
    await w.call('POST', `/_sim/sca/interactions/${third.scaId}/approve`)
    expect((await w.call('POST', '/api/partner/login', { body: loginBody('alice'), headers: { 'Linkcy-SCA-Id': third.scaId } })).status).toBe(200)
    await expectError(await w.call('POST', `/_sim/sca/interactions/${third.scaId}/decline`), 409, 'SCA_INTERACTION_ALREADY_CONSUMED', MESSAGES.consumed)
  })

  it('joins a JOIN_CODE interaction with its code, and decides it in the same call', async () => {
    const w = makeScaWorld()
    const { scaId, joinCode } = await challenge(w, { 'Linkcy-SCA-Strategy': 'JOIN_CODE' })
    const joined = await bodyOf(await w.call('POST', '/_sim/sca/join', { body: { joinCode } }))
    expect(joined).toMatchObject({ type: 'INTERACTION', interaction: { scaId, status: 'PENDING', joinedAt: '2026-01-15T10:00:00.000Z' } })
    expect(await bodyOf(await w.call('POST', '/_sim/sca/join', { body: { joinCode, decision: 'APPROVE' } }))).toMatchObject({ interaction: { status: 'APPROVED' } })
    expect((await w.call('POST', '/api/partner/login', { body: loginBody('alice'), headers: { 'Linkcy-SCA-Id': scaId } })).status).toBe(200)
    expect((await w.call('POST', '/_sim/sca/join', { body: { joinCode: 'nope' } })).status).toBe(404)
    expect((await w.call('POST', '/_sim/sca/join', { body: {} })).status).toBe(400)
  })

  it('activates a pending device with its factors; shows devices with their signing secret', async () => {
    const w = makeScaWorld()
    const id = w.deviceOf('dave')
    const res = await w.call('POST', `/_sim/sca/devices/${id}/activate`, { body: { factors: ['PIN', 'BIOMETRY'] } })
    expect(await bodyOf(res)).toMatchObject({ id, status: 'ACTIVE', pinStatus: 'SET', biometryStatus: 'SET', secret: expect.any(String) })
    expect((await bodyOf(await w.call('GET', `/_sim/sca/devices?endUserId=${w.ids.dave}`))).totalElements).toBe(1)
    expect((await w.call('POST', '/_sim/sca/devices/00000000-0000-4000-8000-000000000000/activate', { body: {} })).status).toBe(404)
    expect((await w.call('POST', `/_sim/sca/devices/${id}/activate`, { body: { factors: ['IRIS'] } })).status).toBe(400)
  })

  it('signs only with an active device and an enrolled factor', async () => {
    const w = makeScaWorld()
    const sign = (id: string, extra: Record<string, unknown> = {}) =>
      w.call('POST', `/_sim/sca/devices/${id}/sign`, { body: { method: 'POST', path: PROBE_PATH, body: {}, ...extra } })
    await expectError(await sign(w.deviceOf('dave')), 409, 'SCA_DEVICE_NOT_VALID', MESSAGES.deviceNotValid)
    await expectError(await sign(w.deviceOf('carol'), { factor: 'PIN' }), 409, 'SCA_DEVICE_NOT_VALID', MESSAGES.deviceNotValid)
    expect((await sign('00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await sign(w.deviceOf('carol'), { path: 'no-slash' })).status).toBe(400)
    const ok = await bodyOf(await sign(w.deviceOf('alice'), { factor: 'PIN' }))
    expect(ok).toMatchObject({ header: 'Linkcy-SCA-Signature', factor: 'PIN', signedAt: '2026-01-15T10:00:00.000Z' })
    expect(String(ok.signature)).toMatch(new RegExp(`^PowerAuth pa_version="3.1", pa_activation_id="${w.deviceOf('alice')}", .*pa_signature_type="possession_knowledge", pa_signature="[A-Za-z0-9+/=]+"$`))
  })
})

describe('/pages/phone/{endUserId}', () => {
  it('lists pending challenges with Approve / Decline buttons that decide them', async () => {
    const w = makeScaWorld()
    const empty = await w.call('GET', `/pages/phone/${w.ids.bob}`)
    expect(await empty.text()).toContain('No SCA device is enrolled')
    const { scaId } = await challenge(w)
    const page = await (await w.call('GET', `/pages/phone/${w.ids.alice}`)).text()
    expect(page).toContain('LOGIN')
    expect(page).toContain(`/pages/phone/${w.ids.alice}/interactions/${scaId}/approve`)
    const approved = await w.call('POST', `/pages/phone/${w.ids.alice}/interactions/${scaId}/approve`)
    expect(approved.status).toBe(303)
    expect(approved.headers.get('location')).toBe(`/pages/phone/${w.ids.alice}`)
    expect(await (await w.call('GET', `/pages/phone/${w.ids.alice}`)).text()).toContain('Nothing to approve.')
    // The end-user may still change its mind until the interaction is used.
    expect((await w.call('POST', `/pages/phone/${w.ids.alice}/interactions/${scaId}/decline`)).status).toBe(303)
    const refused = await w.call('POST', `/pages/phone/${w.ids.alice}/interactions/${scaId}/approve`)
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain(MESSAGES.declined)
    expect((await w.call('POST', `/pages/phone/${w.ids.bob}/interactions/${scaId}/decline`)).status).toBe(404)
  })
})

describe('scenario files', () => {
  it('declare end-users with devices in the given state', async () => {
    const w = makeScaWorld()
    const dev = async (who: 'alice' | 'carol' | 'dave') => ((await bodyOf(await w.call('GET', `/_sim/sca/devices?endUserId=${w.ids[who]}`))).content as Record<string, unknown>[])[0]
    expect(await dev('alice')).toMatchObject({ status: 'ACTIVE', pinStatus: 'SET', biometryStatus: 'SET', origin: 'SCENARIO' })
    expect(await dev('carol')).toMatchObject({ status: 'ACTIVE', pinStatus: 'UNSET', biometryStatus: 'SET' })
    expect(await dev('dave')).toMatchObject({ status: 'PENDING_ACTIVATION', biometryStatus: 'PENDING' })
  })
})
