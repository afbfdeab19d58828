import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import { insertBankingConsumer } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { cardProfileRules } from '../../src/state/card-profiles'

const PATH = '/api/partner/card-profiles'
const FR_CONSUMER_PHYSICAL = '409d49ce-38c8-4565-8c52-813029b54a50'
const FR_CORPORATE_VIRTUAL = '0beccf6d-aa19-4bfc-87fe-c83f26eebcf5'
const BE_CONSUMER_VIRTUAL = '4ec76c80-e9d5-4fa6-bdec-535a725bc0d1'
const notFoundMessage = (id: string) => `Card profile with id ${id} was not found.`

async function createProfile(w: TestWorld, token: string, body: Record<string, unknown>): Promise<string> {
  const res = await w.call('POST', PATH, { token, body })
  expect(res.status, await res.clone().text()).toBe(201)
  const created = (await res.json()) as Record<string, any>
  expect(referenceErrors('POST', PATH, 201, created)).toEqual([])
  return created.id as string
}

async function listProfiles(w: TestWorld, token: string, query = ''): Promise<Record<string, any>> {
  const res = await w.call('GET', `${PATH}${query}`, { token })
  expect(res.status, await res.clone().text()).toBe(200)
  const page = (await res.json()) as Record<string, any>
  expect(referenceErrors('GET', PATH, 200, page)).toEqual([])
  return page
}

describe('POST /api/partner/card-profiles', () => {
  it('creates an active profile on a design (201 {id}); the list shows the design’s scheme, types, program and design', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createProfile(w, token, { name: 'Everyday card', cardDesignId: FR_CONSUMER_PHYSICAL })
    const page = await listProfiles(w, token)
    expect(page).toEqual({
      totalElements: 1, page: 0, pageSize: 20,
      content: [{
        id, name: 'Everyday card', scheme: 'MASTERCARD', ledgerType: 'EUR_FRANCE', cardType: 'PHYSICAL', userType: 'CONSUMER', active: true,
        program: { id: '7b722c20-15e5-4151-9478-b66633cf203d' }, design: { id: FR_CONSUMER_PHYSICAL }, rules: [],
      }],
    })
  })

  it('takes active: false, and an upper-case design id', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createProfile(w, token, { name: 'Dormant', cardDesignId: FR_CORPORATE_VIRTUAL.toUpperCase(), active: false })
    expect((await listProfiles(w, token)).content).toEqual([expect.objectContaining({ id, active: false, design: { id: FR_CORPORATE_VIRTUAL } })])
  })

  it('answers 400 CARD_DESIGN_NOT_FOUND for a design outside the catalogue, and creates nothing', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const res = await w.call('POST', PATH, { token, body: { name: 'Ghost', cardDesignId: MISSING_ID } })
    const body = await expectBusiness400(res, 'CARD_DESIGN_NOT_FOUND', 'cardDesignId', `Card design with id ${MISSING_ID} was not found.`)
    expect(referenceErrors('POST', PATH, 400, body)).toEqual([])
    expect((await listProfiles(w, token)).totalElements).toBe(0)
  })

  it('validates the body (400): name and cardDesignId required, a uuid, a boolean active', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    for (const body of [{ cardDesignId: FR_CONSUMER_PHYSICAL }, { name: 'x' }, { name: 'x', cardDesignId: 'nope' }, { name: 'x', cardDesignId: FR_CONSUMER_PHYSICAL, active: 'yes' }]) {
      const res = await w.call('POST', PATH, { token, body })
      expect(res.status).toBe(400)
      expect(referenceErrors('POST', PATH, 400, await res.json())).toEqual([])
    }
  })

  it('is for partner users only: 401 without a token, 403 for an end-user', async () => {
    const w = makeWorld()
    expect((await w.call('POST', PATH, { body: { name: 'x', cardDesignId: FR_CONSUMER_PHYSICAL } })).status).toBe(401)
    const token = await consumerToken(w, insertBankingConsumer(w))
    for (const [method, path] of [['POST', PATH], ['GET', PATH], ['PATCH', `${PATH}/${MISSING_ID}`], ['PUT', `${PATH}/${MISSING_ID}/rules`], ['DELETE', `${PATH}/${MISSING_ID}/rules/DAILY_MAX_SPEND`]] as const) {
      const body = method === 'PATCH' ? { active: false } : method === 'PUT' ? { type: 'DAILY_MAX_SPEND', value: 5 } : method === 'POST' ? { name: 'x', cardDesignId: FR_CONSUMER_PHYSICAL } : undefined
      expect((await w.call(method, path, { token, body })).status, `${method} ${path}`).toBe(403)
    }
  })
})

