import { describe, expect, it, vi } from 'vitest'
import { makeWorld } from '../helpers/app'
import { createdId } from '../helpers/money'
import { advance, delivered, deliveryLog, hookReceiver, ok, subscribeReceiver } from '../helpers/webhooks'
import { WEBHOOK_EVENT_TYPES } from '../../src/state/webhook-events'

// Webhook endpoints: event-type filters, the control plane's checks and catalogue, Svix retries on
// the simulator clock with every attempt logged, delivery outside the request, endpoints declared in
// scenario files. Every request a receiver gets is verified with svix (test/helpers/webhooks.ts).

describe('endpoint filters', () => {
  it('an endpoint with eventTypes receives only those; one without receives everything; both verify', async () => {
    const w = makeWorld()
    const loaded = await ok(w, 201, 'POST', '/_sim/scenarios', { body: { partners: [{ name: 'sandbox', consumers: [{ ref: 'jane', kycStatus: 'VALIDATED', phoneVerified: true }] }] } })
    const jane = loaded.partners.sandbox.consumers.jane as string
    const token = await w.partnerToken()
    const all = await hookReceiver(w)
    const ledgersOnly = await hookReceiver(w)
    await subscribeReceiver(w, all)
    const filtered = await subscribeReceiver(w, ledgersOnly, { eventTypes: ['LEDGER_CREATED', 'LEDGER_UPDATED'] })
    expect(filtered.eventTypes).toEqual(['LEDGER_CREATED', 'LEDGER_UPDATED'])
    await ok(w, 200, 'PATCH', `/api/partner/consumers/${jane}`, { token, body: { externalId: 'crm-2' } })
    const ledgerId = await createdId(await w.call('POST', '/api/partner/ledgers', { token, body: { endUserId: jane, type: 'EUR_BELGIUM' } }), '/api/partner/ledgers')
    await advance(w, 2)
    await ok(w, 200, 'POST', '/api/partner/ledgers/credit', { token, body: { ledgerId, amount: 5 } })
    await delivered(w, all, ledgersOnly)
    expect(all.types()).toEqual(['CONSUMER_UPDATED', 'LEDGER_CREATED', 'LEDGER_UPDATED', 'TRANSACTION_CREATED'])
    expect(ledgersOnly.types()).toEqual(['LEDGER_CREATED', 'LEDGER_UPDATED'])
    // One event, one svix-id, whichever endpoints it fans out to.
    expect(ledgersOnly.received.map((r) => r.headers['svix-id'])).toEqual(all.received.slice(1, 3).map((r) => r.headers['svix-id']))
    expect(await deliveryLog(w, `?endpointId=${filtered.id}`)).toHaveLength(2)
    expect((await deliveryLog(w, '?eventType=TRANSACTION_CREATED')).map((d) => d.eventType)).toEqual(['TRANSACTION_CREATED'])
  })

  it('the control plane refuses an event type outside the catalogue and a secret that is not whsec_ + base64; it lists the catalogue', async () => {
    const w = makeWorld()
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await w.call('POST', '/_sim/webhooks', { body: { partnerName: 'sandbox', url: 'http://127.0.0.1:9/hooks', ...body } })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toEqual([field])
    }
    await bad({ eventTypes: ['CONSUMER_DELETED'] }, 'eventTypes[0]')
    await bad({ secret: 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'secret')
    await bad({ secret: 'whsec_not base64 at all, not at all!!' }, 'secret')
    await bad({ secret: 'whsec_c2hvcnQ=' }, 'secret')
    const res = await w.call('GET', '/_sim/webhooks/event-types')
    expect(res.status).toBe(200)
    const { content } = (await res.json()) as { content: { type: string; documented: boolean; fires: string }[] }
    expect(content.map((e) => e.type)).toEqual([...WEBHOOK_EVENT_TYPES])
    expect(content.filter((e) => e.documented).map((e) => e.type)).toEqual([
      'BENEFICIARY_CREATED', 'BENEFICIARY_UPDATED', 'CARD_CREATED', 'CARD_UPDATED', 'CARD_CLOSED', 'CONSUMER_CREATED', 'CONSUMER_UPDATED',
      'CONSUMER_KYC_CREATED', 'CONSUMER_KYC_UPDATED', 'CONSUMER_LOGGED_IN',
    ])
    expect(content.map((e) => e.type)).toEqual(expect.arrayContaining(['CORPORATE_CREATED', 'CORPORATE_LOGGED_IN', 'CORPORATE_KYB_VALIDATED', 'CORPORATE_RELATED_KYC_VALIDATED']))
  })
})

