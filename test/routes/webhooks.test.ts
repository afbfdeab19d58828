import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { hookReceiver, subscribeReceiver, verifyAt, type ReceivedHook } from '../helpers/webhooks'
import { flushWebhooks } from '../../src/state/webhooks'

// Webhooks are really delivered: a node:http receiver (test/helpers/webhooks.ts) verifies every request
// with the official svix package, at the simulator's now.

async function createConsumer(w: TestWorld, token: string, number = '611111111'): Promise<string> {
  const res = await w.call('POST', '/api/partner/consumers', { token, body: { phone: { countryCode: '33', number }, firstName: 'Jeanne' } })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

/** Verification as a receiver would do it when the hook arrived (the world's clock is frozen meanwhile). */
const verifier = (w: TestWorld) => (secret: string, r: Pick<ReceivedHook, 'body' | 'headers'>) => verifyAt(secret, w.store.clock.realNowMs(), r.body, r.headers)

async function deliveries(w: TestWorld, query = '') {
  return ((await (await w.call('GET', `/_sim/webhooks/deliveries${query}`)).json()) as { content: any[] }).content
}

describe('GET /api/partner/webhooks', () => {
  it('answers the Svix portal link; 401 without a token', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const res = await w.call('GET', '/api/partner/webhooks', { token })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { url: string }
    expect(referenceErrors('GET', '/api/partner/webhooks', 200, body)).toEqual([])
    expect(body.url).toMatch(/^https:\/\/app\.svix\.com\/login#key=/)
    const anonymous = await w.call('GET', '/api/partner/webhooks')
    expect(anonymous.status).toBe(401)
    expect(referenceErrors('GET', '/api/partner/webhooks', 401, await anonymous.json())).toEqual([])
  })
})

describe('webhook delivery', () => {
  it('signs each event the Svix way and delivers it once: CONSUMER_CREATED then CONSUMER_KYC_VALIDATED', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const rx = await hookReceiver(w)
    const endpoint = await subscribeReceiver(w, rx)
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)

    const consumerId = await createConsumer(w, token)
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(1)
    const created = verifier(w)(endpoint.secret, rx.received[0]!)
    expect(created).toMatchObject({ type: 'CONSUMER_CREATED', id: rx.received[0]!.headers['svix-id'], data: { id: consumerId } })
    expect(rx.received[0]!.headers['svix-id']).toMatch(/^msg_/)

    const kyc = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId, kycStatus: 'VALIDATED' } })
    expect(kyc.status).toBe(201)
    const { kycApplicationId } = (await kyc.json()) as { kycApplicationId: string }
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(2)
    expect(verifier(w)(endpoint.secret, rx.received[1]!)).toMatchObject({ type: 'CONSUMER_KYC_VALIDATED', data: { id: consumerId, kycId: kycApplicationId, kycStatus: 'VALIDATED' } })

    const log = await deliveries(w, '?partnerName=sandbox')
    expect(log.map((d) => [d.eventType, d.status])).toEqual([['CONSUMER_KYC_VALIDATED', 'DELIVERED'], ['CONSUMER_CREATED', 'DELIVERED']])
    expect(log[1].attempts).toEqual([expect.objectContaining({ attempt: 1, trigger: 'SCHEDULED', status: 'SUCCEEDED', responseCode: 200, latencyMs: expect.any(Number) })])
  })

  it('a tampered body or another secret fails verification', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    const endpoint = await subscribeReceiver(w, rx)
    await createConsumer(w, await w.partnerToken())
    await flushWebhooks(w.store)
    const r = rx.received[0]!
    expect(() => verifier(w)(endpoint.secret, { ...r, body: r.body.replace('CONSUMER', 'XONSUMER') })).toThrow()
    expect(() => verifier(w)('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', r)).toThrow()
  })

  it('honours the event-type filter, and nothing goes to other partners or deleted endpoints', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    const kycOnly = await subscribeReceiver(w, rx, { eventTypes: ['CONSUMER_KYC_VALIDATED'] })
    const other = await hookReceiver(w)
    const res = await w.call('POST', '/_sim/webhooks', { body: { partnerName: 'other-sandbox', url: other.url } })
    expect(res.status).toBe(201)
    const token = await w.partnerToken()
    await createConsumer(w, token)
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(0)
    expect(other.received).toHaveLength(0)

    const all = await subscribeReceiver(w, rx)
    expect((await w.call('DELETE', `/_sim/webhooks/${all.id}`)).status).toBe(204)
    expect((await w.call('DELETE', `/_sim/webhooks/${all.id}`)).status).toBe(404)
    await createConsumer(w, token, '622222222')
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(0)
    const listed = (await (await w.call('GET', '/_sim/webhooks?partnerName=sandbox')).json()) as { content: { id: string }[] }
    expect(listed.content.map((e) => e.id)).toEqual([kycOnly.id])
  })

  it('retries a 500 on the simulator clock (5 s back-off) with the same svix-id, and replays on demand', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    rx.answers.push(500)
    const endpoint = await subscribeReceiver(w, rx)
    await createConsumer(w, await w.partnerToken())
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(1)
    let [message] = await deliveries(w)
    expect(message).toMatchObject({ status: 'PENDING', attempts: [{ attempt: 1, status: 'FAILED', responseCode: 500 }] })

    await w.call('POST', '/_sim/clock/advance', { body: { seconds: 4 } })
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(1)
    await w.call('POST', '/_sim/clock/advance', { body: { seconds: 1 } })
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(2)
    expect(rx.received[1]!.headers['svix-id']).toBe(rx.received[0]!.headers['svix-id'])
    for (const r of rx.received) expect(verifier(w)(endpoint.secret, r).type).toBe('CONSUMER_CREATED')
    ;[message] = await deliveries(w)
    expect(message.status).toBe('DELIVERED')
    // The retry came 5 s later on the simulator clock (the svix-timestamp header is wall-clock time).
    expect(Date.parse(message.attempts[1].at) - Date.parse(message.attempts[0].at)).toBe(5000)
    expect(message.attempts.map((a: any) => [a.attempt, a.status, a.responseCode])).toEqual([[1, 'FAILED', 500], [2, 'SUCCEEDED', 200]])

    const replay = await w.call('POST', `/_sim/webhooks/deliveries/${message.id}/replay`)
    expect(replay.status).toBe(202)
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(3)
    expect(rx.received[2]!.headers['svix-id']).toBe(rx.received[0]!.headers['svix-id'])
    ;[message] = await deliveries(w)
    expect(message.attempts.at(-1)).toMatchObject({ attempt: 3, trigger: 'MANUAL', status: 'SUCCEEDED' })
    expect((await w.call('POST', '/_sim/webhooks/deliveries/nope/replay')).status).toBe(404)
  })

  it('never blocks the request: the API answers while the receiver is still holding the delivery', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    let release!: () => void
    rx.hold = new Promise((r) => (release = r))
    await subscribeReceiver(w, rx)
    const consumerId = await createConsumer(w, await w.partnerToken())
    expect(consumerId).toBeTruthy()
    const flushed = flushWebhooks(w.store)
    await new Promise((r) => setTimeout(r, 50))
    const [message] = await deliveries(w)
    expect(message.attempts).toMatchObject([{ status: 'SENDING' }])
    release()
    await flushed
    expect((await deliveries(w))[0].attempts).toMatchObject([{ status: 'SUCCEEDED' }])
  })
})
