import { describe, expect, it } from 'vitest'
import { loadScenario, parseScenario } from '../../src/scenarios/loader'
import { scaDevices } from '../../src/state/db/schema'
import { errorBody, makeWorld, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { CONSUMERS, MISSING_ID, consumerLogin, createConsumer, getConsumer, seedConsumer } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'

const PHONE = { countryCode: '33', number: '611111111' }

const FULL = {
  firstName: 'Jeanne',
  middleName: 'Marie',
  lastName: 'Dupont',
  externalId: 'crm-42',
  phone: PHONE,
  address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75011', street: 'Rue Oberkampf', number: '12', refinement: 'Bât. B', bypassVerification: true },
  emailAddress: 'jeanne.dupont@example.fr',
  sourceOfFunds: 'OTHER',
  otherSourceOfFunds: 'Crowdfunding',
  occupation: 'OTHER',
  otherOccupation: 'Luthier',
  lastTermsAccepted: '1.0',
  taxIdentificationNumber: 'FR123',
  taxCountry: 'FRA',
  accountPurposes: ['SAVINGS', 'SALARY', 'SAVINGS'],
  expectedMonthlyExpenses: { value: 'LESS_THAN_2000', currency: 'EUR' },
  metadata: { crm: { segment: 'gold' } },
}

describe('POST /api/partner/consumers', () => {
  it('creates anonymously with partnerName: 201 {id}, then GET shows the initial statuses', async () => {
    const w = makeWorld()
    const res = await w.call('POST', CONSUMERS, { body: { partnerName: 'sandbox', phone: PHONE, firstName: 'Jeanne' } })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string }
    expect(referenceErrors('POST', CONSUMERS, 201, created)).toEqual([])
    expect(Object.keys(created)).toEqual(['id'])

    const body = await getConsumer(w, created.id, await w.partnerToken())
    expect(referenceErrors('GET', `${CONSUMERS}/{consumerId}`, 200, body)).toEqual([])
    expect(body).toEqual({
      id: created.id,
      firstName: 'Jeanne',
      phone: { countryCode: '33', number: '611111111', verified: false },
      kycInfo: { status: 'NOT_STARTED', type: 'FULL_KYC' },
      status: {
        banking: { value: 'NOT_CREATED' }, kyc: { value: 'NOT_STARTED' }, suspension: { value: 'NOT_SUSPENDED' },
        linkcy: { value: 'PENDING' }, compliance: { value: 'PENDING' }, overall: { value: 'INACTIVE' },
      },
      termsAccepted: false,
      email: { verified: false },
      accountPurposes: [],
      creationDate: '2026-01-15T10:00:00.000Z',
      updateDate: '2026-01-15T10:00:00.000Z',
    })
  })

  it('stores every documented field; the deprecated metadata of an anonymous call is the user metadata', async () => {
    const w = makeWorld()
    const id = await createConsumer(w, { ...FULL, partnerName: 'sandbox' })
    const body = await getConsumer(w, id, await w.partnerToken())
    expect(referenceErrors('GET', `${CONSUMERS}/{consumerId}`, 200, body)).toEqual([])
    expect(body).toMatchObject({
      firstName: 'Jeanne', middleName: 'Marie', lastName: 'Dupont', externalId: 'crm-42',
      address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75011', street: 'Rue Oberkampf', number: '12', refinement: 'Bât. B', status: 'VERIFIED' },
      email: { address: 'jeanne.dupont@example.fr', verified: false },
      sourceOfFunds: 'OTHER', otherSourceOfFunds: 'Crowdfunding', occupation: 'OTHER', otherOccupation: 'Luthier',
      taxIdentificationNumber: 'FR123', taxCountry: 'FRA', accountPurposes: ['SAVINGS', 'SALARY'],
      expectedMonthlyExpenses: { value: 'LESS_THAN_2000', currency: 'EUR' },
      termsAccepted: true,
      userMetadata: { crm: { segment: 'gold' } },
    })
    expect(body.address.bypassVerification).toBeUndefined()
    expect(body.partnerMetadata).toBeUndefined()
  })

  it('as a partner: partnerName is ignored (the consumer is the caller partner’s) and metadata is the partner metadata', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await createConsumer(w, { partnerName: 'other-sandbox', phone: PHONE, metadata: { a: 1 } }, token)
    expect((await getConsumer(w, id, token)).partnerMetadata).toEqual({ a: 1 })
    const other = await w.call('GET', `${CONSUMERS}/${id}`, { token: await w.partnerToken(OTHER) })
    await expectError(other, 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${id} was not found.`)
  })

  it('accepts null for optional members, as Jackson does', async () => {
    const w = makeWorld()
    const id = await createConsumer(w, { partnerName: 'sandbox', phone: PHONE, firstName: null, address: null, occupation: null, metadata: null })
    expect((await getConsumer(w, id, await w.partnerToken())).firstName).toBeUndefined()
  })

  it('409 PARTNER_NAME_REQUIRED when anonymous without partnerName; 404 PARTNER_NOT_FOUND for an unknown one', async () => {
    const w = makeWorld()
    await expectError(await w.call('POST', CONSUMERS, { body: { phone: PHONE } }), 409, 'PARTNER_NAME_REQUIRED', 'Partner name is mandatory if you request as anonymous.')
    await expectError(await w.call('POST', CONSUMERS, { body: { phone: PHONE, partnerName: 'nobody' } }), 404, 'PARTNER_NOT_FOUND', 'Partner nobody was not found.')
  })

  it('409 PHONE_ALREADY_TAKEN for the same digits at the same partner (whatever the country code spelling), not at another', async () => {
    const w = makeWorld()
    await createConsumer(w, { partnerName: 'sandbox', phone: PHONE })
    for (const countryCode of ['33', '+33', '0033']) {
      const res = await w.call('POST', CONSUMERS, { body: { partnerName: 'sandbox', phone: { ...PHONE, countryCode } } })
      await expectError(res, 409, 'PHONE_ALREADY_TAKEN', 'A consumer with this phone already exists.')
    }
    await createConsumer(w, { partnerName: 'other-sandbox', phone: PHONE })
  })

  it('answers each documented 400 with its code, field and message', async () => {
    const w = makeWorld()
    const post = (extra: Record<string, unknown>) => w.call('POST', CONSUMERS, { body: { partnerName: 'sandbox', phone: PHONE, ...extra } })
    await expectBusiness400(await post({ externalId: 'x'.repeat(512) }), 'TOO_LONG_FIELD', 'externalId', 'For the field externalId, the maximum allowed size is 511 but the size was 512.')
    await expectBusiness400(
      await post({ address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75011', street: 'Rue', refinement: 'r'.repeat(36) } }),
      'TOO_LONG_FIELD', 'address.refinement', 'For the field address.refinement, the maximum allowed size is 35 but the size was 36.',
    )
    await expectBusiness400(await post({ lastTermsAccepted: '0.9' }), 'INVALID_TERMS_VERSION', 'lastTermsAccepted', 'Terms version does not correspond to the latest.')
    await expectBusiness400(await post({ occupation: 'OTHER' }), 'OTHER_OCCUPATION_MUST_HAVE_A_DESCRIPTION', 'otherOccupation', "The chosen occupation is 'OTHER' but no description was specified.")
    await expectBusiness400(await post({ sourceOfFunds: 'OTHER', otherSourceOfFunds: ' ' }), 'OTHER_SOURCE_OF_FUNDS_MUST_HAVE_A_DESCRIPTION', 'otherSourceOfFunds', "The chosen source of funds is 'OTHER' but no description was specified.")
    const tax = await expectBusiness400(await post({ taxIdentificationNumber: 'FR123' }), 'TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY', 'taxCountry', 'The tax identification number must have a country.')
    expect(referenceErrors('POST', CONSUMERS, 400, tax)).toEqual([])
    // Nothing was created by the refused calls.
    const list = await w.call('GET', CONSUMERS, { token: await w.partnerToken() })
    expect(((await list.json()) as { totalElements: number }).totalElements).toBe(0)
  })

  it('answers malformed input with field violations, never a 500', async () => {
    const w = makeWorld()
    const cases: [unknown, string][] = [
      [{ partnerName: 'sandbox' }, 'phone'],
      [{ partnerName: 'sandbox', phone: { countryCode: '33', number: '06 11' } }, 'phone.number'],
      [{ partnerName: 'sandbox', phone: { countryCode: '33', number: '1'.repeat(15) } }, 'phone.number'],
      [{ partnerName: 'sandbox', phone: { countryCode: 'FR', number: '611111111' } }, 'phone.countryCode'],
      [{ partnerName: 'sandbox', phone: { number: '611111111' } }, 'phone.countryCode'],
      [{ partnerName: 'sandbox', phone: PHONE, occupation: 'ASTRONAUT' }, 'occupation'],
      [{ partnerName: 'sandbox', phone: PHONE, taxCountry: 'USA' }, 'taxCountry'],
      [{ partnerName: 'sandbox', phone: PHONE, accountPurposes: ['NOPE'] }, 'accountPurposes[0]'],
      [{ partnerName: 'sandbox', phone: PHONE, emailAddress: 'not-an-email' }, 'emailAddress'],
      [{ partnerName: 'sandbox', phone: PHONE, firstName: 42 }, 'firstName'],
      [{ partnerName: 'sandbox', phone: PHONE, expectedMonthlyExpenses: { value: 'LESS_THAN_2000', currency: 'CHF' } }, 'expectedMonthlyExpenses.currency'],
      [{ partnerName: 'sandbox', phone: PHONE, address: { isoCountryCode: 'FRA' } }, 'address.city'],
      [[1, 2], ''],
    ]
    for (const [body, field] of cases) {
      const res = await w.call('POST', CONSUMERS, { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      const err = await errorBody(res)
      expect(err.error).toBe('linkcy.bad.request')
      expect((err.details as { field: string }[]).map((d) => d.field)).toContain(field)
    }
    const malformed = await w.call('POST', CONSUMERS, { body: '{"phone":', headers: { 'Content-Type': 'application/json' } })
    expect(malformed.status).toBe(400)
  })

  it('refuses an end-user token and a partner user without CONSUMER_CREATE (403)', async () => {
    const w = makeWorld()
    const { token } = await consumerLogin(w, '622222222')
    const res = await w.call('POST', CONSUMERS, { body: { phone: PHONE }, token })
    expect(res.status).toBe(403)
    expect(await errorBody(res)).toMatchObject({ error: 'linkcy.forbidden' })
    loadScenario(w.store, parseScenario({ partners: [{ name: 'limited', users: [{ email: 'ro@limited.test', password: 'Limited-Password-1', roles: ['CONSUMER_INFO'] }] }] }))
    const limited = await w.partnerToken({ partnerName: 'limited', username: 'ro@limited.test', password: 'Limited-Password-1' })
    expect((await w.call('POST', CONSUMERS, { body: { phone: PHONE }, token: limited })).status).toBe(403)
    expect((await w.call('GET', CONSUMERS, { token: limited })).status).toBe(403)
  })
})

describe('GET /api/partner/consumers/{consumerId}', () => {
  it('404 CONSUMER_NOT_FOUND for an unknown id or another partner’s consumer; 400 for a non-uuid; 401 anonymous', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await expectError(await w.call('GET', `${CONSUMERS}/${MISSING_ID}`, { token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${MISSING_ID} was not found.`)
    const foreign = seedConsumer(w, {}, 'other-sandbox')
    await expectError(await w.call('GET', `${CONSUMERS}/${foreign}`, { token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${foreign} was not found.`)
    const bad = await w.call('GET', `${CONSUMERS}/not-a-uuid`, { token })
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ details: [{ field: 'consumerId', rejectedValue: 'not-a-uuid' }] })
    expect((await w.call('GET', `${CONSUMERS}/${foreign}`)).status).toBe(401)
  })

  it('a consumer token reads itself and gets 404 for another consumer', async () => {
    const w = makeWorld()
    const me = await consumerLogin(w, '633333333')
    const other = seedConsumer(w, { phone: { countryCode: '33', number: '644444444' } })
    const body = await getConsumer(w, me.id, me.token)
    expect(body.phone).toMatchObject({ countryCode: '33', number: '633333333' })
    await expectError(await w.call('GET', `${CONSUMERS}/${other}`, { token: me.token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${other} was not found.`)
  })

  it('shows a validated consumer’s KYC, identity and verified contacts; termsAccepted follows the partner’s current version', async () => {
    const w = makeWorld()
    const id = seedConsumer(w, { firstName: 'Alice', phoneVerified: true, emailVerified: true, kycStatus: 'VALIDATED' })
    const token = await w.partnerToken()
    const body = await getConsumer(w, id, token)
    expect(referenceErrors('GET', `${CONSUMERS}/{consumerId}`, 200, body)).toEqual([])
    expect(body).toMatchObject({
      firstName: 'Alice', gender: 'FEMALE', birthIsoCountryCode: 'FRA', termsAccepted: true,
      phone: { verified: true, verificationDate: '2026-01-15T10:00:00.000Z' },
      email: { verified: true, verificationDate: '2026-01-15T10:00:00.000Z' },
      kycInfo: { status: 'VALIDATED', type: 'FULL_KYC', updateDate: '2026-01-15T10:00:00.000Z' },
      status: { kyc: { value: 'VALIDATED' }, linkcy: { value: 'VALIDATED' }, banking: { value: 'VALIDATED' }, overall: { value: 'ACTIVE' } },
      address: { isoCountryCode: 'FRA', status: 'VALID' },
    })
    expect(body.kycInfo.kycApplicationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.birthDate).toMatch(/^\d{4}-\d\d-\d\d$/)
    // LinkCy publishes new terms: the consumer has not accepted them yet.
    w.store.sqlite.prepare(`UPDATE partners SET settings = json_set(settings, '$.termsVersion', '2.0') WHERE name = 'sandbox'`).run()
    expect((await getConsumer(w, id, token)).termsAccepted).toBe(false)
  })

  it('shows the consumer’s current SCA device as strongAuthentication (a removed one is not shown)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = seedConsumer(w, { kycStatus: 'VALIDATED' })
    expect((await getConsumer(w, id, token)).strongAuthentication).toBeUndefined()
    const partnerId = w.loaded.partners.sandbox!.id
    const now = w.store.clock.nowMs()
    const device = (deviceId: string, status: 'ACTIVE' | 'REMOVED', at: number) => ({
      id: deviceId, partnerId, endUserId: id, endUserKind: 'CONSUMER' as const, endpointId: `endpoint-${status}`, status, pinStatus: 'SET' as const,
      biometryStatus: 'UNSET' as const, secret: 's', origin: 'SCENARIO', joinCode: null, joinCodeExpiresAt: null, creationDate: at, updateDate: at, activationDate: at,
    })
    w.store.db.insert(scaDevices).values(device('11111111-1111-4111-8111-111111111111', 'ACTIVE', now - 1000)).run()
    w.store.db.insert(scaDevices).values(device('22222222-2222-4222-8222-222222222222', 'REMOVED', now)).run()
    const body = await getConsumer(w, id, token)
    expect(body.strongAuthentication).toEqual({
      id: '11111111-1111-4111-8111-111111111111', endpointId: 'endpoint-ACTIVE', creationDate: '2026-01-15T09:59:59.000Z', pinStatus: 'SET', biometryStatus: 'UNSET',
    })
    expect(referenceErrors('GET', `${CONSUMERS}/{consumerId}`, 200, body)).toEqual([])
  })
})
