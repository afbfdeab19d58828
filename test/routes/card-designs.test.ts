import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER } from '../helpers/app'
import { consumerToken } from '../helpers/consumers'
import { insertBankingConsumer } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { CARD_DESIGNS } from '../../src/state/card-designs'

const PATH = '/api/partner/card-designs'

describe('GET /api/partner/card-designs', () => {
  it('lists the catalogue in LinkCy’s shape: both schemes, card and user types, ledger types with countries', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const res = await w.call('GET', `${PATH}?pageSize=100`, { token })
    expect(res.status).toBe(200)
    const page = (await res.json()) as Record<string, any>
    expect(referenceErrors('GET', PATH, 200, page)).toEqual([])
    expect(page.totalElements).toBe(CARD_DESIGNS.length)
    expect(page).toMatchObject({ page: 0, pageSize: 100 })
    const content = page.content as Record<string, any>[]
    expect(new Set(content.map((d) => d.scheme))).toEqual(new Set(['MASTERCARD', 'VISA']))
    expect(new Set(content.map((d) => d.cardType))).toEqual(new Set(['PHYSICAL', 'VIRTUAL']))
    expect(new Set(content.map((d) => d.userType))).toEqual(new Set(['CONSUMER', 'CORPORATE']))
    expect(content[0]).toEqual({
      id: '409d49ce-38c8-4565-8c52-813029b54a50', friendlyName: 'Mastercard Debit Classic Midnight Blue', scheme: 'MASTERCARD',
      ledgerType: 'EUR_FRANCE', cardType: 'PHYSICAL', userType: 'CONSUMER', availableCountries: expect.arrayContaining(['FRA', 'MCO', 'DEU']),
    })
    expect(content.find((d) => d.ledgerType === 'USD_USA')!.availableCountries).toEqual(['USA'])
    expect(content.find((d) => d.ledgerType === 'GBP_GREAT_BRITAIN')!.availableCountries).toContain('GBR')
  })

  it('is the same, with the same ids, for every partner and every world', async () => {
    const a = makeWorld({ seed: 1 })
    const b = makeWorld({ seed: 2 })
    const first = await (await a.call('GET', `${PATH}?pageSize=100`, { token: await a.partnerToken() })).json()
    const second = await (await b.call('GET', `${PATH}?pageSize=100`, { token: await b.partnerToken(OTHER) })).json()
    expect(second).toEqual(first)
  })

  it('filters by scheme, ledgerType, cardType and userType together', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const res = await w.call('GET', `${PATH}?scheme=VISA&ledgerType=EUR_FRANCE&cardType=VIRTUAL&userType=CONSUMER`, { token })
    const page = (await res.json()) as Record<string, any>
    expect(page.content).toEqual([expect.objectContaining({ friendlyName: 'Visa Debit Virtual White', scheme: 'VISA', ledgerType: 'EUR_FRANCE' })])
    expect(page.totalElements).toBe(1)
    const none = await (await w.call('GET', `${PATH}?scheme=VISA&ledgerType=GBP_GREAT_BRITAIN`, { token })).json()
    expect(none).toEqual({ content: [], totalElements: 0, page: 0, pageSize: 20 })
  })

  it('sorts by FRIENDLY_NAME in either direction and pages', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const names = CARD_DESIGNS.map((d) => d.friendlyName).sort((x, y) => x.localeCompare(y))
    const asc = (await (await w.call('GET', `${PATH}?sortAttribute=FRIENDLY_NAME&pageSize=5`, { token })).json()) as Record<string, any>
    expect(asc.content.map((d: { friendlyName: string }) => d.friendlyName)).toEqual(names.slice(0, 5))
    const desc = (await (await w.call('GET', `${PATH}?sortAttribute=FRIENDLY_NAME&sortDirection=DESC&pageSize=5&page=1`, { token })).json()) as Record<string, any>
    expect(desc.content.map((d: { friendlyName: string }) => d.friendlyName)).toEqual([...names].reverse().slice(5, 10))
    expect(desc).toMatchObject({ page: 1, pageSize: 5, totalElements: names.length })
  })

  it('refuses unknown enum values (400), no token (401) and end-user tokens (403)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const bad = await w.call('GET', `${PATH}?scheme=AMEX`, { token })
    expect(bad.status).toBe(400)
    expect(referenceErrors('GET', PATH, 400, await bad.json())).toEqual([])
    const sort = await w.call('GET', `${PATH}?sortAttribute=NAME`, { token })
    expect(sort.status).toBe(400)
    expect((await w.call('GET', PATH)).status).toBe(401)
    const jane = insertBankingConsumer(w)
    const forbidden = await w.call('GET', PATH, { token: await consumerToken(w, jane) })
    expect(forbidden.status).toBe(403)
    expect(referenceErrors('GET', PATH, 403, await forbidden.json())).toEqual([])
  })
})
