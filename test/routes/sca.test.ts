import { describe, expect, it } from 'vitest'
import { referenceErrors } from '../helpers/reference'
import { errorBody } from '../helpers/app'
import { SCA_CASES, MESSAGES, expectRepeatRefused, invalidRequests, send } from '../helpers/sca-cases'
import { makeScaWorld, bodyOf, type ScaWorld } from '../helpers/sca-world'
import { expectError } from '../helpers/errors'

// Every SCA outcome, for every SCA-eligible operation served so far (sca-cases.ts).

const approve = (w: ScaWorld, scaId: string) => w.call('POST', `/_sim/sca/interactions/${scaId}/approve`)
const decline = (w: ScaWorld, scaId: string) => w.call('POST', `/_sim/sca/interactions/${scaId}/decline`)
const interactionsOf = async (w: ScaWorld, endUserId?: string) =>
  ((await bodyOf(await w.call('GET', `/_sim/sca/interactions${endUserId ? `?endUserId=${endUserId}` : ''}`))).content as Record<string, unknown>[])

/** Asserts LinkCy's validation 400. */
const expectBadRequest = async (op: (typeof SCA_CASES)[number], res: Response, bad: { req: { body: unknown }; field: string }) => {
  expect(res.status, JSON.stringify(bad.req.body)).toBe(400)
  const body = await errorBody(res)
  expect(body).toMatchObject({ error: 'linkcy.bad.request', status: 400, details: [{ field: bad.field, rejectedValue: expect.any(String), message: expect.any(String) }] })
  // A field violation has the reference's 400 body; an over-long string is LinkCy's TOO_LONG_FIELD.
  if (body.errorCode === undefined) expect(referenceErrors(op.ref.method, op.ref.path, 400, body)).toEqual([])
  else expect(body.errorCode).toBe('TOO_LONG_FIELD')
  return body
}

