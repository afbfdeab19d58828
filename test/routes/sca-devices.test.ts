import { describe, expect, it } from 'vitest'
import { errorBody, OTHER, partnerLogin } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { scaDeviceInfo } from '../../src/state/sca-devices'
import { bodyOf, loginBody, makeScaWorld, type ScaWorld } from '../helpers/sca-world'
import { expectError } from '../helpers/errors'

// Tag Strong Authentication: enrolling devices, adding factors, resetting.

const device = async (w: ScaWorld, id: string) => bodyOf(await w.call('GET', `/_sim/sca/devices/${id}`))
const ALREADY_SET = 'The SCA device for this user has already been set up.'
const notFound = (id: string) => `The SCA device you are referring ((id: ${id}) could not be found.`

describe('POST /api/partner/sca (onboard a known mobile)', () => {
  it('enrols a pending device; the phone confirms it; then the end-user has SCA', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const res = await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'bob-phone', endUserId: w.ids.bob } })
    expect(res.status).toBe(201)
    const body = await bodyOf(res)
    expect(referenceErrors('POST', '/api/partner/sca', 201, body)).toEqual([])
    expect(body).toEqual({ id: expect.any(String), endpointId: 'bob-phone' })
    expect(await device(w, String(body.id))).toMatchObject({ status: 'PENDING_ACTIVATION', biometryStatus: 'PENDING', pinStatus: 'UNSET' })
    expect(scaDeviceInfo(w.store, w.loaded.partners.sandbox!.id, w.ids.bob)).toEqual({
      id: body.id, endpointId: 'bob-phone', creationDate: '2026-01-15T10:00:00.000Z', pinStatus: 'UNSET', biometryStatus: 'PENDING',
    })

    // Retry while nothing is confirmed: the new enrolment replaces the pending one.
    const retry = await bodyOf(await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'bob-phone-2', factor: 'PIN', strategy: 'JOIN_CODE', endUserId: w.ids.bob } }))
    expect(retry.joinCode).toMatch(/^[0-9a-f-]{36}$/)
    expect((await w.call('GET', `/_sim/sca/devices/${String(body.id)}`)).status).toBe(200)
    expect(await device(w, String(body.id))).toMatchObject({ status: 'REMOVED' })

    const joined = await bodyOf(await w.call('POST', '/_sim/sca/join', { body: { joinCode: retry.joinCode } }))
    expect(joined).toMatchObject({ type: 'ENROLMENT', device: { id: retry.id, status: 'ACTIVE', pinStatus: 'SET', biometryStatus: 'UNSET' } })
    const challenged = await w.call('POST', '/api/partner/login', { body: loginBody('bob'), headers: { 'Linkcy-SCA-Factor': 'PIN' } })
    expect(challenged.status).toBe(202)
    expect(await bodyOf(challenged)).toMatchObject({ scaDeviceId: retry.id })

    await expectError(await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'x', endUserId: w.ids.bob } }), 409, 'SCA_DEVICE_ALREADY_SET', ALREADY_SET)
  })

  it('an end-user enrols its own device (endUserId ignored)', async () => {
    const w = makeScaWorld()
    const { token } = await w.consumerTokens('bob')
    const res = await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'mine', endUserId: w.ids.alice } })
    expect(res.status).toBe(201)
    expect(await device(w, String((await bodyOf(res)).id))).toMatchObject({ endUserId: w.ids.bob })
  })

  it('answers the documented 400s and 409 (SCA_DEVICE_ALREADY_SET)', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const required = await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'x' } })
    await expectError(required, 400, 'END_USER_ID_REQUIRED', 'Field endUserId is required when authenticated as PARTNER.')
    for (const endUserId of ['7f1c6d0e-1111-4222-8333-944455556666', w.olga]) {
      const res = await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'x', endUserId } })
      const body = await expectError(res, 400, 'END_USER_NOT_FOUND', `End-user with id ${endUserId} was not found.`)
      expect(body.details).toEqual([{ field: 'endUserId', rejectedValue: endUserId, message: `End-user with id ${endUserId} was not found.` }])
      expect(referenceErrors('POST', '/api/partner/sca', 400, body)).toEqual([])
    }
    const conflict = await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'x', endUserId: w.ids.alice } })
    expect(referenceErrors('POST', '/api/partner/sca', 409, await expectError(conflict, 409, 'SCA_DEVICE_ALREADY_SET', ALREADY_SET))).toEqual([])
    for (const body of [{}, { endpointId: 'x', endUserId: w.ids.bob, factor: 'IRIS' }, { endpointId: 'x', endUserId: 'nope' }]) {
      const res = await w.call('POST', '/api/partner/sca', { token, body })
      expect(res.status).toBe(400)
      expect(await errorBody(res)).toMatchObject({ error: 'linkcy.bad.request' })
    }
  })
})

