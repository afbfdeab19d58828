import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { corporateRelated, corporateShares, credentials } from '../../src/state/db/schema'
import { makeWorld, OTHER } from '../helpers/app'
import { MISSING_ID } from '../helpers/consumers'
import { CORPORATES, corporateBody, corporateRow, corporateToken, createCorporate } from '../helpers/corporates'
import { expectError } from '../helpers/errors'
import { referenceErrors } from '../helpers/reference'

const GET_PATH = `${CORPORATES}/{corporateId}`

async function getCorporate(w: ReturnType<typeof makeWorld>, id: string, token: string): Promise<Record<string, any>> {
  const res = await w.call('GET', `${CORPORATES}/${id}`, { token })
  expect(res.status, await res.clone().text()).toBe(200)
  const body = (await res.json()) as Record<string, any>
  expect(referenceErrors('GET', GET_PATH, 200, body)).toEqual([])
  return body
}

describe('POST /api/partner/corporates', () => {
  it('creates as a partner: 201 {corporateId, accountOwnerId}; GET shows the corporate with its initial statuses', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const created = await createCorporate(w, { externalId: 'crm-7', website: 'https://acme.test', vatNumber: 'FR12345678901', metadata: { tier: 'gold' } }, token)
    const body = await getCorporate(w, created.corporateId, token)
    expect(body).toEqual({
      id: created.corporateId,
      externalId: 'crm-7',
      registeredName: created.body.registeredName,
      tradeName: created.body.tradeName,
      incorporationCountry: 'FRA',
      incorporationCode: created.body.incorporationCode,
      incorporationDate: '2020-02-03',
      legalType: 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS',
      website: 'https://acme.test',
      industry: 'IT_SERVICES',
      vatNumber: 'FR12345678901',
      registeredAddress: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75002', street: 'Rue de la Paix', number: '1', status: 'VALID' },
      employeesRange: 'BTW_1_AND_10',
      expectedMonthlyExpenses: { value: 'BTW_10_000_AND_50_000', currency: 'EUR' },
      accountPurposes: ['PAY_BILLS'],
      complianceInfo: { maxUbosLayer: 1, relatedLayersTotal: 1, isExtendedUbos: false },
      termsAccepted: true,
      creationDate: '2026-01-15T10:00:00.000Z',
      updateDate: '2026-01-15T10:00:00.000Z',
      status: {
        banking: { value: 'NOT_CREATED' }, kyb: { value: 'NOT_STARTED' }, suspension: { value: 'NOT_SUSPENDED' },
        linkcy: { value: 'PENDING' }, compliance: { value: 'PENDING' }, overall: { value: 'INACTIVE' },
      },
      partnerMetadata: { tier: 'gold' },
    })
    // The account owner: a related physical person with its KYC not started, holding its direct share.
    const owner = w.store.db.select().from(corporateRelated).where(eq(corporateRelated.id, created.accountOwnerId)).get()!
    expect(owner).toMatchObject({
      corporateId: created.corporateId, kind: 'PHYSICAL_PERSON', isAccountOwner: true, isDirector: true, directorAppointmentDate: '2020-02-03',
      firstName: 'Alice', lastName: 'Martin', phoneDigits: created.phoneDigits, kycStatus: 'NOT_STARTED', kycType: 'FULL_KYC',
    })
    expect(owner.profile).toEqual({ nationalityCode: 'FRA' })
    const shares = w.store.db.select().from(corporateShares).where(eq(corporateShares.corporateId, created.corporateId)).all()
    expect(shares.map((s) => [s.holderId, s.ownedRelatedId, s.percentage])).toEqual([[created.accountOwnerId, null, 40]])
    // The account owner's login: the corporate, by its phone (no password until a reset).
    const login = w.store.db.select().from(credentials).where(and(eq(credentials.principalKind, 'CORPORATE'), eq(credentials.principalId, created.corporateId))).get()!
    expect(login).toMatchObject({ login: created.phoneDigits, passwordHash: null })
  })

  it('creates anonymously with partnerName; a non-director owner gets a DOC_ONLY KYC and no share row at 0%', async () => {
    const w = makeWorld()
    const body = corporateBody({ partnerName: 'other-sandbox', metadata: { from: 'app' } }, { isDirector: false, directSharesPercentage: 0, directorAppointmentDate: null })
    const res = await w.call('POST', CORPORATES, { body })
    expect(res.status, await res.clone().text()).toBe(201)
    const created = (await res.json()) as { corporateId: string; accountOwnerId: string }
    expect(corporateRow(w, created.corporateId)).toMatchObject({ partnerId: w.loaded.partners['other-sandbox']!.id })
    const owner = w.store.db.select().from(corporateRelated).where(eq(corporateRelated.id, created.accountOwnerId)).get()!
    expect(owner).toMatchObject({ isDirector: false, kycType: 'DOC_ONLY' })
    expect(w.store.db.select().from(corporateShares).where(eq(corporateShares.corporateId, created.corporateId)).all()).toEqual([])
    const info = await getCorporate(w, created.corporateId, await w.partnerToken(OTHER))
    expect(info.userMetadata).toEqual({ from: 'app' })
    expect(info.complianceInfo).toEqual({ maxUbosLayer: 0, relatedLayersTotal: 0, isExtendedUbos: false })
  })

  it('400 PARTNER_NAME_REQUIRED when anonymous without partnerName', async () => {
    const w = makeWorld()
    const res = await w.call('POST', CORPORATES, { body: corporateBody() })
    await expectError(res, 400, 'PARTNER_NAME_REQUIRED', 'Partner name is mandatory if you request as anonymous.', { field: 'partnerName', rejectedValue: 'null' })
  })

  it('400 INVALID_TERMS_VERSION for terms other than the partner’s current version', async () => {
    const w = makeWorld()
    const res = await w.call('POST', CORPORATES, { body: corporateBody({ lastTermsAccepted: '0.9' }), token: await w.partnerToken() })
    await expectError(res, 400, 'INVALID_TERMS_VERSION', 'Terms version does not correspond to the latest.', { field: 'lastTermsAccepted', rejectedValue: '0.9' })
  })

  it('400 TOO_LONG_FIELD for a registered name over 255 characters', async () => {
    const w = makeWorld()
    const res = await w.call('POST', CORPORATES, { body: corporateBody({ registeredName: 'A'.repeat(256) }), token: await w.partnerToken() })
    await expectError(res, 400, 'TOO_LONG_FIELD', 'For the field registeredName, the maximum allowed size is 255 but the size was 256.', { field: 'registeredName' })
  })

  it('400 TOTAL_SHARES_PERCENTAGE_IS_OVER_100 for an account owner holding over 100% directly', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const res = await w.call('POST', CORPORATES, { body: corporateBody({}, { directSharesPercentage: 100.5 }), token })
    await expectError(res, 400, 'TOTAL_SHARES_PERCENTAGE_IS_OVER_100', 'The shares of this entity would cause its owned corporate to exceed 100% of shares (100.5%).', {
      field: 'accountOwnerInfo.directSharesPercentage', rejectedValue: '100.5',
    })
    const whole = await w.call('POST', CORPORATES, { body: corporateBody({}, { directSharesPercentage: 120 }), token })
    await expectError(whole, 400, 'TOTAL_SHARES_PERCENTAGE_IS_OVER_100', 'The shares of this entity would cause its owned corporate to exceed 100% of shares (120.0%).', {
      field: 'accountOwnerInfo.directSharesPercentage', rejectedValue: '120',
    })
  })

  it('400 TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY for a tax number without its country', async () => {
    const w = makeWorld()
    const res = await w.call('POST', CORPORATES, { body: corporateBody({ taxIdentificationNumber: 'FR-TAX-1' }), token: await w.partnerToken() })
    await expectError(res, 400, 'TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY', 'The tax identification number must have a country.', { field: 'taxCountry' })
  })

  it('409 INCORPORATION_CODE_ALREADY_TAKEN for the same code and country in the partner; another partner may reuse it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const first = await createCorporate(w, {}, token)
    const res = await w.call('POST', CORPORATES, { body: corporateBody({ incorporationCode: first.body.incorporationCode }), token })
    await expectError(res, 409, 'INCORPORATION_CODE_ALREADY_TAKEN',
      `A corporate with the same incorporation code (${first.body.incorporationCode}) and incorporation country (FRA) has already been registered.`)
    // Same code in another country, or in another partner: accepted.
    await createCorporate(w, { incorporationCode: first.body.incorporationCode, incorporationCountry: 'DEU' }, token)
    await createCorporate(w, { incorporationCode: first.body.incorporationCode }, await w.partnerToken(OTHER))
  })

  it('409 CORPORATE_PHONE_ALREADY_TAKEN for an account owner phone already used by one of the partner’s corporates', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const first = await createCorporate(w, {}, token)
    const phone = first.body.accountOwnerInfo.phone
    const res = await w.call('POST', CORPORATES, { body: corporateBody({}, { phone: { countryCode: '+33', number: phone.number } }), token })
    await expectError(res, 409, 'CORPORATE_PHONE_ALREADY_TAKEN', `A corporate with phone +33 ${phone.number} already exists.`)
  })

  it('bad input is a 400 validation error, never a 500', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const cases: [Record<string, unknown>, Record<string, unknown>, string][] = [
      [{ industry: 'BAKERY' }, {}, 'industry'],
      [{ incorporationCountry: 'XX' }, {}, 'incorporationCountry'],
      [{ legalType: { franceValue: 'DE_GMBH' } }, {}, 'legalType.franceValue'],
      [{ registeredAddress: { isoCountryCode: 'USA', city: 'NYC', postalCode: '1', street: 'x' } }, {}, 'registeredAddress.isoCountryCode'],
      [{ expectedMonthlyExpenses: { value: 'LESS_THAN_2000', currency: 'EUR' } }, {}, 'expectedMonthlyExpenses.value'],
      [{}, { isDirector: 'yes' }, 'accountOwnerInfo.isDirector'],
      [{}, { directSharesPercentage: -1 }, 'accountOwnerInfo.directSharesPercentage'],
      [{}, { phone: { countryCode: '33', number: '06-12' } }, 'accountOwnerInfo.phone.number'],
    ]
    for (const [top, owner, field] of cases) {
      const res = await w.call('POST', CORPORATES, { body: corporateBody(top, owner), token })
      expect(res.status, field).toBe(400)
      const body = (await res.json()) as { details: { field: string }[] }
      expect(body.details.map((d) => d.field), field).toContain(field)
    }
    const missing = corporateBody()
    delete missing.industry
    const res = await w.call('POST', CORPORATES, { body: missing, token })
    expect(res.status).toBe(400)
  })
})

describe('GET /api/partner/corporates/{corporateId}', () => {
  it('404 CORPORATE_NOT_FOUND for an unknown id and for another partner’s corporate', async () => {
    const w = makeWorld()
    const created = await createCorporate(w)
    for (const [id, token] of [[MISSING_ID, await w.partnerToken()], [created.corporateId, await w.partnerToken(OTHER)]] as const) {
      const res = await w.call('GET', `${CORPORATES}/${id}`, { token })
      await expectError(res, 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${id} was not found.`)
    }
    const bad = await w.call('GET', `${CORPORATES}/not-a-uuid`, { token: await w.partnerToken() })
    expect(bad.status).toBe(400)
  })

  it('a corporate token reads only itself', async () => {
    const w = makeWorld()
    const mine = await createCorporate(w)
    const other = await createCorporate(w)
    const token = await corporateToken(w, mine)
    expect((await getCorporate(w, mine.corporateId, token)).id).toBe(mine.corporateId)
    const res = await w.call('GET', `${CORPORATES}/${other.corporateId}`, { token })
    await expectError(res, 404, 'CORPORATE_NOT_FOUND', `Corporate with id ${other.corporateId} was not found.`)
  })
})
