import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { makeWorld, errorBody } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { kycApplications } from '../../src/state/db/schema'
import { consumerRow, consumerToken, insertConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { requestKyc } from '../helpers/kyc'

const IDENTITY = {
  firstName: 'Camille', middleName: 'Marie', lastName: 'Durand', gender: 'FEMALE', birthDate: '1990-04-12', emailAddress: 'camille@example.test',
  birthCity: 'Lyon', birthIsoCountryCode: 'FRA', nationalityCode: 'FRA',
  address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75011', street: 'Rue Oberkampf', number: '12' },
}

describe('POST /api/partner/kyc/simulate', () => {
  it('opens a VALIDATED application with the identity, copied onto the consumer; 201 {kycApplicationId, consumerId}', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w, { emailAddress: 'old@example.test', emailVerifiedAt: 1 })
    const res = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId: consumer.id, kycStatus: 'VALIDATED', ...IDENTITY } })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { kycApplicationId: string; consumerId: string }
    expect(referenceErrors('POST', '/api/partner/kyc/simulate', 201, body)).toEqual([])
    expect(body.consumerId).toBe(consumer.id)

    const info = await (await w.call('GET', `/api/partner/kyc/${body.kycApplicationId}`, { token })).json()
    expect(referenceErrors('GET', '/api/partner/kyc/{kycId}', 200, info)).toEqual([])
    expect(info).toEqual({
      id: body.kycApplicationId, person: { id: consumer.id, type: 'CONSUMER' },
      address: { ...IDENTITY.address, status: 'VALID' },
      firstName: 'Camille', middleName: 'Marie', lastName: 'Durand', gender: 'FEMALE', birthDate: '1990-04-12', emailAddress: 'camille@example.test',
      birthCity: 'Lyon', birthIsoCountryCode: 'FRA', status: { value: 'VALIDATED' }, accessType: 'LINK',
      creationDate: '2026-01-15T10:00:00.000Z', updateDate: '2026-01-15T10:00:00.000Z',
    })
    const after = consumerRow(w, consumer.id)
    expect(after).toMatchObject({
      firstName: 'Camille', middleName: 'Marie', lastName: 'Durand', emailAddress: 'camille@example.test', emailVerifiedAt: null,
      kycApplicationId: body.kycApplicationId, kycStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED', complianceStatus: 'VALIDATED',
    })
    expect(after.profile).toMatchObject({
      gender: 'FEMALE', birthDate: '1990-04-12', birthCity: 'Lyon', birthIsoCountryCode: 'FRA', nationalityCode: 'FRA',
      address: { ...IDENTITY.address, status: 'VALID' },
    })
  })

  it('moves the unfinished current application instead of opening another; jumps anywhere', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w, { phoneVerified: true })
    const { id } = (await (await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: { accessType: 'LINK' } })).json()) as { id: string }
    const review = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId: consumer.id, kycStatus: 'PENDING_REVIEW' } })
    expect(((await review.json()) as { kycApplicationId: string }).kycApplicationId).toBe(id)
    expect(consumerRow(w, consumer.id)).toMatchObject({ kycStatus: 'PENDING_REVIEW', complianceStatus: 'PENDING_REVIEW', linkcyStatus: 'PENDING' })
    const declined = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId: consumer.id, kycStatus: 'DECLINED' } })
    expect(((await declined.json()) as { kycApplicationId: string }).kycApplicationId).toBe(id)
    // DECLINED is finished: the next simulation opens a new application.
    const validated = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId: consumer.id, kycStatus: 'VALIDATED' } })
    const next = ((await validated.json()) as { kycApplicationId: string }).kycApplicationId
    expect(next).not.toBe(id)
    expect(w.store.db.select().from(kycApplications).where(eq(kycApplications.id, next)).get()).toMatchObject({ accessType: 'SIMULATED', status: 'VALIDATED' })
    expect(consumerRow(w, consumer.id)).toMatchObject({ kycApplicationId: next, kycStatus: 'VALIDATED' })
  })

  it('accepts a consumer token (acting on itself) and keeps a FORBIDDEN linkcyStatus', async () => {
    const w = makeWorld()
    const me = insertConsumer(w, { phoneVerified: true })
    const res = await w.call('POST', '/api/partner/kyc/simulate', { token: await consumerToken(w, me), body: { kycStatus: 'VALIDATED' } })
    expect(res.status).toBe(201)
    expect(consumerRow(w, me.id).kycStatus).toBe('VALIDATED')

    const token = await w.partnerToken()
    const forbidden = insertConsumer(w, { phoneVerified: true, linkcyStatus: 'FORBIDDEN' })
    expect((await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId: forbidden.id, kycStatus: 'VALIDATED' } })).status).toBe(201)
    expect(consumerRow(w, forbidden.id)).toMatchObject({ kycStatus: 'VALIDATED', linkcyStatus: 'FORBIDDEN' })
  })

  it('answers PERSON_ID_REQUIRED and PERSON_NOT_FOUND (400) with the documented bodies', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const missing = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { kycStatus: 'VALIDATED' } })
    const body = await expectError(missing, 400, 'PERSON_ID_REQUIRED', 'You must either specify a person id or be authenticated as CONSUMER. Current user type is PARTNER.', { field: 'consumerId', rejectedValue: 'null' })
    expect(referenceErrors('POST', '/api/partner/kyc/simulate', 400, body)).toEqual([])

    const foreign = insertConsumer(w, { phoneVerified: true, partner: 'other-sandbox' })
    const notFound = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId: foreign.id, kycStatus: 'VALIDATED' } })
    expect(notFound.status).toBe(400)
    expect(await errorBody(notFound)).toMatchObject({
      errorCode: 'PERSON_NOT_FOUND', error: 'linkcy.bad.request',
      details: [{ field: 'consumerId', rejectedValue: foreign.id, message: `Person of type CONSUMER with id ${foreign.id} was not found.` }],
    })
    expect(consumerRow(w, foreign.id).kycStatus).toBe('NOT_STARTED')

    const related = '00000000-0000-4000-8000-000000000000'
    const relatedRes = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { relatedPhysicalPersonId: related, kycStatus: 'VALIDATED' } })
    expect(await errorBody(relatedRes)).toMatchObject({
      errorCode: 'PERSON_NOT_FOUND', details: [{ message: `Person of type CORPORATE_RELATED_PHYSICAL_PERSON with id ${related} was not found.` }],
    })
  })

  it('validates the body: status enum, European address, lengths (TOO_LONG_FIELD), dates', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumerId = insertConsumer(w, { phoneVerified: true }).id
    const call = (body: Record<string, unknown>) => w.call('POST', '/api/partner/kyc/simulate', { token, body: { consumerId, ...body } })

    const status = await call({ kycStatus: 'DONE' })
    expect(await errorBody(status)).toMatchObject({
      details: [{ field: 'kycStatus', rejectedValue: 'DONE', message: 'must be one of [NOT_STARTED, CREATED, PROCESSING, PENDING_REVIEW, ABORTED, VALIDATED, DECLINED]' }],
    })
    const usa = await call({ kycStatus: 'VALIDATED', address: { ...IDENTITY.address, isoCountryCode: 'USA' } })
    expect(await errorBody(usa)).toMatchObject({ details: [{ field: 'address.isoCountryCode', rejectedValue: 'USA' }] })
    const long = await call({ kycStatus: 'VALIDATED', firstName: 'x'.repeat(256) })
    expect(long.status).toBe(400)
    expect(await errorBody(long)).toMatchObject({
      errorCode: 'TOO_LONG_FIELD', details: [{ field: 'firstName', message: 'For the field firstName, the maximum allowed size is 255 but the size was 256.' }],
    })
    const date = await call({ kycStatus: 'VALIDATED', birthDate: '12/04/1990' })
    expect(await errorBody(date)).toMatchObject({ details: [{ field: 'birthDate', rejectedValue: '12/04/1990' }] })
    expect(consumerRow(w, consumerId).kycStatus).toBe('NOT_STARTED')

    const nulls = await call({ kycStatus: 'VALIDATED', relatedPhysicalPersonId: null, firstName: null, address: null, gender: null })
    expect(nulls.status).toBe(201)
    expect(consumerRow(w, consumerId)).toMatchObject({ kycStatus: 'VALIDATED', firstName: null })
    const verified = await call({ kycStatus: 'VALIDATED', address: { ...IDENTITY.address, number: null, bypassVerification: true } })
    expect(verified.status).toBe(201)
    expect(consumerRow(w, consumerId).profile.address).toEqual({ isoCountryCode: 'FRA', city: 'Paris', postalCode: '75011', street: 'Rue Oberkampf', status: 'VERIFIED' })
  })
})
