import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { makeWorld, errorBody, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { kycApplications, webPages } from '../../src/state/db/schema'
import { consumerRow, consumerToken, insertConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { requestKyc } from '../helpers/kyc'

const LINK = { accessType: 'LINK', urlOnComplete: 'https://partner.test/ok', urlOnFailure: 'https://partner.test/ko' }

describe('POST /api/partner/kyc', () => {
  it('opens a LINK application: 201 {id, url, ttl PT720H}, consumer CREATED, a web page row', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w, { phoneVerified: true })
    const res = await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: LINK })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string; url: string; ttl: string }
    expect(referenceErrors('POST', '/api/partner/kyc', 201, body)).toEqual([])
    expect(body).toEqual({ id: expect.any(String), url: `http://localhost/pages/kyc/${body.id}`, ttl: 'PT720H' })

    const row = w.store.db.select().from(kycApplications).where(eq(kycApplications.id, body.id)).get()!
    expect(row).toMatchObject({ status: 'CREATED', type: 'FULL_KYC', accessType: 'LINK', personId: consumer.id, urlOnComplete: LINK.urlOnComplete })
    expect(row.expiresAt).toBe(w.store.clock.nowMs() + 720 * 3600_000)
    expect(w.store.db.select().from(webPages).where(eq(webPages.resourceId, body.id)).get()).toMatchObject({ kind: 'KYC', status: 'OPEN' })
    expect(consumerRow(w, consumer.id)).toMatchObject({
      kycApplicationId: body.id, kycStatus: 'CREATED', kycUpdatedAt: w.store.clock.nowMs(), linkcyStatus: 'PENDING', complianceStatus: 'PENDING',
    })

    const got = await w.call('GET', `/api/partner/kyc/${body.id}`, { token })
    expect(got.status).toBe(200)
    const info = await got.json()
    expect(referenceErrors('GET', '/api/partner/kyc/{kycId}', 200, info)).toEqual([])
    expect(info).toEqual({
      id: body.id, person: { id: consumer.id, type: 'CONSUMER' }, status: { value: 'CREATED' }, accessType: 'LINK',
      creationDate: '2026-01-15T10:00:00.000Z', updateDate: '2026-01-15T10:00:00.000Z',
    })
  })

  it('opens an SDK application: 201 {id, token, kycApiUrl, flowName, ttl PT24H}, expiring after 24 h', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w, { phoneVerified: true })
    const res = await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: { accessType: 'SDK' } })
    expect(res.status).toBe(201)
    const body = (await res.json()) as Record<string, string>
    expect(referenceErrors('POST', '/api/partner/kyc', 201, body)).toEqual([])
    expect(body).toMatchObject({ ttl: 'PT24H', kycApiUrl: 'http://localhost/_sim/kyc', flowName: 'FULL_KYC', token: expect.any(String) })
    expect(w.store.db.select().from(webPages).where(eq(webPages.resourceId, body.id!)).get()).toBeUndefined()
    const info = (await (await w.call('GET', `/api/partner/kyc/${body.id}`, { token })).json()) as { accessType: string }
    expect(info.accessType).toBe('SDK')
    w.store.clock.advance(24 * 3600_000 + 1)
    const later = (await (await w.call('GET', `/api/partner/kyc/${body.id}`, { token: await w.partnerToken() })).json()) as { status: { value: string } }
    expect(later.status.value).toBe('ABORTED')
  })

  it('lets a consumer open its own KYC (a body consumerId is ignored)', async () => {
    const w = makeWorld()
    const me = insertConsumer(w, { phoneVerified: true })
    const other = insertConsumer(w, { phoneVerified: true })
    const token = await consumerToken(w, me)
    const res = await requestKyc(w, token, { consumerId: other.id, kycConfiguration: { accessType: 'LINK' } })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    expect(consumerRow(w, me.id).kycApplicationId).toBe(id)
    expect(consumerRow(w, other.id).kycStatus).toBe('NOT_STARTED')
  })

  it('answers PERSON_ID_REQUIRED and PERSON_NOT_FOUND (400) with the documented bodies', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const missing = await requestKyc(w, token, { kycConfiguration: LINK })
    const missingBody = await expectError(missing, 400, 'PERSON_ID_REQUIRED', 'You must either specify a person id or be authenticated as CONSUMER. Current user type is PARTNER.', { field: 'consumerId', rejectedValue: 'null' })
    expect(referenceErrors('POST', '/api/partner/kyc', 400, missingBody)).toEqual([])

    const unknown = '00000000-0000-4000-8000-000000000000'
    const notFound = await requestKyc(w, token, { consumerId: unknown, kycConfiguration: LINK })
    expect(notFound.status).toBe(400)
    expect(await errorBody(notFound)).toMatchObject({
      errorCode: 'PERSON_NOT_FOUND', error: 'linkcy.bad.request',
      details: [{ field: 'consumerId', rejectedValue: unknown, message: `Person of type CONSUMER with id ${unknown} was not found.` }],
    })

    const related = await requestKyc(w, token, { relatedPhysicalPersonId: unknown, kycConfiguration: LINK })
    expect(related.status).toBe(400)
    expect(await errorBody(related)).toMatchObject({
      errorCode: 'PERSON_NOT_FOUND',
      details: [{ field: 'relatedPhysicalPersonId', message: `Person of type CORPORATE_RELATED_PHYSICAL_PERSON with id ${unknown} was not found.` }],
    })

    // Another partner's consumer is not found either.
    const foreign = insertConsumer(w, { phoneVerified: true, partner: 'other-sandbox' })
    const crossed = await requestKyc(w, token, { consumerId: foreign.id, kycConfiguration: LINK })
    expect(crossed.status).toBe(400)
    expect(((await crossed.json()) as { errorCode: string }).errorCode).toBe('PERSON_NOT_FOUND')
  })

  it('answers END_USER_FORBIDDEN (403) for a forbidden or closed consumer', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    for (const linkcyStatus of ['FORBIDDEN', 'CLOSED']) {
      const consumer = insertConsumer(w, { phoneVerified: true, linkcyStatus })
      const res = await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: LINK })
      const body = await expectError(res, 403, 'END_USER_FORBIDDEN', `End-user with id ${consumer.id} is forbidden.`)
      expect(referenceErrors('POST', '/api/partner/kyc', 403, body)).toEqual([])
    }
  })

  it('answers the documented 409s in order: suspended, phone, already validated, not finished', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const conflict = async (consumerId: string, errorCode: string, message: string) => {
      const res = await requestKyc(w, token, { consumerId, kycConfiguration: LINK })
      const body = await expectError(res, 409, errorCode, message)
      expect(referenceErrors('POST', '/api/partner/kyc', 409, body)).toEqual([])
    }
    const suspended = insertConsumer(w, { suspensionStatus: 'SUSPENDED' })
    await conflict(suspended.id, 'END_USER_MUST_NOT_BE_SUSPENDED', `End-user (with id ${suspended.id}) must not be suspended to do this operation.`)
    const unverified = insertConsumer(w, { kycStatus: 'VALIDATED' })
    await conflict(unverified.id, 'PHONE_MUST_BE_VERIFIED', "Consumer's phone must be verified to do this operation.")
    const validated = insertConsumer(w, { phoneVerified: true, kycStatus: 'VALIDATED' })
    await conflict(validated.id, 'KYC_ALREADY_VALIDATED', 'You cannot create a new KYC application for a user with KYC already validated.')

    const consumer = insertConsumer(w, { phoneVerified: true })
    expect((await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: LINK })).status).toBe(201)
    const running = 'A KYC application for this consumer is still being processed, please wait for it to complete before starting a new one.'
    await conflict(consumer.id, 'LAST_KYC_APPLICATION_NOT_FINISHED', running)
    for (const kycStatus of ['PROCESSING', 'PENDING_REVIEW']) {
      await conflict(insertConsumer(w, { phoneVerified: true, kycStatus }).id, 'LAST_KYC_APPLICATION_NOT_FINISHED', running)
    }
    // ABORTED and DECLINED may start over.
    for (const kycStatus of ['ABORTED', 'DECLINED']) {
      expect((await requestKyc(w, token, { consumerId: insertConsumer(w, { phoneVerified: true, kycStatus }).id, kycConfiguration: LINK })).status).toBe(201)
    }
  })

  it('counts a LINK application whose link expired (720 h on the simulator clock) as ABORTED', async () => {
    const w = makeWorld()
    let token = await w.partnerToken()
    const consumer = insertConsumer(w, { phoneVerified: true })
    const first = (await (await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: LINK })).json()) as { id: string }
    w.store.clock.advance(719 * 3600_000)
    token = await w.partnerToken()
    expect((await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: LINK })).status).toBe(409)
    w.store.clock.advance(2 * 3600_000)
    token = await w.partnerToken()
    const info = (await (await w.call('GET', `/api/partner/kyc/${first.id}`, { token })).json()) as { status: { value: string }; updateDate: string }
    expect(info.status.value).toBe('ABORTED')
    expect(info.updateDate).toBe('2026-02-14T10:00:00.000Z')
    expect(consumerRow(w, consumer.id)).toMatchObject({ kycStatus: 'ABORTED', kycApplicationId: first.id })
    const second = await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: LINK })
    expect(second.status).toBe(201)
    expect(consumerRow(w, consumer.id).kycApplicationId).toBe(((await second.json()) as { id: string }).id)
  })

  it('validates the body with LinkCy 400s, and needs a token', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w, { phoneVerified: true })
    const cases: [unknown, string][] = [
      [{ consumerId: consumer.id }, 'kycConfiguration'],
      [{ consumerId: consumer.id, kycConfiguration: { accessType: 'EMAIL' } }, 'kycConfiguration.accessType'],
      [{ consumerId: 'not-a-uuid', kycConfiguration: LINK }, 'consumerId'],
      [{ consumerId: consumer.id, kycConfiguration: { accessType: 'LINK', urlOnComplete: 5 } }, 'kycConfiguration.urlOnComplete'],
    ]
    for (const [body, field] of cases) {
      const res = await requestKyc(w, token, body as Record<string, unknown>)
      expect(res.status).toBe(400)
      expect(await errorBody(res)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field }] })
    }
    // Null members read as absent (generated clients send them).
    const nulls = await requestKyc(w, token, { consumerId: consumer.id, relatedPhysicalPersonId: null, kycConfiguration: { accessType: 'LINK', urlOnComplete: null, urlOnFailure: null } })
    expect(nulls.status).toBe(201)
    const anonymous = await w.call('POST', '/api/partner/kyc', { body: { consumerId: consumer.id, kycConfiguration: LINK } })
    expect(anonymous.status).toBe(401)
    expect(await errorBody(anonymous)).toMatchObject({ error: 'linkcy.unauthorized' })
  })
})

