import { describe, expect, it } from 'vitest'
import { Webhook } from 'svix'
import { SimError } from '../../src/state/errors'
import { tx } from '../../src/state/store'
import { emitEvent, flushWebhooks } from '../../src/state/webhooks'
import { makeWorld } from '../helpers/app'
import { CORPORATES, corporateBody, setKyb } from '../helpers/corporates'
import { advance, delivered, deliveryLog, hookReceiver, ok, subscribeReceiver } from '../helpers/webhooks'

// Delivery as seen from outside the world: what a delivery does must not leak into the world's ids,
// a receiver's own clock is what svix checks, and a refused request sends nothing.

describe('a delivery outcome never moves the world’s id stream', () => {
  /**
   * Same seed, same requests, a receiver that always fails; `flushEarly` waits for the first failed
   * delivery (which schedules its retry) before the next requests, the other run only at the end.
   */
  async function run(flushEarly: boolean) {
    const w = makeWorld({ seed: 7 })
    const rx = await hookReceiver(w)
    rx.answers.push(...Array<number>(20).fill(500))
    await subscribeReceiver(w, rx)
    const token = await w.partnerToken()
    const first = await ok(w, 201, 'POST', CORPORATES, { token, body: corporateBody({ incorporationCode: 'DET-1' }, { phone: { countryCode: '33', number: '712340001' } }) })
    if (flushEarly) await flushWebhooks(w.store)
    setKyb(w, first.corporateId as string, 'VALIDATED')
    const second = await ok(w, 201, 'POST', CORPORATES, { token, body: corporateBody({ incorporationCode: 'DET-2' }, { phone: { countryCode: '33', number: '712340002' } }) })
    const ledger = await ok(w, 201, 'POST', '/api/partner/ledgers', { token, body: { endUserId: first.corporateId, type: 'EUR_FRANCE', autoUpgrade: true } })
    if (flushEarly) await flushWebhooks(w.store)
    await advance(w, 10) // ledger activation and the first retries
    await delivered(w, rx)
    const shown = await ok(w, 200, 'GET', `/api/partner/ledgers/${ledger.id as string}`, { token })
    const log = await deliveryLog(w)
    // The early run saw failures and retries before its later requests; the late one no retry yet.
    if (flushEarly) expect(log.filter((m) => m.attempts.length > 1).length).toBeGreaterThan(0)
    expect(log.every((m) => m.status === 'PENDING' && m.attempts.every((a: { status: string }) => a.status === 'FAILED'))).toBe(true)
    return {
      ids: [first.corporateId, first.accountOwnerId, second.corporateId, second.accountOwnerId, ledger.id],
      iban: shown.iban as string,
      messages: log.map((m) => [m.id, m.svixId, m.eventType, m.attempts[0].id]),
    }
  }

  it('same corporate ids, account owners, ledger ids, IBANs, messages and attempts whenever the failed deliveries are recorded', async () => {
    const early = await run(true)
    const late = await run(false)
    expect(late).toEqual(early)
    expect(early.iban).toMatch(/^FR\d{2}/)
  })
})

describe('svix-timestamp', () => {
  it('is the wall-clock time: a receiver’s svix verifies though the simulator clock is 3 days ahead; the payload keeps the simulator instant', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    const endpoint = await subscribeReceiver(w, rx)
    const ahead = Math.floor(Date.now() / 1000) * 1000 + 3 * 86_400_000
    w.store.clock.set(ahead)
    const created = await ok(w, 201, 'POST', CORPORATES, { token: await w.partnerToken(), body: corporateBody() })
    await delivered(w, rx) // every request verified by svix at the receiver's real now
    expect(rx.received).toHaveLength(1)
    const [hook] = rx.received
    // As a partner's endpoint does it: the official library, the real clock, no mocking.
    const event = new Webhook(endpoint.secret).verify(hook!.body, hook!.headers as Record<string, string>) as { type: string; timestamp: string; data: { id: string } }
    expect(event).toMatchObject({ type: 'CORPORATE_CREATED', timestamp: new Date(ahead).toISOString(), data: { id: created.corporateId } })
    expect(Math.abs(Number(hook!.headers['svix-timestamp']) - Date.now() / 1000)).toBeLessThan(60)
    const [message] = await deliveryLog(w)
    expect(message).toMatchObject({ status: 'DELIVERED', attempts: [{ status: 'SUCCEEDED', at: new Date(ahead).toISOString() }] })
  })
})

describe('a refused request', () => {
  it('that had emitted an event before failing sends nothing and logs nothing', async () => {
    const w = makeWorld()
    const partnerId = w.loaded.partners.sandbox!.id
    // A request whose state operation emits, then refuses (inside the same transaction).
    w.app.post('/api/partner/test-emit-then-refuse', (c) => c.json(tx(w.store, () => {
      emitEvent(w.store, partnerId, 'CORPORATE_UPDATED', { id: 'nobody' })
      throw new SimError('CORPORATE_NOT_FOUND', ['nobody'])
    })))
    const rx = await hookReceiver(w)
    await subscribeReceiver(w, rx)
    const res = await w.call('POST', '/api/partner/test-emit-then-refuse')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ errorCode: 'CORPORATE_NOT_FOUND', message: 'Corporate with id nobody was not found.', error: 'linkcy.not.found', status: 404 })
    // The same through the API: a duplicate corporate (409) and a frozen PATCH (409) emit nothing.
    const token = await w.partnerToken()
    const body = corporateBody()
    const created = await ok(w, 201, 'POST', CORPORATES, { token, body })
    await ok(w, 409, 'POST', CORPORATES, { token, body: { ...corporateBody(), incorporationCode: body.incorporationCode } })
    setKyb(w, created.corporateId as string, 'VALIDATED')
    await ok(w, 409, 'PATCH', `${CORPORATES}/${created.corporateId as string}`, { token, body: { registeredName: 'Renamed SAS' } })
    await delivered(w, rx)
    expect(rx.types()).toEqual(['CORPORATE_CREATED', 'CORPORATE_KYB_VALIDATED'])
    expect((await deliveryLog(w)).map((m) => m.eventType)).toEqual(['CORPORATE_KYB_VALIDATED', 'CORPORATE_CREATED'])
  })
})
