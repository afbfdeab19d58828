import { beforeAll, describe, expect, it } from 'vitest'
import { errorBody, makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { CONSUMERS, consumerLogin, seedConsumer } from '../helpers/consumers'

// GET /api/partner/consumers: filters, sorting and paging over a small known population.

const T0 = Date.parse('2026-01-01T00:00:00Z')
const HOUR = 3600_000

interface Page {
  content: { id: string; lastName?: string; emailAddress?: string; phone: { number: string }; status: { overall: { value: string } }; creationDate: string; updateDate: string }[]
  totalElements: number
  page: number
  pageSize: number
}

let w: TestWorld
let token: string
const ids: Record<string, string> = {}

beforeAll(async () => {
  w = makeWorld()
  token = await w.partnerToken()
  // name, number, state, created (hours after T0), updated (hours after T0)
  const people: [string, string, Record<string, unknown>, number, number][] = [
    ['Martin', '600000001', { kycStatus: 'VALIDATED', emailVerified: true }, 1, 9],
    ['Bernard', '600000002', {}, 2, 2],
    ['Dubois', '600000003', { phoneVerified: true }, 3, 4],
    ['Thomas', '600000004', { kycStatus: 'PENDING_REVIEW' }, 4, 5],
    ['Robert', '600000005', { kycStatus: 'DECLINED' }, 5, 6],
    ['Martinez', '600000006', { kycStatus: 'VALIDATED', suspensionStatus: 'SUSPENDED' }, 6, 7],
    ['Petit', '700000007', { kycStatus: 'CREATED', linkcyStatus: 'FORBIDDEN', bankingStatus: 'BLOCKED' }, 7, 8],
  ]
  for (const [lastName, number, state, created, updated] of people) {
    ids[lastName] = seedConsumer(w, { lastName, phone: { countryCode: '33', number }, emailAddress: `${lastName.toLowerCase()}@example.fr`, ...state }, 'sandbox', {
      creationDate: T0 + created * HOUR,
      updateDate: T0 + updated * HOUR,
    })
  }
  seedConsumer(w, { lastName: 'Martin', phone: { countryCode: '33', number: '600000001' } }, 'other-sandbox')
})

async function list(query: string, as = token): Promise<Page> {
  const res = await w.call('GET', `${CONSUMERS}${query}`, { token: as })
  expect(res.status, await res.clone().text()).toBe(200)
  const body = (await res.json()) as Page
  expect(referenceErrors('GET', CONSUMERS, 200, body)).toEqual([])
  return body
}

const names = (page: Page) => page.content.map((c) => c.lastName)

describe('GET /api/partner/consumers', () => {
  it('lists only the partner’s consumers, newest first by default, in the reference shape', async () => {
    const page = await list('')
    expect(page).toMatchObject({ totalElements: 7, page: 0, pageSize: 20 })
    expect(names(page)).toEqual(['Petit', 'Martinez', 'Robert', 'Thomas', 'Dubois', 'Bernard', 'Martin'])
    expect(page.content[6]).toEqual({
      id: ids.Martin,
      phone: { countryCode: '33', number: '600000001', verified: true, verificationDate: '2026-01-01T01:05:00.000Z' },
      lastName: 'Martin',
      firstName: expect.any(String),
      emailAddress: 'martin@example.fr',
      status: {
        banking: { value: 'VALIDATED' }, kyc: { value: 'VALIDATED' }, suspension: { value: 'NOT_SUSPENDED' },
        linkcy: { value: 'VALIDATED' }, compliance: { value: 'VALIDATED' }, overall: { value: 'ACTIVE' },
      },
      creationDate: '2026-01-01T01:00:00.000Z',
      updateDate: '2026-01-01T09:00:00.000Z',
    })
    const other = await list('', await w.partnerToken(OTHER))
    expect(other.totalElements).toBe(1)
    expect(other.content[0]!.id).not.toBe(ids.Martin)
  })

  it('sorts by LAST_NAME, UPDATE_DATE and CREATION_DATE in both directions', async () => {
    expect(names(await list('?sortAttribute=LAST_NAME&sortDirection=ASC'))).toEqual(['Bernard', 'Dubois', 'Martin', 'Martinez', 'Petit', 'Robert', 'Thomas'])
    expect(names(await list('?sortAttribute=LAST_NAME&sortDirection=DESC'))).toEqual(['Thomas', 'Robert', 'Petit', 'Martinez', 'Martin', 'Dubois', 'Bernard'])
    expect(names(await list('?sortAttribute=UPDATE_DATE&sortDirection=DESC'))).toEqual(['Martin', 'Petit', 'Martinez', 'Robert', 'Thomas', 'Dubois', 'Bernard'])
    expect(names(await list('?sortAttribute=CREATION_DATE&sortDirection=ASC'))).toEqual(['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Martinez', 'Petit'])
  })

  it('filters by lastName, phone and emailAddress (case-insensitive, contained)', async () => {
    expect(names(await list('?lastName=martin&sortAttribute=LAST_NAME&sortDirection=ASC'))).toEqual(['Martin', 'Martinez'])
    expect(names(await list('?phone=33700000007'))).toEqual(['Petit'])
    expect(names(await list(`?phone=${encodeURIComponent('+33 6 00 00 00 03')}`))).toEqual(['Dubois'])
    expect(names(await list('?phone=abc'))).toEqual([])
    expect(names(await list('?emailAddress=ROBERT@EXAMPLE.FR'))).toEqual(['Robert'])
  })

  it('filters by each status list (repeated or comma-separated) and by overallStatus', async () => {
    const sorted = '&sortAttribute=LAST_NAME&sortDirection=ASC'
    expect(names(await list(`?kycStatus=VALIDATED&kycStatus=DECLINED${sorted}`))).toEqual(['Martin', 'Martinez', 'Robert'])
    expect(names(await list(`?kycStatus=VALIDATED,DECLINED${sorted}`))).toEqual(['Martin', 'Martinez', 'Robert'])
    expect(names(await list(`?bankingStatus=BLOCKED${sorted}`))).toEqual(['Petit'])
    expect(names(await list(`?suspensionStatus=SUSPENDED${sorted}`))).toEqual(['Martinez'])
    expect(names(await list(`?linkcyStatus=FORBIDDEN,VALIDATED${sorted}`))).toEqual(['Martin', 'Martinez', 'Petit'])
    expect(names(await list(`?complianceStatus=PENDING_REVIEW,DECLINED${sorted}`))).toEqual(['Robert', 'Thomas'])
    expect(names(await list(`?overallStatus=ACTIVE${sorted}`))).toEqual(['Martin'])
    expect((await list(`?overallStatus=INACTIVE${sorted}`)).totalElements).toBe(6)
    expect(names(await list(`?kycStatus=NOT_STARTED&lastName=ber${sorted}`))).toEqual(['Bernard'])
  })

  it('pages with page/pageSize (totalElements counts every match); page 500 is the last accepted page', async () => {
    const p1 = await list('?pageSize=3&page=1&sortAttribute=LAST_NAME&sortDirection=ASC')
    expect(p1).toMatchObject({ totalElements: 7, page: 1, pageSize: 3 })
    expect(names(p1)).toEqual(['Martinez', 'Petit', 'Robert'])
    expect(names(await list('?pageSize=3&page=2&sortAttribute=LAST_NAME&sortDirection=ASC'))).toEqual(['Thomas'])
    expect(await list('?page=500&pageSize=100')).toMatchObject({ content: [], totalElements: 7, page: 500, pageSize: 100 })
  })

  it('answers bad paging, unknown enums and wrong types with 400 field violations', async () => {
    const cases: [string, string][] = [
      ['?page=501', 'page'], ['?page=-1', 'page'], ['?pageSize=101', 'pageSize'], ['?pageSize=0', 'pageSize'], ['?page=abc', 'page'],
      ['?kycStatus=FOO', 'kycStatus[0]'], ['?overallStatus=LOCK', 'overallStatus'], ['?sortAttribute=EMAIL', 'sortAttribute'],
      ['?sortDirection=UP', 'sortDirection'], ['?suspensionStatus=NOT_SUSPENDED,NOPE', 'suspensionStatus[1]'],
    ]
    for (const [query, field] of cases) {
      const res = await w.call('GET', `${CONSUMERS}${query}`, { token })
      expect(res.status, query).toBe(400)
      const body = await errorBody(res)
      expect(body).toMatchObject({ error: 'linkcy.bad.request', details: [{ field }] })
      expect(referenceErrors('GET', CONSUMERS, 400, body)).toEqual([])
    }
  })

  it('is for partners only: 401 anonymous, 403 with an end-user token', async () => {
    expect((await w.call('GET', CONSUMERS)).status).toBe(401)
    const { token: consumerToken } = await consumerLogin(w, '699999999')
    const res = await w.call('GET', CONSUMERS, { token: consumerToken })
    expect(res.status).toBe(403)
    expect(await errorBody(res)).toMatchObject({ error: 'linkcy.forbidden' })
  })
})