describe('GET /api/partner/kyc/{kycId}', () => {
  it('answers KYC_APPLICATION_NOT_FOUND (404) for unknown ids, other partners and other end-users', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w, { phoneVerified: true })
    const { id } = (await (await requestKyc(w, token, { consumerId: consumer.id, kycConfiguration: LINK })).json()) as { id: string }
    const notFound = (res: Response, kycId: string) => expectError(res, 404, 'KYC_APPLICATION_NOT_FOUND', `Kyc application with id ${kycId} was not found.`)

    const unknown = '00000000-0000-4000-8000-000000000000'
    const res = await w.call('GET', `/api/partner/kyc/${unknown}`, { token })
    const body = await notFound(res, unknown)
    expect(referenceErrors('GET', '/api/partner/kyc/{kycId}', 404, body)).toEqual([])

    const other = await w.call('GET', `/api/partner/kyc/${id}`, { token: await w.partnerToken(OTHER) })
    await notFound(other, id)

    const stranger = insertConsumer(w, { phoneVerified: true })
    const strangerRes = await w.call('GET', `/api/partner/kyc/${id}`, { token: await consumerToken(w, stranger) })
    await notFound(strangerRes, id)

    const own = await w.call('GET', `/api/partner/kyc/${id}`, { token: await consumerToken(w, consumer) })
    expect(own.status).toBe(200)

    const bad = await w.call('GET', '/api/partner/kyc/not-a-uuid', { token })
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'kycId' }] })
  })
})