describe('POST /api/partner/sca/qr-codes', () => {
  it('gives a join code and a PNG; only the latest QR code stays valid; the phone joins with it', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const first = await bodyOf(await w.call('POST', '/api/partner/sca/qr-codes', { token, body: { endUserId: w.ids.bob } }))
    const res = await w.call('POST', '/api/partner/sca/qr-codes', { token, body: { endUserId: w.ids.bob } })
    expect(res.status).toBe(201)
    const qr = await bodyOf(res)
    expect(referenceErrors('POST', '/api/partner/sca/qr-codes', 201, qr)).toEqual([])
    expect(Buffer.from(String(qr.qrCode), 'base64').subarray(1, 4).toString()).toBe('PNG')
    expect(await device(w, String(first.id))).toMatchObject({ status: 'REMOVED' })
    const stale = await w.call('POST', '/_sim/sca/join', { body: { joinCode: first.joinCode } })
    expect(stale.status).toBe(404)
    const joined = await bodyOf(await w.call('POST', '/_sim/sca/join', { body: { joinCode: qr.joinCode, endpointId: 'scanned-phone' } }))
    expect(joined).toMatchObject({ type: 'ENROLMENT', device: { id: qr.id, endpointId: 'scanned-phone', status: 'ACTIVE', biometryStatus: 'SET' } })
  })

  it('answers END_USER_ID_REQUIRED, END_USER_NOT_FOUND and SCA_DEVICE_ALREADY_SET', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const path = '/api/partner/sca/qr-codes'
    await expectError(await w.call('POST', path, { token, body: {} }), 400, 'END_USER_ID_REQUIRED', 'Field endUserId is required when authenticated as PARTNER.')
    await expectError(await w.call('POST', path, { token, body: { endUserId: w.olga } }), 400, 'END_USER_NOT_FOUND', `End-user with id ${w.olga} was not found.`)
    const conflict = await expectError(await w.call('POST', path, { token, body: { endUserId: w.ids.carol } }), 409, 'SCA_DEVICE_ALREADY_SET', ALREADY_SET)
    expect(referenceErrors('POST', path, 409, conflict)).toEqual([])
    const own = await w.call('POST', path, { token: (await w.consumerTokens('bob')).token, body: {} })
    expect(own.status).toBe(201)
  })
})