describe('retries on the simulator clock', () => {
  const consumerBody = { phone: { countryCode: '33', number: '633333333' }, firstName: 'Retry' }

  it('a receiver answering 500 is retried after 5 s, 5 min, 30 min; every attempt is logged with its status, response code and latency', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    rx.answers.push(500, 500, 500)
    const endpoint = await subscribeReceiver(w, rx)
    await ok(w, 201, 'POST', '/api/partner/consumers', { token: await w.partnerToken(), body: consumerBody })
    await delivered(w, rx)
    expect(rx.received).toHaveLength(1)
    for (const [seconds, count] of [[4, 1], [1, 2], [299, 2], [1, 3], [1799, 3], [1, 4], [36 * 3600, 4]] as const) {
      await advance(w, seconds)
      await delivered(w, rx)
      expect(rx.received, `after ${seconds} s more`).toHaveLength(count)
    }
    // The same message each time (same svix-id and body), signed anew at each attempt with the wall
    // clock's time (what the receiver's svix checks), though the simulator clock moved by 35 minutes.
    expect(new Set(rx.events().map((e) => e.id)).size).toBe(1)
    expect(rx.types()).toEqual(['CONSUMER_CREATED', 'CONSUMER_CREATED', 'CONSUMER_CREATED', 'CONSUMER_CREATED'])
    const stamps = rx.received.map((r) => Number(r.headers['svix-timestamp']))
    for (const stamp of stamps) expect(Math.abs(stamp - Date.now() / 1000)).toBeLessThan(60)
    const [message] = await deliveryLog(w, `?endpointId=${endpoint.id}`)
    expect(message).toMatchObject({ eventType: 'CONSUMER_CREATED', status: 'DELIVERED' })
    expect(message!.attempts.map((a: any) => [a.attempt, a.trigger, a.status, a.responseCode])).toEqual([
      [1, 'SCHEDULED', 'FAILED', 500], [2, 'SCHEDULED', 'FAILED', 500], [3, 'SCHEDULED', 'FAILED', 500], [4, 'SCHEDULED', 'SUCCEEDED', 200],
    ])
    for (const a of message!.attempts) expect(a.latencyMs).toEqual(expect.any(Number))
    const ats = message!.attempts.map((a: any) => Date.parse(a.at) / 1000)
    expect(ats.slice(1).map((s: number, i: number) => s - ats[i]!)).toEqual([5, 300, 1800])
  })

  it('an endpoint that never succeeds gets the immediate try and 7 retries, then the message is FAILED', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    rx.answers.push(...Array<number>(20).fill(503))
    await subscribeReceiver(w, rx)
    await ok(w, 201, 'POST', '/api/partner/consumers', { token: await w.partnerToken(), body: consumerBody })
    for (const seconds of [0, 5, 300, 1800, 7200, 18_000, 36_000, 36_000, 5 * 24 * 3600]) {
      if (seconds) await advance(w, seconds)
      await delivered(w, rx)
    }
    expect(rx.received).toHaveLength(8)
    const [message] = await deliveryLog(w)
    expect(message!.status).toBe('FAILED')
    expect(message!.attempts.map((a: any) => a.responseCode)).toEqual(Array(8).fill(503))
  })

  it('delivery never happens inside the request: API calls answer while a slow endpoint still holds the previous delivery', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    let release!: () => void
    rx.hold = new Promise((r) => (release = r))
    await subscribeReceiver(w, rx)
    const token = await w.partnerToken()
    await ok(w, 201, 'POST', '/api/partner/consumers', { token, body: consumerBody })
    await vi.waitFor(() => expect(rx.received).toHaveLength(1)) // the first delivery is with the receiver, unanswered
    const second = await ok(w, 201, 'POST', '/api/partner/consumers', { token, body: { ...consumerBody, phone: { countryCode: '33', number: '644444444' } } })
    expect((await deliveryLog(w)).map((d) => d.attempts[0].status)).toEqual(['DUE', 'SENDING'])
    release()
    await delivered(w, rx)
    expect(rx.types()).toEqual(['CONSUMER_CREATED', 'CONSUMER_CREATED'])
    expect(rx.events()[1]!.data.id).toBe(second.id)
  })
})

