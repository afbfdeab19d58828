import { describe, expect, it } from 'vitest'
import { makeWorld, errorBody } from '../helpers/app'
import { createConsumer } from '../helpers/consumers'

// LinkCy's backend parses ids with Java's UUID.fromString: any case, any version.
describe('uuid ids', () => {
  it('find their resource whatever the case of the hex digits, in paths, queries and bodies', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createConsumer(w, { phone: { countryCode: '33', number: '612340000' } }, token)
    const upper = id.toUpperCase()
    const got = await w.call('GET', `/api/partner/consumers/${upper}`, { token })
    expect(got.status).toBe(200)
    expect(((await got.json()) as { id: string }).id).toBe(id)
    expect((await w.call('GET', `/api/partner/kyc?personId=${upper}`, { token })).status).toBe(200)
    const send = await w.call('POST', '/api/partner/verifications/phone/send', { token, body: { consumerId: upper } })
    expect(send.status).toBe(200)
  })

  it('of a non-4 version are well-formed (404, not 400); malformed ones are a 400', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const v1 = await w.call('GET', '/api/partner/consumers/ed7a7b6d-ad01-1360-09d4-368abb1e0765', { token })
    expect(v1.status).toBe(404)
    const bad = await w.call('GET', '/api/partner/consumers/not-a-uuid', { token })
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ details: [{ field: 'consumerId', rejectedValue: 'not-a-uuid', message: 'must be a valid UUID' }] })
  })
})

describe('list query parameters', () => {
  it('name the bad value of a comma-separated list', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const res = await w.call('GET', '/api/partner/consumers?kycStatus=NOT_STARTED,FOO', { token })
    expect(res.status).toBe(400)
    const body = await errorBody(res)
    expect(body.details).toEqual([expect.objectContaining({ field: 'kycStatus[1]', rejectedValue: 'FOO' })])
  })
})

describe('JSON bodies', () => {
  it('nested absurdly deep are a 400, not a crash', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const deep = '{"a":'.repeat(6000) + '1' + '}'.repeat(6000)
    const res = await w.call('POST', '/api/partner/consumers', { token, body: `{"phone":{"countryCode":"33","number":"612340001"},"metadata":${deep}}` })
    expect(res.status).toBe(400)
    expect(await errorBody(res)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'body' }] })
    const list = (await (await w.call('GET', '/api/partner/consumers', { token })).json()) as { totalElements: number }
    expect(list.totalElements).toBe(0)
  })
})

describe('paging parameters', () => {
  it('bind like Spring: a repeated one takes its first value, an empty one its default', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const res = await w.call('GET', '/api/partner/consumers?page=1&page=2&pageSize=', { token })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ page: 1, pageSize: 20 })
    expect((await w.call('GET', '/api/partner/consumers?pageSize=101', { token })).status).toBe(400)
    expect((await w.call('GET', '/api/partner/kyc?page=501', { token })).status).toBe(400)
  })
})
