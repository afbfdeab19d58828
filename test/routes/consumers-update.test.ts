import { describe, expect, it } from 'vitest'
import { errorBody, makeWorld, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { CONSUMERS, MISSING_ID, consumerLogin, getConsumer, seedConsumer } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'

const PATCH_PATH = `${CONSUMERS}/{consumerId}`

describe('PATCH /api/partner/consumers/{consumerId} (partner)', () => {
  it('answers 200 {id, updateDate} and the change shows in a GET', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = seedConsumer(w, { kycStatus: 'VALIDATED', phoneVerified: true })
    w.store.clock.advance(60_000)
    const res = await w.call('PATCH', `${CONSUMERS}/${id}`, {
      token,
      body: {
        externalId: 'crm-7', occupation: 'ENGINEER', sourceOfFunds: 'SAVINGS_FROM_SALARY', accountPurposes: ['PAY_BILLS'],
        address: { isoCountryCode: 'BEL', city: 'Bruxelles', postalCode: '1000', street: 'Rue Neuve' },
        expectedMonthlyExpenses: { value: 'MORE_THAN_50_000', currency: 'GBP' },
        userMetadata: { theme: 'dark' }, partnerMetadata: { tier: 'gold' },
        firstName: 'Ignored', phone: null, emailAddress: null,
      },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { id: string; updateDate: string }
    expect(body).toEqual({ id, updateDate: '2026-01-15T10:01:00.000Z' })
    expect(referenceErrors('PATCH', PATCH_PATH, 200, body)).toEqual([])
    const after = await getConsumer(w, id, token)
    expect(after).toMatchObject({
      externalId: 'crm-7', occupation: 'ENGINEER', sourceOfFunds: 'SAVINGS_FROM_SALARY', accountPurposes: ['PAY_BILLS'],
      address: { isoCountryCode: 'BEL', city: 'Bruxelles', status: 'VALID' }, expectedMonthlyExpenses: { value: 'MORE_THAN_50_000', currency: 'GBP' },
      userMetadata: { theme: 'dark' }, partnerMetadata: { tier: 'gold' }, updateDate: '2026-01-15T10:01:00.000Z',
      phone: { verified: true }, kycInfo: { status: 'VALIDATED' },
    })
    expect(after.firstName).not.toBe('Ignored')
  })

  it('a new phone must be verified again, becomes the login, and must be free (409 PHONE_ALREADY_TAKEN)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = seedConsumer(w, { phone: { countryCode: '33', number: '611111111' }, phoneVerified: true, password: 'Consumer-Password-1' })
    seedConsumer(w, { phone: { countryCode: '33', number: '622222222' } })
    const taken = await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: { phone: { countryCode: '+33', number: '622222222' } } })
    await expectError(taken, 409, 'PHONE_ALREADY_TAKEN', 'A consumer with this phone already exists.')

    const ok = await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: { phone: { countryCode: '33', number: '633333333' } } })
    expect(ok.status).toBe(200)
    expect((await getConsumer(w, id, token)).phone).toEqual({ countryCode: '33', number: '633333333', verified: false })
    const login = (consumerPhone: string) => w.call('POST', '/api/partner/login', { body: { consumerPhone, partnerName: 'sandbox', password: 'Consumer-Password-1' } })
    expect((await login('33611111111')).status).toBe(401)
    expect((await login('33633333333')).status).toBe(200)
  })

  it('a new e-mail address must be verified again; the same address keeps its verification', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = seedConsumer(w, { emailAddress: 'a@example.fr', emailVerified: true })
    await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: { emailAddress: 'A@example.fr' } })
    expect((await getConsumer(w, id, token)).email).toMatchObject({ address: 'a@example.fr', verified: true })
    await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: { emailAddress: 'b@example.fr' } })
    expect((await getConsumer(w, id, token)).email).toEqual({ address: 'b@example.fr', verified: false })
  })

  it('accepting the current terms version sets termsAccepted', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const res = await w.call('POST', CONSUMERS, { token, body: { phone: { countryCode: '33', number: '655555555' } } })
    const { id } = (await res.json()) as { id: string }
    expect((await getConsumer(w, id, token)).termsAccepted).toBe(false)
    expect((await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: { lastTermsAccepted: '1.0' } })).status).toBe(200)
    expect((await getConsumer(w, id, token)).termsAccepted).toBe(true)
  })

  it('answers each documented 400 with its code, field and message, and changes nothing', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = seedConsumer(w, { externalId: 'before' })
    const patch = (body: Record<string, unknown>) => w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: { externalId: 'after', ...body } })
    await expectBusiness400(await patch({ otherOccupation: 'o'.repeat(512) }), 'TOO_LONG_FIELD', 'otherOccupation', 'For the field otherOccupation, the maximum allowed size is 511 but the size was 512.')
    await expectBusiness400(await patch({ lastTermsAccepted: '3.0' }), 'INVALID_TERMS_VERSION', 'lastTermsAccepted', 'Terms version does not correspond to the latest.')
    await expectBusiness400(await patch({ occupation: 'OTHER' }), 'OTHER_OCCUPATION_MUST_HAVE_A_DESCRIPTION', 'otherOccupation', "The chosen occupation is 'OTHER' but no description was specified.")
    const funds = await expectBusiness400(await patch({ sourceOfFunds: 'OTHER' }), 'OTHER_SOURCE_OF_FUNDS_MUST_HAVE_A_DESCRIPTION', 'otherSourceOfFunds', "The chosen source of funds is 'OTHER' but no description was specified.")
    expect(referenceErrors('PATCH', PATCH_PATH, 400, funds)).toEqual([])
    await expectBusiness400(await patch({ taxIdentificationNumber: '123' }), 'TAX_IDENTIFICATION_NUMBER_MUST_HAVE_A_COUNTRY', 'taxCountry', 'The tax identification number must have a country.')
    expect((await getConsumer(w, id, token)).externalId).toBe('before')
    // A description stored earlier satisfies a later OTHER.
    expect((await patch({ otherOccupation: 'Luthier' })).status).toBe(200)
    expect((await patch({ occupation: 'OTHER' })).status).toBe(200)
  })

  it('404 CONSUMER_NOT_FOUND for an unknown or another partner’s consumer; 400 for bad ids, bodies and SCA headers', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const notFound = await w.call('PATCH', `${CONSUMERS}/${MISSING_ID}`, { token, body: { externalId: 'x' } })
    await expectError(notFound, 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${MISSING_ID} was not found.`)
    const id = seedConsumer(w)
    const other = await w.call('PATCH', `${CONSUMERS}/${id}`, { token: await w.partnerToken(OTHER), body: { externalId: 'x' } })
    await expectError(other, 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${id} was not found.`)
    expect((await w.call('PATCH', `${CONSUMERS}/123`, { token, body: {} })).status).toBe(400)
    expect((await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: { occupation: 'PIRATE' } })).status).toBe(400)
    expect((await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: { userMetadata: 'text' } })).status).toBe(400)
    const badSca = await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: {}, headers: { 'Linkcy-SCA-Strategy': 'MAGIC' } })
    expect(badSca.status).toBe(400)
    const bypass = await w.call('PATCH', `${CONSUMERS}/${id}`, { token, body: {}, headers: { 'Linkcy-SCA-Strategy': 'BY_PASS' } })
    expect(bypass.status).toBe(200)
    expect((await w.call('PATCH', `${CONSUMERS}/${id}`, { body: {} })).status).toBe(401)
  })
})