describe('GET /api/partner/card-profiles', () => {
  it('filters by user, ledger and card types and active flag; sorts by NAME; pages; shows only the partner’s own', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const a = await createProfile(w, token, { name: 'Alpha', cardDesignId: FR_CONSUMER_PHYSICAL })
    const b = await createProfile(w, token, { name: 'Bravo', cardDesignId: FR_CORPORATE_VIRTUAL, active: false })
    const c = await createProfile(w, token, { name: 'Charlie', cardDesignId: BE_CONSUMER_VIRTUAL })
    await createProfile(w, await w.partnerToken(OTHER), { name: 'Other partner', cardDesignId: FR_CONSUMER_PHYSICAL })

    const ids = async (query: string) => ((await listProfiles(w, token, query)).content as { id: string }[]).map((p) => p.id)
    expect(await ids('?sortAttribute=NAME&sortDirection=ASC')).toEqual([a, b, c])
    expect(await ids('?sortAttribute=NAME&sortDirection=DESC')).toEqual([c, b, a])
    expect(await ids('?userTypes=CONSUMER&sortAttribute=NAME&sortDirection=ASC')).toEqual([a, c])
    expect(await ids('?userTypes=CONSUMER&userTypes=CORPORATE&sortAttribute=NAME&sortDirection=ASC')).toEqual([a, b, c])
    expect(await ids('?ledgerTypes=EUR_BELGIUM,EUR_ESTONIA')).toEqual([c])
    expect(await ids('?cardTypes=VIRTUAL&sortAttribute=NAME&sortDirection=ASC')).toEqual([b, c])
    expect(await ids('?active=false')).toEqual([b])
    expect(await ids('?active=true&cardTypes=PHYSICAL')).toEqual([a])
    const second = await listProfiles(w, token, '?sortAttribute=NAME&sortDirection=ASC&pageSize=2&page=1')
    expect(second).toMatchObject({ totalElements: 3, page: 1, pageSize: 2, content: [{ id: c }] })
  })

  it('refuses unknown filter values (400)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    for (const query of ['?userTypes=ROBOT', '?ledgerTypes=EUR_SPAIN', '?cardTypes=METAL', '?active=maybe', '?sortAttribute=CREATION_DATE', '?pageSize=101']) {
      const res = await w.call('GET', `${PATH}${query}`, { token })
      expect(res.status, query).toBe(400)
      expect(referenceErrors('GET', PATH, 400, await res.json())).toEqual([])
    }
  })
})

describe('PATCH /api/partner/card-profiles/{cardProfileId}', () => {
  it('deactivates and reactivates a profile (200 {id})', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createProfile(w, token, { name: 'Everyday', cardDesignId: FR_CONSUMER_PHYSICAL })
    const res = await w.call('PATCH', `${PATH}/${id}`, { token, body: { active: false } })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ id })
    expect(referenceErrors('PATCH', `${PATH}/{cardProfileId}`, 200, body)).toEqual([])
    expect((await listProfiles(w, token)).content[0]).toMatchObject({ id, active: false, name: 'Everyday' })
    await w.call('PATCH', `${PATH}/${id}`, { token, body: { active: true, name: 'Renamed' } })
    expect((await listProfiles(w, token)).content[0]).toMatchObject({ id, active: true, name: 'Renamed' })
    // An empty patch changes nothing.
    expect((await w.call('PATCH', `${PATH}/${id}`, { token, body: {} })).status).toBe(200)
    expect((await listProfiles(w, token)).content[0]).toMatchObject({ active: true })
  })

  it('answers 404 CARD_PROFILE_NOT_FOUND for an unknown or another partner’s profile; 400 for a non-uuid id', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const theirs = await createProfile(w, await w.partnerToken(OTHER), { name: 'Theirs', cardDesignId: FR_CONSUMER_PHYSICAL })
    for (const id of [MISSING_ID, theirs]) {
      const body = await expectError(await w.call('PATCH', `${PATH}/${id}`, { token, body: { active: false } }), 404, 'CARD_PROFILE_NOT_FOUND', notFoundMessage(id))
      expect(referenceErrors('PATCH', `${PATH}/{cardProfileId}`, 404, body)).toEqual([])
    }
    expect((await w.call('PATCH', `${PATH}/not-a-uuid`, { token, body: { active: false } })).status).toBe(400)
    expect((await w.call('PATCH', `${PATH}/${theirs}`, { token, body: { active: 'no' } })).status).toBe(400)
  })
})

