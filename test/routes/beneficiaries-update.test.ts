import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { BY_PASS, insertBankingConsumer, insertBeneficiary } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

const PATH = '/api/partner/beneficiaries'
const row = (w: TestWorld, id: string) =>
  w.store.sqlite.prepare('SELECT status, active, display, update_date AS updateDate FROM beneficiaries WHERE id = ?').get(id) as Record<string, unknown>

describe('PATCH /api/partner/beneficiaries/{beneficiaryId}', () => {
  it('a partner deactivates and hides a beneficiary (200 {id}); the change shows in GET', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const b = insertBeneficiary(w, { consumerId: jane.id })
    w.store.clock.advance(60_000)
    const res = await w.call('PATCH', `${PATH}/${b.id}`, { token, body: { active: false, display: false }, headers: BY_PASS })
    expect(res.status).toBe(200)
    const answer = await res.json()
    expect(answer).toEqual({ id: b.id })
    expect(referenceErrors('PATCH', `${PATH}/{beneficiaryId}`, 200, answer)).toEqual([])
    expect(await (await w.call('GET', `${PATH}/${b.id}`, { token })).json()).toMatchObject({ active: false, display: false, updateDate: '2026-01-15T10:01:00.000Z' })
  })

  it('an end-user may (de)activate its beneficiary but not change display (400 CANNOT_CHANGE_BENEFICIARY_DISPLAY)', async () => {
    const w = makeWorld()
    const jane = insertBankingConsumer(w)
    const b = insertBeneficiary(w, { consumerId: jane.id })
    const token = await consumerToken(w, jane)
    const refused = await w.call('PATCH', `${PATH}/${b.id}`, { token, body: { active: false, display: false }, headers: BY_PASS })
    await expectError(refused, 400, 'CANNOT_CHANGE_BENEFICIARY_DISPLAY', 'You cannot change the property display with your authentication level.', {
      field: 'display', rejectedValue: 'false',
    })
    expect(row(w, b.id)).toMatchObject({ active: 1, display: 1 })
    const ok = await w.call('PATCH', `${PATH}/${b.id}`, { token, body: { active: false, display: true }, headers: BY_PASS })
    expect(ok.status).toBe(200)
    expect(row(w, b.id)).toMatchObject({ active: 0, display: 1 })
  })

  it('404 BENEFICIARY_NOT_FOUND for an unknown id, another partner\'s and another end-user\'s; 400 for a bad body', async () => {
    const w = makeWorld()
    const jane = insertBankingConsumer(w)
    const john = insertBankingConsumer(w)
    const johns = insertBeneficiary(w, { consumerId: john.id })
    const janeToken = await consumerToken(w, jane)
    const patch = (token: string, id: string, body: unknown = { active: false }) => w.call('PATCH', `${PATH}/${id}`, { token, body, headers: BY_PASS })
    await expectError(await patch(await w.partnerToken(), MISSING_ID), 404, 'BENEFICIARY_NOT_FOUND', `Beneficiary with id ${MISSING_ID} was not found.`)
    await expectError(await patch(await w.partnerToken(OTHER), johns.id), 404, 'BENEFICIARY_NOT_FOUND', `Beneficiary with id ${johns.id} was not found.`)
    await expectError(await patch(janeToken, johns.id), 404, 'BENEFICIARY_NOT_FOUND', `Beneficiary with id ${johns.id} was not found.`)
    expect((await patch(await w.partnerToken(), johns.id, { active: 'no' })).status).toBe(400)
    expect(row(w, johns.id)).toMatchObject({ active: 1 })
  })
})

describe('PATCH /api/partner/beneficiaries/{beneficiaryId}/status (sandbox)', () => {
  it('sets a PENDING_REVIEW or DECLINED beneficiary VALID (200 {id}); 404 BENEFICIARY_NOT_FOUND otherwise', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    for (const status of ['PENDING_REVIEW', 'DECLINED'] as const) {
      const b = insertBeneficiary(w, { consumerId: jane.id, status, iban: status === 'DECLINED' ? 'FR1420041010050500013M02606' : undefined })
      const res = await w.call('PATCH', `${PATH}/${b.id}/status`, { token })
      expect(res.status).toBe(200)
      const answer = await res.json()
      expect(answer).toEqual({ id: b.id })
      expect(referenceErrors('PATCH', `${PATH}/{beneficiaryId}/status`, 200, answer)).toEqual([])
      expect(await (await w.call('GET', `${PATH}/${b.id}`, { token })).json()).toMatchObject({ status: 'VALID' })
    }
    await expectError(await w.call('PATCH', `${PATH}/${MISSING_ID}/status`, { token }), 404, 'BENEFICIARY_NOT_FOUND', `Beneficiary with id ${MISSING_ID} was not found.`)
    const janes = insertBeneficiary(w, { consumerId: jane.id, status: 'DECLINED', iban: 'NL91ABNA0417164300', bicOrSwift: 'ABNANL2A' })
    await expectError(await w.call('PATCH', `${PATH}/${janes.id}/status`, { token: await w.partnerToken(OTHER) }), 404, 'BENEFICIARY_NOT_FOUND', `Beneficiary with id ${janes.id} was not found.`)
    expect(row(w, janes.id)).toMatchObject({ status: 'DECLINED' })
  })
})