describe('PATCH /api/partner/consumers/{consumerId} (the consumer itself)', () => {
  it('may update its own data and user metadata (the deprecated metadata is its own)', async () => {
    const w = makeWorld()
    const me = await consumerLogin(w, '611111111')
    const res = await w.call('PATCH', `${CONSUMERS}/${me.id}`, { token: me.token, body: { emailAddress: 'me@example.fr', metadata: { lang: 'fr' }, phone: { countryCode: '33', number: '611111111' } } })
    expect(res.status).toBe(200)
    expect(await getConsumer(w, me.id, me.token)).toMatchObject({ email: { address: 'me@example.fr' }, userMetadata: { lang: 'fr' } })
  })

  it('403 INSUFFICIENT_RIGHTS_TO_UPDATE_PHONE / _PARTNER_METADATA, and 404 for another consumer', async () => {
    const w = makeWorld()
    const me = await consumerLogin(w, '611111111')
    const phone = await w.call('PATCH', `${CONSUMERS}/${me.id}`, { token: me.token, body: { phone: { countryCode: '33', number: '699999999' } } })
    await expectError(phone, 403, 'INSUFFICIENT_RIGHTS_TO_UPDATE_PHONE', 'You cannot update phone authenticated as CONSUMER.')
    const meta = await w.call('PATCH', `${CONSUMERS}/${me.id}`, { token: me.token, body: { partnerMetadata: { tier: 'gold' } } })
    await expectError(meta, 403, 'INSUFFICIENT_RIGHTS_TO_UPDATE_PARTNER_METADATA', 'You cannot update partnerMetadata authenticated as CONSUMER.')
    expect(referenceErrors('PATCH', PATCH_PATH, 403, await errorBody(await w.call('PATCH', `${CONSUMERS}/${me.id}`, { token: me.token, body: { partnerMetadata: {} } })))).toEqual([])
    const partnerView = await getConsumer(w, me.id, await w.partnerToken())
    expect(partnerView.phone.number).toBe('611111111')
    expect(partnerView.partnerMetadata).toBeUndefined()
    const other = seedConsumer(w)
    await expectError(await w.call('PATCH', `${CONSUMERS}/${other}`, { token: me.token, body: {} }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${other} was not found.`)
  })
})
