import { describe, expect, it } from 'vitest'
import { SANDBOX, errorBody, makeWorld } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { MESSAGES } from '../helpers/sca-cases'
import { PROBE_PATH, bodyOf, loginBody, makeScaWorld, type ScaWorld } from '../helpers/sca-world'
import { expectError } from '../helpers/errors'

// The partner's SCA policy (settings.sca) and the calls SCA never concerns.

const STRICT = { allowBypass: false, exemptWithoutDevice: [], requiredFor: 'BOTH' }
const probe = (w: ScaWorld, token: string, headers: Record<string, string> = {}, friendlyName = 'card') =>
  w.call('POST', PROBE_PATH, { token, body: { endUserId: w.ids.alice, friendlyName }, headers })
const interactions = async (w: ScaWorld, query: string) => ((await bodyOf(await w.call('GET', `/_sim/sca/interactions?${query}`))).content as Record<string, unknown>[])

describe('calls SCA does not concern', () => {
  it('partner-user logins never need SCA, whatever the policy and headers', async () => {
    const w = makeScaWorld(STRICT)
    for (const headers of [{}, { 'Linkcy-SCA-Strategy': 'FAIL' }, { 'Linkcy-SCA-Strategy': 'BY_PASS' }, { 'Linkcy-SCA-Id': '00000000-0000-4000-8000-000000000000' }] as Record<string, string>[]) {
      const res = await w.call('POST', '/api/partner/login', { body: SANDBOX, headers })
      expect(res.status).toBe(200)
      expect(referenceErrors('POST', '/api/partner/login', 200, await res.json())).toEqual([])
    }
    const { refreshToken } = (await bodyOf(await w.call('POST', '/api/partner/login', { body: SANDBOX }))) as { refreshToken: string }
    expect((await w.call('POST', '/api/partner/refresh', { body: { refreshToken }, headers: { 'Linkcy-SCA-Strategy': 'FAIL' } })).status).toBe(200)
  })

  it('a consumer login with a wrong password is a plain 401: no challenge reaches the phone', async () => {
    const w = makeScaWorld(STRICT)
    const res = await w.call('POST', '/api/partner/login', { body: { ...loginBody('alice'), password: 'wrong-password' } })
    expect(res.status).toBe(401)
    expect(await errorBody(res)).toMatchObject({ error: 'linkcy.unauthorized' })
    expect(await interactions(w, `endUserId=${w.ids.alice}`)).toEqual([])
  })

  it('the default world: consumers without a device log in without any SCA header', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const created = await w.call('POST', '/api/partner/consumers', { token, body: { phone: { countryCode: '33', number: '699887766' } } })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const reset = await w.call('POST', '/api/partner/passwords/reset/sandbox', { token, body: { partnerName: 'sandbox', phone: '33699887766' } })
    const { passwordChangeSecret } = (await reset.json()) as { passwordChangeSecret: string }
    expect((await w.call('POST', '/api/partner/passwords/change', { body: { passwordChangeSecret, newPassword: 'Secret-123' } })).status).toBe(200)
    const login = await w.call('POST', '/api/partner/login', { body: { consumerPhone: '33699887766', partnerName: 'sandbox', password: 'Secret-123' } })
    expect(login.status).toBe(200)
    expect(await login.json()).toMatchObject({ endUserId: id })
  })

  it('authentication comes first (401), then validation (400), then SCA', async () => {
    const w = makeScaWorld(STRICT)
    const path = `/api/partner/consumers/${w.ids.alice}`
    const headers = { 'Linkcy-SCA-Strategy': 'FAIL' }
    const anonymous = await w.call('PATCH', path, { body: { address: [] }, headers })
    expect(anonymous.status).toBe(401)
    expect(await errorBody(anonymous)).toMatchObject({ error: 'linkcy.unauthorized' })
    const token = await w.partnerToken()
    const invalid = await w.call('PATCH', path, { token, body: { address: [] }, headers })
    expect(await errorBody(invalid)).toMatchObject({ status: 400, error: 'linkcy.bad.request', details: [{ field: 'address' }] })
    await expectError(await w.call('PATCH', path, { token, body: { externalId: 'x' }, headers }), 409, 'SCA_REQUIRED', MESSAGES.required('FAIL'))
    expect(await interactions(w, '')).toEqual([])
  })

  it('malformed SCA headers are LinkCy 400s (the route validates them)', async () => {
    const w = makeScaWorld()
    for (const headers of [{ 'Linkcy-SCA-Strategy': 'SMS' }, { 'Linkcy-SCA-Factor': 'IRIS' }, { 'Linkcy-SCA-Id': 'not-a-uuid' }] as Record<string, string>[]) {
      const res = await w.call('POST', '/api/partner/login', { body: loginBody('alice'), headers })
      expect(res.status).toBe(400)
      expect(await errorBody(res)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: Object.keys(headers)[0] }] })
    }
  })
})