describe('webhook endpoints in scenario files', () => {
  const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

  it('partners[].webhooks are subscribed when the scenario loads, with their secret and filter, and deliver signed events', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    rx.secret = SECRET
    const generated = await hookReceiver(w)
    const loaded = await ok(w, 201, 'POST', '/_sim/scenarios', {
      body: {
        partners: [{
          name: 'hooked', users: [{ email: 'ops@hooked.test', password: 'Hooked-Password-1' }],
          consumers: [{ ref: 'ann', kycStatus: 'VALIDATED', ledgers: [{ balance: 10 }] }],
          webhooks: [{ url: rx.url, secret: SECRET, eventTypes: ['CONSUMER_CREATED'] }, { url: generated.url }],
        }],
      },
    })
    const partnerId = loaded.partners.hooked.id as string
    const listed = (await ok(w, 200, 'GET', '/_sim/webhooks?partnerName=hooked')).content as Record<string, any>[]
    expect(listed.map((e) => [e.partnerId, e.url, e.eventTypes])).toEqual([[partnerId, rx.url, ['CONSUMER_CREATED']], [partnerId, generated.url, []]])
    expect(listed[0]!.secret).toBe(SECRET)
    expect(listed[1]!.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    generated.secret = listed[1]!.secret
    await delivered(w, rx, generated)
    expect(rx.received.length + generated.received.length).toBe(0) // the scenario's own consumer and ledger are not events

    const token = await w.partnerToken({ partnerName: 'hooked', username: 'ops@hooked.test', password: 'Hooked-Password-1' })
    const { id } = await ok(w, 201, 'POST', '/api/partner/consumers', { token, body: { phone: { countryCode: '33', number: '655555555' }, firstName: 'Zoé' } })
    await ok(w, 200, 'PATCH', `/api/partner/consumers/${id}`, { token, body: { externalId: 'z' } })
    await delivered(w, rx, generated)
    expect(rx.events().map((e) => [e.type, e.data.id])).toEqual([['CONSUMER_CREATED', id]])
    expect(generated.types()).toEqual(['CONSUMER_CREATED', 'CONSUMER_UPDATED'])
  })

  it('a bad webhook entry is a 400 naming its path', async () => {
    const w = makeWorld()
    const res = await w.call('POST', '/_sim/scenarios', {
      body: { partners: [{ name: 'sandbox', webhooks: [{ url: 'not a url' }, { url: 'http://127.0.0.1:9/h', secret: 'whsec_short', eventTypes: ['NOPE'] }, { url: 'http://127.0.0.1:9/h', extra: 1 }] }] },
    })
    expect(res.status).toBe(400)
    const fields = ((await res.json()) as { details: { field: string }[] }).details.map((d) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['partners[0].webhooks[0].url', 'partners[0].webhooks[1].secret', 'partners[0].webhooks[1].eventTypes[0]']))
    expect(fields.some((f) => f.startsWith('partners[0].webhooks[2]'))).toBe(true)
    expect((await ok(w, 200, 'GET', '/_sim/webhooks')).content).toEqual([])
  })
})
