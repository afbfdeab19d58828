import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { expectError } from '../helpers/errors'
import { insertConsumer } from '../helpers/consumers'

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
