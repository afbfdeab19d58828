import { describe, expect, it } from 'vitest'
import { makeWorld, errorBody, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { consumerToken, insertConsumer } from '../helpers/consumers'
import { requestKyc } from '../helpers/kyc'

interface Page {
  content: { id: string; personId: string; status: string; creationDate: string }[]
  totalElements: number
  page: number
  pageSize: number
}

async function world() {
  const w = makeWorld()
  const token = await w.partnerToken()
  const a = insertConsumer(w, { phoneVerified: true })
  const b = insertConsumer(w, { phoneVerified: true })
  const c = insertConsumer(w, { phoneVerified: true })
  const idOf = async (res: Response) => ((await res.json()) as { id?: string; kycApplicationId?: string })
  const ka = (await idOf(await requestKyc(w, token, { consumerId: a.id, kycConfiguration: { accessType: 'LINK' } }))).id!
  w.store.clock.advance(60_000)
  const kb = (await idOf(await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId: b.id, kycStatus: 'VALIDATED', firstName: 'Bob' } }))).kycApplicationId!
  w.store.clock.advance(60_000)
  const kc = (await idOf(await requestKyc(w, token, { consumerId: c.id, kycConfiguration: { accessType: 'SDK' } }))).id!
  return { w, token, a, b, c, ka, kb, kc }
}

describe('GET /api/partner/kyc', () => {
  it('lists the partner applications, newest first by default, in LinkCy page envelope', async () => {
    const { w, token, ka, kb, kc } = await world()
    const res = await w.call('GET', '/api/partner/kyc', { token })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Page
    expect(referenceErrors('GET', '/api/partner/kyc', 200, body)).toEqual([])
    expect(body.content.map((k) => k.id)).toEqual([kc, kb, ka])
    expect(body).toMatchObject({ totalElements: 3, page: 0, pageSize: 20 })
    expect(body.content[1]).toMatchObject({ status: 'VALIDATED', firstName: 'Bob', personType: 'CONSUMER' })
  })

  it('filters by status, person and type, sorts and pages (the polling query of a real client)', async () => {
    const { w, token, a, b, ka, kb, kc } = await world()
    const get = async (q: string) => (await (await w.call('GET', `/api/partner/kyc?${q}`, { token })).json()) as Page
    const validated = await get('sortAttribute=CREATION_DATE&personType=CONSUMER&kycStatus=VALIDATED&pageSize=100&page=0&sortDirection=ASC')
    expect(validated.content.map((k) => k.personId)).toEqual([b.id])
    expect(validated).toMatchObject({ totalElements: 1, page: 0, pageSize: 100 })
    expect((await get(`personId=${a.id}`)).content.map((k) => k.id)).toEqual([ka])
    expect((await get('sortDirection=ASC&sortAttribute=UPDATE_DATE')).content.map((k) => k.id)).toEqual([ka, kb, kc])
    const paged = await get('sortDirection=ASC&pageSize=2&page=1')
    expect(paged).toMatchObject({ totalElements: 3, page: 1, pageSize: 2 })
    expect(paged.content.map((k) => k.id)).toEqual([kc])
    expect((await get('personType=CORPORATE_RELATED_PHYSICAL_PERSON')).totalElements).toBe(0)
  })

  it('settles expired links before filtering on status', async () => {
    const { w, ka } = await world()
    w.store.clock.advance(721 * 3600_000)
    const token = await w.partnerToken()
    const aborted = (await (await w.call('GET', '/api/partner/kyc?kycStatus=ABORTED', { token })).json()) as Page
    // The SDK application (24 h) and the LINK application (720 h) have both expired.
    expect(aborted.content.map((k) => k.id)).toContain(ka)
    expect(aborted.totalElements).toBe(2)
  })

  it('answers PERSON_NOT_FOUND (400) for an unknown personId', async () => {
    const { w, token } = await world()
    const unknown = '00000000-0000-4000-8000-000000000000'
    const res = await w.call('GET', `/api/partner/kyc?personId=${unknown}`, { token })
    expect(res.status).toBe(400)
    const body = await errorBody(res)
    expect(body).toMatchObject({
      errorCode: 'PERSON_NOT_FOUND', error: 'linkcy.bad.request',
      details: [{ field: 'personId', rejectedValue: unknown, message: `Person of type CONSUMER with id ${unknown} was not found.` }],
    })
    expect(referenceErrors('GET', '/api/partner/kyc', 400, body)).toEqual([])
  })

  it('shows another partner nothing of sandbox, refuses end-users (403) and bad paging (400)', async () => {
    const { w, token, a } = await world()
    const other = await w.partnerToken(OTHER)
    const otherList = (await (await w.call('GET', '/api/partner/kyc', { token: other })).json()) as Page
    expect(otherList.totalElements).toBe(0)
    const crossed = await w.call('GET', `/api/partner/kyc?personId=${a.id}`, { token: other })
    expect(crossed.status).toBe(400)
    expect(((await crossed.json()) as { errorCode: string }).errorCode).toBe('PERSON_NOT_FOUND')

    const asConsumer = await w.call('GET', '/api/partner/kyc', { token: await consumerToken(w, a) })
    expect(asConsumer.status).toBe(403)
    expect(await errorBody(asConsumer)).toMatchObject({ error: 'linkcy.forbidden' })

    for (const q of ['pageSize=101', 'page=-1', 'page=501', 'kycStatus=DONE', 'personId=nope', 'sortAttribute=NAME']) {
      const res = await w.call('GET', `/api/partner/kyc?${q}`, { token })
      expect(res.status).toBe(400)
      expect(await errorBody(res)).toMatchObject({ error: 'linkcy.bad.request' })
    }
  })
})