describe.each(SCA_CASES)('SCA on $name', (op) => {
  it('BY_PASS runs the operation when the partner allows it (the default)', async () => {
    const w = makeScaWorld()
    const res = await send(w, await op.request(w, 'alice'), { 'Linkcy-SCA-Strategy': 'BY_PASS', 'Linkcy-SCA-Factor': 'BIOMETRY' })
    expect(res.status).toBe(op.success)
    await op.verify(w, 'alice', res)
  })

  it('an invalid body is LinkCy\'s 400 before SCA: no challenge reaches the phone; the valid body is challenged (202)', async () => {
    const w = makeScaWorld()
    const req = await op.request(w, 'alice')
    for (const bad of invalidRequests(op, req)) {
      for (const headers of [{}, { 'Linkcy-SCA-Strategy': 'JOIN_CODE' }, { 'Linkcy-SCA-Strategy': 'FAIL' }] as Record<string, string>[]) {
        await expectBadRequest(op, await send(w, bad.req, headers), bad)
      }
    }
    expect(await interactionsOf(w)).toEqual([])
    const res = await send(w, req)
    expect(res.status).toBe(202)
    expect(await interactionsOf(w)).toMatchObject([{ scaId: (await bodyOf(res)).scaId, status: 'PENDING', endUserId: w.ids.alice }])
  })

  it('a replay with an invalid body is LinkCy\'s 400 and leaves the approved interaction unused', async () => {
    const w = makeScaWorld()
    const req = await op.request(w, 'alice')
    const { scaId } = (await bodyOf(await send(w, req))) as { scaId: string }
    expect((await approve(w, scaId)).status).toBe(200)
    for (const bad of invalidRequests(op, req)) await expectBadRequest(op, await send(w, bad.req, { 'Linkcy-SCA-Id': scaId }), bad)
    expect(await interactionsOf(w)).toMatchObject([{ scaId, status: 'APPROVED' }])
    const ok = await send(w, req, { 'Linkcy-SCA-Id': scaId })
    expect(ok.status).toBe(op.success)
    await op.verify(w, 'alice', ok)
  })

  it('BY_PASS is 409 SCA_REQUIRED when the partner does not allow it; FAIL is always 409 SCA_REQUIRED', async () => {
    const w = makeScaWorld({ allowBypass: false })
    await expectError(await send(w, await op.request(w, 'alice'), { 'Linkcy-SCA-Strategy': 'BY_PASS' }), 409, 'SCA_REQUIRED', MESSAGES.required('BY_PASS'))
    await expectError(await send(w, await op.request(w, 'alice'), { 'Linkcy-SCA-Strategy': 'FAIL' }), 409, 'SCA_REQUIRED', MESSAGES.required('FAIL'))
    expect(await interactionsOf(w, w.ids.alice)).toEqual([])
  })

  it('an end-user without an active device: 409 SCA_DEVICE_NOT_SET, 404 NO_ACTIVE_SCA_DEVICE_FOUND for DATA_SIGNING', async () => {
    const w = makeScaWorld({ exemptWithoutDevice: [] })
    for (const who of ['bob', 'dave'] as const) {
      await expectError(await send(w, await op.request(w, who)), 409, 'SCA_DEVICE_NOT_SET', MESSAGES.deviceNotSet)
      await expectError(await send(w, await op.request(w, who), { 'Linkcy-SCA-Strategy': 'JOIN_CODE' }), 409, 'SCA_DEVICE_NOT_SET', MESSAGES.deviceNotSet)
      await expectError(await send(w, await op.request(w, who), { 'Linkcy-SCA-Strategy': 'DATA_SIGNING' }), 404, 'NO_ACTIVE_SCA_DEVICE_FOUND', MESSAGES.noActiveDevice)
    }
  })

  it(`without a device and with the default policy: ${op.exemptWithoutDevice ? 'runs (onboarding operation)' : '409 SCA_DEVICE_NOT_SET'}`, async () => {
    const w = makeScaWorld()
    const res = await send(w, await op.request(w, 'bob'))
    if (op.exemptWithoutDevice) {
      expect(res.status).toBe(op.success)
      await op.verify(w, 'bob', res)
    } else {
      await expectError(res, 409, 'SCA_DEVICE_NOT_SET', MESSAGES.deviceNotSet)
    }
  })

  it('a factor the device has not enrolled is 400 SCA_FACTOR_NOT_SET', async () => {
    const w = makeScaWorld()
    const body = await expectError(await send(w, await op.request(w, 'carol'), { 'Linkcy-SCA-Factor': 'PIN' }), 400, 'SCA_FACTOR_NOT_SET', MESSAGES.factorNotSet)
    expect(body.details).toEqual([{ field: 'Linkcy-SCA-Factor', rejectedValue: 'PIN', message: MESSAGES.factorNotSet }])
  })

  it('PUSH_NOTIFICATION (default) and JOIN_CODE answer 202 Waiting SCA with the reference shape; the phone sees the challenge', async () => {
    const w = makeScaWorld()
    const push = await send(w, await op.request(w, 'alice'))
    expect(push.status).toBe(202)
    const pushBody = await bodyOf(push)
    expect(referenceErrors(op.ref.method, op.ref.path, 202, pushBody)).toEqual([])
    expect(pushBody).toEqual({ scaId: expect.any(String), ttl: expect.objectContaining({ seconds: 300, nano: 0, negative: false }), scaDeviceId: w.deviceOf('alice') })

    const join = await send(w, await op.request(w, 'alice'), { 'Linkcy-SCA-Strategy': 'JOIN_CODE', 'Linkcy-SCA-Factor': 'PIN' })
    expect(join.status).toBe(202)
    const joinBody = await bodyOf(join)
    expect(referenceErrors(op.ref.method, op.ref.path, 202, joinBody)).toEqual([])
    expect(joinBody.joinCode).toMatch(/^[0-9a-f-]{36}$/)

    const listed = await interactionsOf(w, w.ids.alice)
    expect(listed.map((i) => [i.scaId, i.status, i.strategy, i.factor])).toEqual([
      [joinBody.scaId, 'PENDING', 'JOIN_CODE', 'PIN'],
      [pushBody.scaId, 'PENDING', 'PUSH_NOTIFICATION', 'BIOMETRY'],
    ])
    expect(listed[0]).toMatchObject({ endUserId: w.ids.alice, scaDeviceId: w.deviceOf('alice'), expiresAt: '2026-01-15T10:05:00.000Z' })
  })

  it('replay: pending → 409 NOT_COMPLETED; approved → runs once; again → 409 ALREADY_CONSUMED', async () => {
    const w = makeScaWorld()
    const req = await op.request(w, 'alice')
    const { scaId } = (await bodyOf(await send(w, req))) as { scaId: string }
    await expectError(await send(w, req, { 'Linkcy-SCA-Id': scaId }), 409, 'SCA_INTERACTION_NOT_COMPLETED', MESSAGES.notCompleted)
    expect((await approve(w, scaId)).status).toBe(200)
    const ok = await send(w, req, { 'Linkcy-SCA-Id': scaId })
    expect(ok.status).toBe(op.success)
    await op.verify(w, 'alice', ok)
    expect((await interactionsOf(w, w.ids.alice))[0]).toMatchObject({ scaId, status: 'CONSUMED', consumedAt: '2026-01-15T10:00:00.000Z' })
    await expectRepeatRefused(op, await send(w, req, { 'Linkcy-SCA-Id': scaId }), 'SCA_INTERACTION_ALREADY_CONSUMED', MESSAGES.consumed)
  })

  it('replay of a declined or expired interaction is 409 SCA_INTERACTION_DECLINED (TTL on the simulator clock)', async () => {
    const w = makeScaWorld()
    const req = await op.request(w, 'alice')
    const first = (await bodyOf(await send(w, req))).scaId as string
    expect((await decline(w, first)).status).toBe(200)
    await expectError(await send(w, req, { 'Linkcy-SCA-Id': first }), 409, 'SCA_INTERACTION_DECLINED', MESSAGES.declined)

    const second = (await bodyOf(await send(w, req))).scaId as string
    w.store.clock.advance(299_000)
    await expectError(await send(w, req, { 'Linkcy-SCA-Id': second }), 409, 'SCA_INTERACTION_NOT_COMPLETED', MESSAGES.notCompleted)
    expect((await approve(w, second)).status).toBe(200)
    w.store.clock.advance(1_000)
    await expectError(await send(w, req, { 'Linkcy-SCA-Id': second }), 409, 'SCA_INTERACTION_DECLINED', MESSAGES.declined)
    expect((await interactionsOf(w, w.ids.alice))[0]).toMatchObject({ scaId: second, status: 'EXPIRED' })
  })

  it('an unknown id, or another partner\'s, is 404 SCA_INTERACTION_NOT_FOUND', async () => {
    const w = makeScaWorld()
    const req = await op.request(w, 'alice')
    await expectError(await send(w, req, { 'Linkcy-SCA-Id': '00000000-0000-4000-8000-000000000000' }), 404, 'SCA_INTERACTION_NOT_FOUND', MESSAGES.notFound)
    const olga = await w.call('POST', '/api/partner/login', { body: { consumerPhone: '33612000001', partnerName: 'other-sandbox', password: 'Consumer-Password-1' } })
    const foreign = (await bodyOf(olga)).scaId as string
    expect((await approve(w, foreign)).status).toBe(200)
    await expectError(await send(w, req, { 'Linkcy-SCA-Id': foreign }), 404, 'SCA_INTERACTION_NOT_FOUND', MESSAGES.notFound)
  })

  it('another payload, another end-user or another operation is 409 SCA_INTERACTION_DOES_NOT_MATCH', async () => {
    const w = makeScaWorld()
    const req = await op.request(w, 'alice')
    const { scaId } = (await bodyOf(await send(w, req))) as { scaId: string }
    await approve(w, scaId)
    await expectError(await send(w, await op.request(w, 'alice', 1), { 'Linkcy-SCA-Id': scaId }), 409, 'SCA_INTERACTION_DOES_NOT_MATCH', MESSAGES.mismatch)
    await expectError(await send(w, await op.request(w, 'erin'), { 'Linkcy-SCA-Id': scaId }), 409, 'SCA_INTERACTION_DOES_NOT_MATCH', MESSAGES.mismatch)
    const other = SCA_CASES.find((c) => c.ref.path !== op.ref.path)!
    await expectError(await send(w, await other.request(w, 'alice'), { 'Linkcy-SCA-Id': scaId }), 409, 'SCA_INTERACTION_DOES_NOT_MATCH', MESSAGES.mismatch)
    // The same payload with its members in another order and other whitespace still matches.
    const reordered = typeof req.body === 'object' ? JSON.stringify(Object.fromEntries(Object.entries(req.body as object).reverse()), null, 2) : req.body
    expect((await send(w, { ...req, body: reordered }, { 'Linkcy-SCA-Id': scaId })).status).toBe(op.success)
  })

  it('concurrent replays of one approved interaction: exactly one runs', async () => {
    const w = makeScaWorld()
    const req = await op.request(w, 'alice')
    const { scaId } = (await bodyOf(await send(w, req))) as { scaId: string }
    await approve(w, scaId)
    const results = await Promise.all(Array.from({ length: 6 }, () => send(w, req, { 'Linkcy-SCA-Id': scaId })))
    expect(results.filter((r) => r.status === op.success)).toHaveLength(1)
    // The losers: ALREADY_CONSUMED (a refresh token, once used, no longer names an end-user: plain 401).
    for (const r of results.filter((x) => x.status !== op.success)) await expectRepeatRefused(op, r, 'SCA_INTERACTION_ALREADY_CONSUMED', MESSAGES.consumed)
  })

  it('DATA_SIGNING: a fresh signature of this request by an active device runs it, once', async () => {
    const w = makeScaWorld()
    const req = await op.request(w, 'alice')
    const sign = async (who: 'alice' | 'erin', body: unknown = req.body) =>
      (await bodyOf(await w.call('POST', `/_sim/sca/devices/${w.deviceOf(who)}/sign`, { body: { method: req.method, path: req.path, body } }))).signature as string
    const headers = (signature?: string) => ({ 'Linkcy-SCA-Strategy': 'DATA_SIGNING', ...(signature ? { 'Linkcy-SCA-Signature': signature } : {}) })

    await expectError(await send(w, req, headers()), 409, 'SCA_SIGNATURE_MISSING', MESSAGES.signatureMissing)
    await expectError(await send(w, req, headers('PowerAuth pa_version="3.1"')), 409, 'SCA_SIGNATURE_FORMAT_INVALID', MESSAGES.signatureFormat)
    await expectError(await send(w, req, headers(await sign('erin'))), 409, 'SCA_DEVICE_NOT_VALID', MESSAGES.deviceNotValid)
    const other = await op.request(w, 'alice', 1)
    await expectError(await send(w, req, headers(await sign('alice', other.body))), 401, 'SCA_SIGNATURE_DOES_NOT_MATCH', MESSAGES.signatureMismatch)
    const stale = await sign('alice')
    w.store.clock.advance(31_000)
    await expectError(await send(w, req, headers(stale)), 401, 'SCA_SIGNATURE_DOES_NOT_MATCH', MESSAGES.signatureMismatch)

    const good = await sign('alice')
    w.store.clock.advance(30_000)
    const ok = await send(w, req, headers(good))
    expect(ok.status).toBe(op.success)
    await op.verify(w, 'alice', ok)
    await expectRepeatRefused(op, await send(w, req, headers(good)), 'SCA_SIGNATURE_DOES_NOT_MATCH', MESSAGES.signatureMismatch)
  })
})
