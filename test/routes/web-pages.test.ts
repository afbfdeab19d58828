import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { expectError } from '../helpers/errors'
import { insertConsumer } from '../helpers/consumers'
import { requestKyc } from '../helpers/kyc'
import { outboxOf } from '../helpers/outbox'
import { parseIsoDuration } from '../../src/state/clock'

const PAGE = '/api/partner/web-page'
const UNKNOWN = '3f0c6f0e-8d7a-4c1e-9a59-0c2b7a0b9a11'
const PARIS = { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75001', street: 'Rue de Rivoli', number: '1', status: 'VALID' as const }

async function addressPage(w: ReturnType<typeof makeWorld>, ttl?: string): Promise<string> {
  const consumer = insertConsumer(w, { address: PARIS })
  const res = await w.call('POST', '/api/partner/verifications/address', { token: await w.partnerToken(), body: { type: 'LINK', endUserId: consumer.id, ...(ttl ? { ttl } : {}) } })
  return ((await res.json()) as { url: string }).url.split('/').pop()!
}

describe('GET /api/partner/web-page/{pageId}', () => {
  it('answers the hosted page as HTML, without a token, linking to the simulator\'s page', async () => {
    const w = makeWorld()
    const id = await addressPage(w)
    const res = await w.call('GET', `${PAGE}/${id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(referenceErrors('GET', `${PAGE}/{pageId}`, 200, html)).toEqual([])
    expect(html).toContain(`http://localhost/pages/address-verifications/${id}`)
    expect((await w.call('GET', `${PAGE}/${id.toUpperCase()}`)).status).toBe(200)
  })

  it('404 RESOURCE_NOT_FOUND for an unknown page; 400 for a non-uuid', async () => {
    const w = makeWorld()
    const body = await expectError(await w.call('GET', `${PAGE}/${UNKNOWN}`), 404, 'RESOURCE_NOT_FOUND', 'The resource you are trying to access to does not exist.')
    expect(referenceErrors('GET', `${PAGE}/{pageId}`, 404, body)).toEqual([])
    expect((await w.call('GET', `${PAGE}/nope`)).status).toBe(400)
  })

  it('409 EXPIRED_RESOURCE once the page expired on the simulator clock', async () => {
    const w = makeWorld()
    const id = await addressPage(w, 'PT10M')
    w.store.clock.advance(10 * 60_000 - 1)
    expect((await w.call('GET', `${PAGE}/${id}`)).status).toBe(200)
    w.store.clock.advance(1)
    const body = await expectError(await w.call('GET', `${PAGE}/${id}`), 409, 'EXPIRED_RESOURCE', `The resource ${id} you are trying to access to has expired.`)
    expect(referenceErrors('GET', `${PAGE}/{pageId}`, 409, body)).toEqual([])
  })
})

describe('GET /api/partner/web-page/{pageId}: every hosted link is a web page', () => {
  const lastSegment = (url: string): string => new URL(url).pathname.split('/').pop()!

  it('the KYC link\'s page (its last segment) until the link expires', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { phoneVerified: true })
    const res = await requestKyc(w, await w.partnerToken(), { consumerId: consumer.id, kycConfiguration: { accessType: 'LINK' } })
    const { url, ttl } = (await res.json()) as { url: string; ttl: string }
    const id = lastSegment(url)
    const html = await (await w.call('GET', `${PAGE}/${id}`)).text()
    expect(html).toContain(url)
    w.store.clock.advance(parseIsoDuration(ttl)!)
    await expectError(await w.call('GET', `${PAGE}/${id}`), 409, 'EXPIRED_RESOURCE', `The resource ${id} you are trying to access to has expired.`)
  })

  it('the e-mail verification link\'s page, marked done once confirmed, expired after 48 hours', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { emailAddress: 'ada@example.test' })
    await w.call('POST', '/api/partner/verifications/email/send', { token: await w.partnerToken(), body: { consumerId: consumer.id } })
    const link = (await outboxOf(w, consumer.id))[0]!.link!
    const id = lastSegment(link)
    const page = await w.call('GET', `${PAGE}/${id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(link)
    expect(html).not.toContain('already done')
    await w.call('POST', new URL(link).pathname)
    expect(await (await w.call('GET', `${PAGE}/${id}`)).text()).toContain('already done')
    w.store.clock.advance(48 * 3600_000)
    expect((await w.call('GET', `${PAGE}/${id}`)).status).toBe(409)
  })

  it('the acquiring payment page, done once paid, expired with the session', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const created = (await (await w.call('POST', '/api/partner/acquiring/payment', { token, body: { amount: 10, redirectUrl: 'https://shop.test' } })).json()) as { id: string; webPage: { url: string; ttl: string } }
    const id = lastSegment(created.webPage.url)
    expect(id).toBe(created.id)
    expect(await (await w.call('GET', `${PAGE}/${id}`)).text()).toContain(created.webPage.url)
    await w.call('POST', `/_sim/acquiring/${created.id}/pay`)
    expect(await (await w.call('GET', `${PAGE}/${id}`)).text()).toContain('already done')
    w.store.clock.advance(parseIsoDuration(created.webPage.ttl)!)
    expect((await w.call('GET', `${PAGE}/${id}`)).status).toBe(409)
  })
})