describe('PUT and DELETE /api/partner/card-profiles/{cardProfileId}/rules', () => {
  it('sets default rules (204), replaces one of the same type, and removes one (204); the list shows them', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createProfile(w, token, { name: 'Limited', cardDesignId: FR_CONSUMER_PHYSICAL })
    const put = (body: Record<string, unknown>) => w.call('PUT', `${PATH}/${id}/rules`, { token, body })
    expect((await put({ type: 'DAILY_MAX_SPEND', value: 300, name: 'Daily' })).status).toBe(204)
    expect((await put({ type: 'MONTHLY_MAX_SPEND', value: 2000 })).status).toBe(204)
    expect((await put({ type: 'DAILY_MAX_SPEND', value: 250 })).status).toBe(204)
    expect((await listProfiles(w, token)).content[0].rules).toEqual([
      { type: 'DAILY_MAX_SPEND', value: 250 },
      { type: 'MONTHLY_MAX_SPEND', value: 2000 },
    ])

    expect((await w.call('DELETE', `${PATH}/${id}/rules/DAILY_MAX_SPEND`, { token })).status).toBe(204)
    expect(cardProfileRules(w.store, id)).toEqual([{ type: 'MONTHLY_MAX_SPEND', value: 2000, name: null }])
    // Removing a rule the profile does not have is a no-op.
    expect((await w.call('DELETE', `${PATH}/${id}/rules/WEEKLY_MAX_SPEND`, { token })).status).toBe(204)
    expect((await listProfiles(w, token)).content[0].rules).toEqual([{ type: 'MONTHLY_MAX_SPEND', value: 2000 }])
  })

  it('validates type and value (1..999999999, an integer) with 400', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createProfile(w, token, { name: 'Limited', cardDesignId: FR_CONSUMER_PHYSICAL })
    for (const body of [
      { type: 'DAILY_MAX_SPEND', value: 0 }, { type: 'DAILY_MAX_SPEND', value: 1_000_000_000 }, { type: 'DAILY_MAX_SPEND', value: 10.5 },
      { type: 'DAILY_MAX_SPEND', value: '10' }, { type: 'DAILY_MAX_COUNT', value: 3 }, { value: 3 }, { type: 'WEEKLY_MAX_SPEND' },
    ]) {
      const res = await w.call('PUT', `${PATH}/${id}/rules`, { token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(referenceErrors('PUT', `${PATH}/{cardProfileId}/rules`, 400, await res.json())).toEqual([])
    }
    expect((await w.call('PUT', `${PATH}/${id}/rules`, { token, body: { type: 'WEEKLY_MAX_SPEND', value: 999_999_999 } })).status).toBe(204)
    expect((await w.call('PUT', `${PATH}/${id}/rules`, { token, body: { type: 'WEEKLY_MAX_SPEND', value: 1 } })).status).toBe(204)
    expect((await w.call('DELETE', `${PATH}/${id}/rules/LIFETIME_MAX_SPEND`, { token })).status).toBe(400)
    expect(cardProfileRules(w.store, id)).toEqual([{ type: 'WEEKLY_MAX_SPEND', value: 1, name: null }])
  })

  it('answers 404 CARD_PROFILE_NOT_FOUND for an unknown or another partner’s profile', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const theirs = await createProfile(w, await w.partnerToken(OTHER), { name: 'Theirs', cardDesignId: FR_CONSUMER_PHYSICAL })
    for (const id of [MISSING_ID, theirs]) {
      const put = await expectError(
        await w.call('PUT', `${PATH}/${id}/rules`, { token, body: { type: 'DAILY_MAX_SPEND', value: 10 } }), 404, 'CARD_PROFILE_NOT_FOUND', notFoundMessage(id),
      )
      expect(referenceErrors('PUT', `${PATH}/{cardProfileId}/rules`, 404, put)).toEqual([])
      const del = await expectError(await w.call('DELETE', `${PATH}/${id}/rules/DAILY_MAX_SPEND`, { token }), 404, 'CARD_PROFILE_NOT_FOUND', notFoundMessage(id))
      expect(referenceErrors('DELETE', `${PATH}/{cardProfileId}/rules/{ruleType}`, 404, del)).toEqual([])
    }
    expect(cardProfileRules(w.store, theirs)).toEqual([])
  })
})