describe('PATCH /api/partner/sca/{scaDeviceId} (add a factor)', () => {
  it('enrols the other factor, pending until the phone confirms it', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const id = w.deviceOf('carol')
    const res = await w.call('PATCH', `/api/partner/sca/${id}`, { token, body: { factor: 'PIN', strategy: 'JOIN_CODE' } })
    expect(res.status).toBe(200)
    const body = await bodyOf(res)
    expect(referenceErrors('PATCH', '/api/partner/sca/{scaDeviceId}', 200, body)).toEqual([])
    expect(body).toMatchObject({ id, endpointId: expect.any(String), joinCode: expect.any(String) })
    expect(await device(w, id)).toMatchObject({ pinStatus: 'PENDING', biometryStatus: 'SET', status: 'ACTIVE' })
    await expectError(await w.call('POST', '/api/partner/login', { body: loginBody('carol'), headers: { 'Linkcy-SCA-Factor': 'PIN' } }), 400, 'SCA_FACTOR_NOT_SET',
      'The user has a sca device set up, but the factor requested is not enrolled yet. You must either enroll it or change the factor.')
    await w.call('POST', '/_sim/sca/join', { body: { joinCode: body.joinCode, factors: ['PIN'] } })
    expect(await device(w, id)).toMatchObject({ pinStatus: 'SET' })
    expect((await w.call('POST', '/api/partner/login', { body: loginBody('carol'), headers: { 'Linkcy-SCA-Factor': 'PIN' } })).status).toBe(202)
    // Changing the PIN keeps the current one usable.
    const change = await w.call('PATCH', `/api/partner/sca/${id}`, { token: (await w.consumerTokens('carol')).token, body: { factor: 'PIN' } })
    expect(await bodyOf(change)).toEqual({ id, endpointId: expect.any(String) })
    expect(await device(w, id)).toMatchObject({ pinStatus: 'SET' })
  })

  it('answers SCA_DEVICE_NOT_FOUND, SCA_DEVICE_NOT_SET and SCA_BIOMETRY_ALREADY_SET', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const path = '/api/partner/sca/{scaDeviceId}'
    const unknown = '7f1c6d0e-1111-4222-8333-944455556666'
    for (const [id, as] of [[unknown, token], [w.deviceOf('erin'), (await w.consumerTokens('carol')).token]] as const) {
      const res = await w.call('PATCH', `/api/partner/sca/${id}`, { token: as, body: { factor: 'PIN' } })
      expect(referenceErrors('PATCH', path, 404, await expectError(res, 404, 'SCA_DEVICE_NOT_FOUND', notFound(id)))).toEqual([])
    }
    const pending = await w.call('PATCH', `/api/partner/sca/${w.deviceOf('dave')}`, { token, body: { factor: 'PIN' } })
    const notSet = await expectError(pending, 409, 'SCA_DEVICE_NOT_SET', 'The operation requires SCA but the corresponding user has no SCA device set up.')
    expect(referenceErrors('PATCH', path, 409, notSet)).toEqual([])
    const biometry = await w.call('PATCH', `/api/partner/sca/${w.deviceOf('carol')}`, { token, body: { factor: 'BIOMETRY' } })
    expect(referenceErrors('PATCH', path, 409, await expectError(biometry, 409, 'SCA_BIOMETRY_ALREADY_SET', 'Biometry is already set on this SCA device.'))).toEqual([])
    const other = await w.call('PATCH', `/api/partner/sca/${w.deviceOf('carol')}`, { token: await partnerLogin(w.call, OTHER), body: { factor: 'PIN' } })
    await expectError(other, 404, 'SCA_DEVICE_NOT_FOUND', notFound(w.deviceOf('carol')))
    for (const [id, body] of [['not-a-uuid', { factor: 'PIN' }], [w.deviceOf('carol'), {}], [w.deviceOf('carol'), { factor: 'PIN', strategy: 'FAIL' }]] as const) {
      const res = await w.call('PATCH', `/api/partner/sca/${id}`, { token, body })
      expect(res.status).toBe(400)
      expect(referenceErrors('PATCH', path, 400, await errorBody(res))).toEqual([])
    }
  })
})

describe('DELETE /api/partner/sca/{scaDeviceId} and the deprecated DELETE /api/partner/sca', () => {
  it('resets a device (partner token only); a reset device is not found any more', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const id = w.deviceOf('alice')
    expect((await w.call('DELETE', `/api/partner/sca/${id}`, { token: (await w.consumerTokens('alice')).token })).status).toBe(403)
    expect((await w.call('DELETE', `/api/partner/sca/${id}`, { token })).status).toBe(204)
    expect(await device(w, id)).toMatchObject({ status: 'REMOVED' })
    expect(scaDeviceInfo(w.store, w.loaded.partners.sandbox!.id, w.ids.alice)).toBeUndefined()
    const again = await w.call('DELETE', `/api/partner/sca/${id}`, { token })
    expect(referenceErrors('DELETE', '/api/partner/sca/{scaDeviceId}', 404, await expectError(again, 404, 'SCA_DEVICE_NOT_FOUND', notFound(id)))).toEqual([])
    // A new device can be enrolled now.
    expect((await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'new', endUserId: w.ids.alice } })).status).toBe(201)
  })

  it('the deprecated reset by end-user removes every device of that end-user', async () => {
    const w = makeScaWorld()
    const token = await w.partnerToken()
    const id = w.deviceOf('erin')
    expect((await w.call('DELETE', '/api/partner/sca', { token, body: { endUserId: w.ids.erin } })).status).toBe(204)
    expect(await device(w, id)).toMatchObject({ status: 'REMOVED' })
    await expectError(await w.call('DELETE', '/api/partner/sca', { token, body: {} }), 400, 'END_USER_ID_REQUIRED', 'Field endUserId is required when authenticated as PARTNER.')
    await expectError(await w.call('DELETE', '/api/partner/sca', { token, body: { endUserId: w.olga } }), 400, 'END_USER_NOT_FOUND', `End-user with id ${w.olga} was not found.`)
  })
})