describe('GET /api/partner/beneficiaries', () => {
  it('filters by end-user, active, display and status; sorts by NAME or CREATION_DATE; pages', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const john = insertBankingConsumer(w)
    const a = insertBeneficiary(w, { consumerId: jane.id, name: 'Charlie' })
    w.store.clock.advance(1000)
    const b = insertBeneficiary(w, { consumerId: jane.id, name: 'alice', active: false, iban: 'FR1420041010050500013M02606', bicOrSwift: 'PSSTFRPPXXX' })
    w.store.clock.advance(1000)
    const c = insertBeneficiary(w, { consumerId: john.id, name: 'Bob', display: false, status: 'PENDING_REVIEW' })
    insertBeneficiary(w, { consumerId: insertBankingConsumer(w, { partner: 'other-sandbox' }).id })
    const ids = async (query: string, as = token) => {
      const res = await w.call('GET', `${PATH}?${query}`, { token: as })
      expect(res.status, await res.clone().text()).toBe(200)
      const page = (await res.json()) as { content: { id: string }[]; totalElements: number }
      expect(referenceErrors('GET', PATH, 200, page)).toEqual([])
      return page.content.map((x) => x.id)
    }
    expect(await ids('')).toEqual([c.id, b.id, a.id])
    expect(await ids(`endUserId=${jane.id}`)).toEqual([b.id, a.id])
    expect(await ids('active=false')).toEqual([b.id])
    expect(await ids('display=false')).toEqual([c.id])
    expect(await ids('status=PENDING_REVIEW')).toEqual([c.id])
    expect(await ids('status=VALID,PENDING_REVIEW&sortAttribute=NAME&sortDirection=ASC')).toEqual([b.id, c.id, a.id])
    expect(await ids('sortDirection=ASC&pageSize=1&page=1')).toEqual([b.id])
    expect(await ids(`endUserId=${MISSING_ID}`)).toEqual([])
    // An end-user sees its own displayed beneficiaries only.
    expect(await ids('', await consumerToken(w, jane))).toEqual([b.id, a.id])
    expect(await ids(`endUserId=${jane.id}`, await consumerToken(w, john))).toEqual([])
    expect((await w.call('GET', `${PATH}?status=GONE`, { token })).status).toBe(400)
    expect((await w.call('GET', `${PATH}?active=maybe`, { token })).status).toBe(400)
  })
})

describe('SCA on beneficiary creation and update', () => {
  async function scaConsumer(w: TestWorld): Promise<string> {
    const res = await w.call('POST', '/_sim/scenarios', {
      body: { partners: [{ name: 'sandbox', consumers: [{ ref: 'sca', kycStatus: 'VALIDATED', phoneVerified: true, scaDevice: { factors: ['BIOMETRY'] } }] }] },
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { partners: Record<string, { consumers: Record<string, string> }> }).partners.sandbox!.consumers.sca!
  }

  it('waits for the end-user\'s approval (202), runs on BY_PASS or once approved, refuses on FAIL (409 SCA_REQUIRED)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await scaConsumer(w)
    const body = { type: 'PERSON', name: 'John Payee', endUserId: id, bankingDetails: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } }
    const count = () => (w.store.sqlite.prepare('SELECT count(*) AS n FROM beneficiaries').get() as { n: number }).n

    await expectError(await w.call('POST', PATH, { token, body, headers: { 'Linkcy-SCA-Strategy': 'FAIL' } }), 409, 'SCA_REQUIRED',
      'The operation you are trying to do requires SCA, current strategy FAIL.')
    const waiting = await w.call('POST', PATH, { token, body })
    expect(waiting.status).toBe(202)
    const challenge = (await waiting.json()) as { scaId: string }
    expect(referenceErrors('POST', PATH, 202, challenge)).toEqual([])
    expect(count()).toBe(0)
    expect((await w.call('POST', `/_sim/sca/interactions/${challenge.scaId}/approve`)).status).toBe(200)
    const done = await w.call('POST', PATH, { token, body, headers: { 'Linkcy-SCA-Id': challenge.scaId } })
    expect(done.status).toBe(201)
    const beneficiaryId = ((await done.json()) as { id: string }).id
    expect(count()).toBe(1)

    const patchPath = `${PATH}/${beneficiaryId}`
    await expectError(await w.call('PATCH', patchPath, { token, body: { active: false }, headers: { 'Linkcy-SCA-Strategy': 'FAIL' } }), 409, 'SCA_REQUIRED',
      'The operation you are trying to do requires SCA, current strategy FAIL.')
    const patchWaiting = await w.call('PATCH', patchPath, { token, body: { active: false } })
    expect(patchWaiting.status).toBe(202)
    expect(referenceErrors('PATCH', `${PATH}/{beneficiaryId}`, 202, await patchWaiting.json())).toEqual([])
    expect(row(w, beneficiaryId)).toMatchObject({ active: 1 })
    expect((await w.call('PATCH', patchPath, { token, body: { active: false }, headers: BY_PASS })).status).toBe(200)
    expect(row(w, beneficiaryId)).toMatchObject({ active: 0 })
  })
})
