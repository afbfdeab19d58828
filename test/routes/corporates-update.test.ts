import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { corporateRelated, corporates, corporateShares, credentials, ledgers } from '../../src/state/db/schema'
import { makeWorld, OTHER } from '../helpers/app'
import { MISSING_ID } from '../helpers/consumers'
import { bankingCorporate, CORPORATES, corporateRow, corporateToken, createCorporate, setKyb } from '../helpers/corporates'
import { expectError } from '../helpers/errors'
import { advanceClock, BY_PASS, EXTERNAL_SEPA } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

const PATCH_PATH = `${CORPORATES}/{corporateId}`
const patch = (w: ReturnType<typeof makeWorld>, id: string, body: unknown, token: string) => w.call('PATCH', `${CORPORATES}/${id}`, { body, token })

describe('PATCH /api/partner/corporates/{corporateId}', () => {
  it('updates the declared data: 200 {id, updateDate}; GET shows it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await createCorporate(w, {}, token)
    w.store.clock.advance(60_000)
    const res = await patch(w, corporateId, {
      registeredName: 'Acme Renamed SAS', tradeName: null, website: 'https://renamed.test', industry: 'CONSTRUCTION',
      legalType: { germanyValue: 'DE_GESELLSCHAFT_MIT_BESCHRANKTER_HAFTUNG_GMBH' }, employeesRange: 'MORE_THAN_50',
      businessAddress: { isoCountryCode: 'DEU', city: 'Berlin', postalCode: '10115', street: 'Invalidenstraße', bypassVerification: true },
      taxIdentificationNumber: 'DE-1', taxCountry: 'DEU', partnerMetadata: { crm: 1 },
    }, token)
    expect(res.status, await res.clone().text()).toBe(200)
    const body = await res.json()
    expect(referenceErrors('PATCH', PATCH_PATH, 200, body)).toEqual([])
    expect(body).toEqual({ id: corporateId, updateDate: '2026-01-15T10:01:00.000Z' })
    const shown = (await (await w.call('GET', `${CORPORATES}/${corporateId}`, { token })).json()) as Record<string, any>
    expect(shown).toMatchObject({
      registeredName: 'Acme Renamed SAS', tradeName: expect.any(String), website: 'https://renamed.test', industry: 'CONSTRUCTION',
      legalType: 'DE_GESELLSCHAFT_MIT_BESCHRANKTER_HAFTUNG_GMBH', employeesRange: 'MORE_THAN_50',
      businessAddress: { isoCountryCode: 'DEU', city: 'Berlin', postalCode: '10115', street: 'Invalidenstraße', status: 'VERIFIED' },
      taxIdentificationNumber: 'DE-1', taxCountry: 'DEU', partnerMetadata: { crm: 1 }, updateDate: '2026-01-15T10:01:00.000Z',
    })
  })

  it('an account owner updates its own corporate, but not the partner metadata nor another corporate', async () => {
    const w = makeWorld()
    const mine = await createCorporate(w)
    const other = await createCorporate(w)
    const token = await corporateToken(w, mine)
    expect((await patch(w, mine.corporateId, { website: 'https://mine.test', userMetadata: { a: 1 } }, token)).status).toBe(200)
    expect(corporateRow(w, mine.corporateId).profile).toMatchObject({ website: 'https://mine.test', userMetadata: { a: 1 } })
    await expectError(await patch(w, mine.corporateId, { partnerMetadata: { a: 1 } }, token), 403, 'INSUFFICIENT_RIGHTS_TO_UPDATE_PARTNER_METADATA', 'You cannot update partnerMetadata authenticated as CORPORATE.')
    await expectError(await patch(w, other.corporateId, { website: 'https://x.test' }, token), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${other.corporateId} was not found.`)
  })

  it('answers the documented 400s: TOO_LONG_FIELD, INVALID_TERMS_VERSION, TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await createCorporate(w, {}, token)
    await expectError(await patch(w, corporateId, { externalId: 'x'.repeat(512) }, token), 400, 'TOO_LONG_FIELD', 'For the field externalId, the maximum allowed size is 511 but the size was 512.', { field: 'externalId' })
    await expectError(await patch(w, corporateId, { lastTermsAccepted: '2.0' }, token), 400, 'INVALID_TERMS_VERSION', 'Terms version does not correspond to the latest.', { field: 'lastTermsAccepted', rejectedValue: '2.0' })
    await expectError(await patch(w, corporateId, { taxIdentificationNumber: 'T-1' }, token), 400, 'TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY', 'The tax identification number must have a country.', { field: 'taxCountry', rejectedValue: 'null' })
    expect((await patch(w, corporateId, { industry: 'BAKERY' }, token)).status).toBe(400)
    expect((await patch(w, 'nope', {}, token)).status).toBe(400)
  })

  it('404 CORPORATE_NOT_FOUND; 409 INCORPORATION_CODE_ALREADY_TAKEN when moving onto another corporate’s code', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const a = await createCorporate(w, {}, token)
    const b = await createCorporate(w, {}, token)
    await expectError(await patch(w, MISSING_ID, { website: 'https://x.test' }, token), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${MISSING_ID} was not found.`)
    await expectError(await patch(w, a.corporateId, {}, await w.partnerToken(OTHER)), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${a.corporateId} was not found.`)
    await expectError(await patch(w, b.corporateId, { incorporationCode: a.body.incorporationCode }, token), 409, 'INCORPORATION_CODE_ALREADY_TAKEN',
      `A corporate with the same incorporation code (${a.body.incorporationCode}) and incorporation country (FRA) has already been registered.`)
    // Its own code again is no conflict.
    expect((await patch(w, b.corporateId, { incorporationCode: b.body.incorporationCode }, token)).status).toBe(200)
  })

  it('after a decided KYB only externalId, metadata and the accepted terms change: anything else is 409 KYB_STATUS_MUST_NOT_BE_DECLINED', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    for (const kyb of ['DECLINED', 'VALIDATED'] as const) {
      const { corporateId, body } = await createCorporate(w, {}, token)
      setKyb(w, corporateId, kyb)
      await expectError(await patch(w, corporateId, { website: 'https://new.test' }, token), 409, 'KYB_STATUS_MUST_NOT_BE_DECLINED',
        `The current KYB status (${kyb}) of corporate with id ${corporateId} does not allow this operation.`)
      await expectError(await patch(w, corporateId, { registeredName: 'Other SAS' }, token), 409, 'KYB_STATUS_MUST_NOT_BE_DECLINED',
        `The current KYB status (${kyb}) of corporate with id ${corporateId} does not allow this operation.`)
      // Re-sending the same data is not a change; the free fields change.
      const same = { registeredName: body.registeredName, registeredAddress: body.registeredAddress, industry: body.industry, legalType: body.legalType }
      const res = await patch(w, corporateId, { ...same, externalId: `ext-${kyb}`, lastTermsAccepted: '1.0', partnerMetadata: { k: kyb } }, token)
      expect(res.status, await res.clone().text()).toBe(200)
      expect(corporateRow(w, corporateId)).toMatchObject({ externalId: `ext-${kyb}`, registeredName: body.registeredName, profile: { partnerMetadata: { k: kyb } } })
    }
  })
})

describe('GET /api/partner/corporates', () => {
  it('lists the partner’s corporates newest first, with every filter and sort of the reference', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const a = await createCorporate(w, { registeredName: 'Alpha Industries' }, token)
    w.store.clock.advance(1000)
    const b = await createCorporate(w, { registeredName: 'Beta Logistics' }, token)
    w.store.clock.advance(1000)
    const c = await createCorporate(w, { registeredName: 'Gamma Alpha' }, token)
    await createCorporate(w, {}, await w.partnerToken(OTHER))
    w.store.clock.advance(1000)
    setKyb(w, b.corporateId, 'VALIDATED')
    expect((await w.call('POST', `/api/partner/end-users/${c.corporateId}/suspensions`, { token, body: { reason: 'fraud' } })).status).toBe(204)

    const list = async (query: string) => {
      const res = await w.call('GET', `${CORPORATES}?${query}`, { token })
      expect(res.status, await res.clone().text()).toBe(200)
      const body = (await res.json()) as { content: { id: string }[]; totalElements: number; page: number; pageSize: number }
      expect(referenceErrors('GET', CORPORATES, 200, body)).toEqual([])
      return body
    }
    const ids = async (query: string) => (await list(query)).content.map((x) => x.id)
    const all = await list('')
    expect(all).toMatchObject({ totalElements: 3, page: 0, pageSize: 20 })
    expect(all.content.map((x) => x.id)).toEqual([c.corporateId, b.corporateId, a.corporateId])
    expect(await ids('sortDirection=ASC')).toEqual([a.corporateId, b.corporateId, c.corporateId])
    expect(await ids('sortAttribute=UPDATE_DATE&sortDirection=DESC')).toEqual([c.corporateId, b.corporateId, a.corporateId])
    expect(await ids('registeredName=alpha')).toEqual([c.corporateId, a.corporateId])
    expect(await ids('kybStatus=VALIDATED')).toEqual([b.corporateId])
    expect(await ids('kybStatus=NOT_STARTED,VALIDATED&sortDirection=ASC')).toEqual([a.corporateId, b.corporateId, c.corporateId])
    expect(await ids('bankingStatus=VALIDATED')).toEqual([b.corporateId])
    expect(await ids('linkcyStatus=PENDING')).toEqual([c.corporateId, a.corporateId])
    expect(await ids('complianceStatus=VALIDATED')).toEqual([b.corporateId])
    expect(await ids('suspensionStatus=SUSPENDED')).toEqual([c.corporateId])
    expect(await ids('overallStatus=ACTIVE')).toEqual([b.corporateId])
    expect(await ids('overallStatus=INACTIVE')).toEqual([c.corporateId, a.corporateId])
    expect(await ids(`emailAddress=${encodeURIComponent(a.body.accountOwnerInfo.emailAddress.toUpperCase())}`)).toEqual([a.corporateId])
    expect(await list('page=1&pageSize=2')).toMatchObject({ content: [{ id: a.corporateId }], totalElements: 3, page: 1, pageSize: 2 })
    for (const bad of ['kybStatus=DONE', 'sortAttribute=NAME', 'pageSize=101', 'overallStatus=ON']) {
      expect((await w.call('GET', `${CORPORATES}?${bad}`, { token })).status, bad).toBe(400)
    }
    // An end-user token may not list.
    expect((await w.call('GET', CORPORATES, { token: await corporateToken(w, a) })).status).toBe(403)
  })
})

describe('DELETE /api/partner/corporates/{corporateId} (sandbox)', () => {
  it('deletes the corporate with its related rows, shares, login and money; its code and phone can be used again', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const corp = await bankingCorporate(w)
    const ledger = await w.call('POST', '/api/partner/ledgers', { token: corp.token, body: { type: 'EUR_FRANCE' }, headers: BY_PASS })
    expect(ledger.status, await ledger.clone().text()).toBe(201)
    await advanceClock(w, 60)
    const beneficiary = await w.call('POST', '/api/partner/beneficiaries', { token: corp.token, headers: BY_PASS, body: { type: 'COMPANY', name: 'Supplier', bankingDetails: EXTERNAL_SEPA } })
    expect(beneficiary.status, await beneficiary.clone().text()).toBe(201)

    await expectError(await w.call('DELETE', `${CORPORATES}/${corp.corporateId}`, { token: await w.partnerToken(OTHER) }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${corp.corporateId} was not found.`)
    const res = await w.call('DELETE', `${CORPORATES}/${corp.corporateId}`, { token })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(w.store.db.select().from(corporates).where(eq(corporates.id, corp.corporateId)).all()).toEqual([])
    expect(w.store.db.select().from(corporateRelated).where(eq(corporateRelated.corporateId, corp.corporateId)).all()).toEqual([])
    expect(w.store.db.select().from(corporateShares).where(eq(corporateShares.corporateId, corp.corporateId)).all()).toEqual([])
    expect(w.store.db.select().from(credentials).where(eq(credentials.principalId, corp.corporateId)).all()).toEqual([])
    expect(w.store.db.select().from(ledgers).where(eq(ledgers.endUserId, corp.corporateId)).all()).toEqual([])
    // Its token no longer works; its code and phone are free again.
    expect((await w.call('GET', `${CORPORATES}/${corp.corporateId}`, { token: corp.token })).status).toBe(401)
    await createCorporate(w, { incorporationCode: corp.body.incorporationCode, accountOwnerInfo: { phone: corp.body.accountOwnerInfo.phone } }, token)
    await expectError(await w.call('DELETE', `${CORPORATES}/${corp.corporateId}`, { token }), 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${corp.corporateId} was not found.`)
    // End-users cannot call the sandbox deletion.
    expect((await w.call('DELETE', `${CORPORATES}/${MISSING_ID}`, { token: corp.token })).status).toBe(401)
  })
})