describe('settings.sca', () => {
  it('requiredFor PARTNER: end-user calls pass, partner-token calls are challenged', async () => {
    const w = makeScaWorld({ requiredFor: 'PARTNER' })
    expect((await w.call('POST', '/api/partner/login', { body: loginBody('alice') })).status).toBe(200)
    expect((await probe(w, (await w.consumerTokens('alice')).token)).status).toBe(201)
    expect((await probe(w, await w.partnerToken())).status).toBe(202)
  })

  it('requiredFor END_USER: partner-token calls pass, end-user calls are challenged', async () => {
    const w = makeScaWorld({ requiredFor: 'END_USER' })
    expect((await probe(w, await w.partnerToken())).status).toBe(201)
    expect((await probe(w, (await w.consumerTokens('alice')).token)).status).toBe(202)
    expect((await w.call('POST', '/api/partner/login', { body: loginBody('alice') })).status).toBe(202)
  })

  it('challengeTtlSeconds and ttlFormat ISO shape the 202; the interaction expires on the simulator clock', async () => {
    const w = makeScaWorld({ challengeTtlSeconds: 90, ttlFormat: 'ISO' })
    const res = await probe(w, await w.partnerToken())
    const body = await bodyOf(res)
    expect(body).toMatchObject({ ttl: 'PT1M30S', scaDeviceId: w.deviceOf('alice') })
    await w.call('POST', `/_sim/sca/interactions/${String(body.scaId)}/approve`)
    w.store.clock.advance(90_000)
    await expectError(await probe(w, await w.partnerToken(), { 'Linkcy-SCA-Id': String(body.scaId) }), 409, 'SCA_INTERACTION_DECLINED', MESSAGES.declined)
  })

  it('autoApproveAfterSeconds approves pending interactions by themselves (demo mode)', async () => {
    const w = makeScaWorld({ autoApproveAfterSeconds: 10 })
    const token = await w.partnerToken()
    const { scaId } = (await bodyOf(await probe(w, token))) as { scaId: string }
    await expectError(await probe(w, token, { 'Linkcy-SCA-Id': scaId }), 409, 'SCA_INTERACTION_NOT_COMPLETED', MESSAGES.notCompleted)
    w.store.clock.advance(10_000)
    expect(await interactions(w, 'status=APPROVED')).toMatchObject([{ scaId, decidedAt: '2026-01-15T10:00:10.000Z' }])
    expect((await probe(w, token, { 'Linkcy-SCA-Id': scaId })).status).toBe(201)
  })

  it('an approved interaction whose operation fails is given back (it authorises one successful call)', async () => {
    const w = makeScaWorld()
    const { token } = await w.consumerTokens('alice')
    const path = `/api/partner/consumers/${w.ids.alice}`
    // A valid request the operation itself refuses: an end-user may not set partnerMetadata (403).
    const body = { partnerMetadata: { tier: 'gold' } }
    const { scaId } = (await bodyOf(await w.call('PATCH', path, { token, body }))) as { scaId: string }
    await w.call('POST', `/_sim/sca/interactions/${scaId}/approve`)
    for (let attempt = 0; attempt < 2; attempt++) {
      const failed = await w.call('PATCH', path, { token, body, headers: { 'Linkcy-SCA-Id': scaId } })
      await expectError(failed, 403, 'INSUFFICIENT_RIGHTS_TO_UPDATE_PARTNER_METADATA', 'You cannot update partnerMetadata authenticated as CONSUMER.')
      expect(await interactions(w, `endUserId=${w.ids.alice}`)).toMatchObject([{ scaId, status: 'APPROVED' }])
    }
  })

  it('resetting a device declines its open interactions; the end-user then has no device', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const { scaId } = (await bodyOf(await probe(w, token))) as { scaId: string }
    await w.call('POST', `/_sim/sca/interactions/${scaId}/approve`)
    expect((await w.call('DELETE', `/api/partner/sca/${w.deviceOf('alice')}`, { token })).status).toBe(204)
    await expectError(await probe(w, token, { 'Linkcy-SCA-Id': scaId }), 409, 'SCA_INTERACTION_DECLINED', MESSAGES.declined)
    await expectError(await probe(w, token), 409, 'SCA_DEVICE_NOT_SET', MESSAGES.deviceNotSet)
  })

  it('a blocked device cannot take part: no challenge, no signature', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const device = w.deviceOf('alice')
    const { signature } = (await bodyOf(await w.call('POST', `/_sim/sca/devices/${device}/sign`, {
      body: { method: 'POST', path: PROBE_PATH, body: { endUserId: w.ids.alice, friendlyName: 'card' } },
    }))) as { signature: string }
    expect((await w.call('POST', `/_sim/sca/devices/${device}/block`)).status).toBe(200)
    await expectError(await probe(w, token), 409, 'SCA_DEVICE_NOT_SET', MESSAGES.deviceNotSet)
    await expectError(await probe(w, token, { 'Linkcy-SCA-Strategy': 'DATA_SIGNING', 'Linkcy-SCA-Signature': signature }), 404, 'NO_ACTIVE_SCA_DEVICE_FOUND', MESSAGES.noActiveDevice)
  })

  it('a scenario rejects an unknown policy member or operation name', async () => {
    const { parseScenario } = await import('../../src/scenarios/loader')
    expect(() => parseScenario({ partners: [{ name: 'p', settings: { sca: { requiredFor: 'NOBODY' } } }] })).toThrow()
    expect(() => parseScenario({ partners: [{ name: 'p', settings: { sca: { exemptWithoutDevice: ['CARD_CREATE', 'NOPE'] } } }] })).toThrow()
    expect(() => parseScenario({ partners: [{ name: 'p', settings: { sca: { bypass: true } } }] })).toThrow()
  })
})
