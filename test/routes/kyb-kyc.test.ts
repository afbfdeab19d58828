import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { makeWorld, OTHER } from '../helpers/app'
import { expectError } from '../helpers/errors'
import { referenceErrors } from '../helpers/reference'
import { requestKyc } from '../helpers/kyc'
import { declare, entity, getRelated, newCorporate, person } from '../helpers/kyb'
import { consumerLogin, MISSING_ID } from '../helpers/consumers'
import { corporateToken } from '../helpers/corporates'
import { relatedById } from '../../src/state/corporate-related'
import { webhookMessages } from '../../src/state/db/schema'

const LINK = { accessType: 'LINK', urlOnComplete: 'https://partner.test/ok' }
const RELATED = 'CORPORATE_RELATED_PHYSICAL_PERSON'

async function kybWorld() {
  const w = makeWorld()
  const token = await w.partnerToken()
  const corporate = await newCorporate(w)
  const { corporateId, accountOwnerId } = corporate
  const alice = await declare(w, token, corporateId, { info: person('Alice', 'Ubo'), sharesInfo: [{ percentage: 30 }] })
  return { w, token, corporate, corporateId, accountOwnerId, alice }
}

describe('KYC of corporate-related persons (POST /kyc with relatedPhysicalPersonId)', () => {
  it('opens a LINK application mirrored on the related row; the hosted page validates it and records the identity', async () => {
    const { w, token, corporateId, alice } = await kybWorld()
    await w.call('POST', '/_sim/webhooks', { body: { partnerName: 'sandbox', url: 'http://127.0.0.1:9/hooks' } })
    const res = await requestKyc(w, token, { relatedPhysicalPersonId: alice, kycConfiguration: LINK })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string; url: string; ttl: string }
    expect(referenceErrors('POST', '/api/partner/kyc', 201, created)).toEqual([])
    expect(created.ttl).toBe('PT720H')
    expect(relatedById(w.store, alice)).toMatchObject({ kycApplicationId: created.id, kycStatus: 'CREATED', kycType: 'DOC_ONLY' })
    expect((await getRelated(w, token, corporateId, alice)).kycInfo).toEqual({ kycApplicationId: created.id, status: 'CREATED', type: 'DOC_ONLY', updateDate: '2026-01-15T10:00:00.000Z' })
    const info = (await (await w.call('GET', `/api/partner/kyc/${created.id}`, { token })).json()) as Record<string, unknown>
    expect(referenceErrors('GET', '/api/partner/kyc/{kycId}', 200, info)).toEqual([])
    expect(info.person).toEqual({ id: alice, type: RELATED })

    const path = new URL(created.url).pathname
    expect(await (await w.app.request(path)).text()).toContain('Alice Ubo')
    const done = await w.app.request(`${path}/complete`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'outcome=VALIDATED' })
    expect(done.status).toBe(302)
    const after = await getRelated(w, token, corporateId, alice)
    expect(after).toMatchObject({ firstName: 'Alice', lastName: 'Ubo', kycInfo: { status: 'VALIDATED', type: 'DOC_ONLY' }, birthDate: expect.any(String), gender: expect.any(String) })
    const events = w.store.db.select().from(webhookMessages).all().map((m) => m.eventType).filter((t) => t.startsWith('CORPORATE_RELATED_KYC'))
    expect(events).toEqual(['CORPORATE_RELATED_KYC_CREATED', 'CORPORATE_RELATED_KYC_UPDATED', 'CORPORATE_RELATED_KYC_VALIDATED'])
  })

  it('gives the first director a FULL_KYC SDK flow; lists applications by person type and person', async () => {
    const { w, token, accountOwnerId, alice } = await kybWorld()
    const sdk = (await (await requestKyc(w, token, { relatedPhysicalPersonId: accountOwnerId, kycConfiguration: { accessType: 'SDK' } })).json()) as Record<string, string>
    expect(sdk).toMatchObject({ flowName: 'FULL_KYC', ttl: 'PT24H' })
    const simulated = await w.call('POST', '/api/partner/kyc/simulate', { token, body: { relatedPhysicalPersonId: alice, kycStatus: 'PENDING_REVIEW', firstName: 'Alicia' } })
    expect(simulated.status).toBe(201)
    const body = (await simulated.json()) as { kycApplicationId: string; relatedPhysicalPersonId: string }
    expect(referenceErrors('POST', '/api/partner/kyc/simulate', 201, body)).toEqual([])
    expect(body.relatedPhysicalPersonId).toBe(alice)
    expect(relatedById(w.store, alice)).toMatchObject({ kycStatus: 'PENDING_REVIEW', firstName: 'Alicia' })

    const list = async (q: string) => {
      const res = await w.call('GET', `/api/partner/kyc?${q}`, { token })
      expect(res.status, await res.clone().text()).toBe(200)
      return ((await res.json()) as { content: { id: string; personId: string; personType: string }[] }).content
    }
    expect((await list(`personType=${RELATED}`)).map((k) => k.personId).sort()).toEqual([accountOwnerId, alice].sort())
    expect((await list(`personId=${alice}`)).map((k) => k.id)).toEqual([body.kycApplicationId])
    await expectError(await w.call('GET', `/api/partner/kyc?personId=${alice}&personType=CONSUMER`, { token }), 400, 'PERSON_NOT_FOUND',
      `Person of type CONSUMER with id ${alice} was not found.`)
    await expectError(await w.call('GET', `/api/partner/kyc?personId=${MISSING_ID}&personType=${RELATED}`, { token }), 400, 'PERSON_NOT_FOUND',
      `Person of type ${RELATED} with id ${MISSING_ID} was not found.`, { field: 'personId', rejectedValue: MISSING_ID })
  })

  it('refuses legal entities, unknown and other partners\' persons, a second KYC, and a suspended corporate', async () => {
    const { w, token, corporateId, alice } = await kybWorld()
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), isDirector: true })
    const director = await declare(w, token, corporateId, { info: person('Dan', 'Director'), isDirector: true })
    const other = await newCorporate(w, {}, 'other-sandbox')
    for (const id of [holding, MISSING_ID, other.accountOwnerId]) {
      await expectError(await requestKyc(w, token, { relatedPhysicalPersonId: id, kycConfiguration: LINK }), 400, 'PERSON_NOT_FOUND',
        `Person of type ${RELATED} with id ${id} was not found.`, { field: 'relatedPhysicalPersonId', rejectedValue: id })
      await expectError(await w.call('POST', '/api/partner/kyc/simulate', { token, body: { relatedPhysicalPersonId: id, kycStatus: 'VALIDATED' } }), 400, 'PERSON_NOT_FOUND',
        `Person of type ${RELATED} with id ${id} was not found.`)
    }
    expect((await requestKyc(w, token, { relatedPhysicalPersonId: alice, kycConfiguration: LINK })).status).toBe(201)
    await expectError(await requestKyc(w, token, { relatedPhysicalPersonId: alice, kycConfiguration: LINK }), 409, 'LAST_KYC_APPLICATION_NOT_FINISHED',
      'A KYC application for this consumer is still being processed, please wait for it to complete before starting a new one.')
    await w.call('POST', '/api/partner/kyc/simulate', { token, body: { relatedPhysicalPersonId: alice, kycStatus: 'VALIDATED' } })
    await expectError(await requestKyc(w, token, { relatedPhysicalPersonId: alice, kycConfiguration: LINK }), 409, 'KYC_ALREADY_VALIDATED',
      'You cannot create a new KYC application for a user with KYC already validated.')
    w.store.sqlite.prepare("UPDATE corporates SET suspension_status = 'SUSPENDED' WHERE id = ?").run(corporateId)
    await expectError(await requestKyc(w, token, { relatedPhysicalPersonId: director, kycConfiguration: LINK }), 409,
      'END_USER_MUST_NOT_BE_SUSPENDED', `End-user (with id ${corporateId}) must not be suspended to do this operation.`)
    // Another partner's token does not see this partner's related persons either.
    const otherToken = await w.partnerToken(OTHER)
    await expectError(await requestKyc(w, otherToken, { relatedPhysicalPersonId: alice, kycConfiguration: LINK }), 400, 'PERSON_NOT_FOUND', `Person of type ${RELATED} with id ${alice} was not found.`)
  })

  it('reads an expired link as ABORTED on the related row, and lets a new KYC start', async () => {
    const world = await kybWorld()
    const { w, corporateId, alice } = world
    let { token } = world
    await w.call('POST', '/_sim/webhooks', { body: { partnerName: 'sandbox', url: 'http://127.0.0.1:9/hooks' } })
    const { id } = (await (await requestKyc(w, token, { relatedPhysicalPersonId: alice, kycConfiguration: LINK })).json()) as { id: string }
    w.store.clock.advance(721 * 3600_000)
    token = await w.partnerToken()
    expect((await getRelated(w, token, corporateId, alice)).kycInfo).toMatchObject({ kycApplicationId: id, status: 'ABORTED' })
    const again = await requestKyc(w, token, { relatedPhysicalPersonId: alice, kycConfiguration: LINK })
    expect(again.status).toBe(201)
    expect(relatedById(w.store, alice)!.kycApplicationId).not.toBe(id)
    const updates = w.store.db.select().from(webhookMessages).where(eq(webhookMessages.eventType, 'CORPORATE_RELATED_KYC_UPDATED')).all()
    expect(updates.map((m) => JSON.parse(m.body).data)).toEqual([{ id: alice, corporateId, kycId: id, kycStatus: 'ABORTED' }])
  })

  it('lets a corporate\'s account owner open and read back the KYC of its related persons, not another corporate\'s nor a consumer', async () => {
    const { w, token, corporate, alice } = await kybWorld()
    const own = await corporateToken(w, corporate)
    const res = await requestKyc(w, own, { relatedPhysicalPersonId: alice, kycConfiguration: LINK })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const read = await w.call('GET', `/api/partner/kyc/${id}`, { token: own })
    expect(read.status).toBe(200)
    const body = (await read.json()) as Record<string, unknown>
    expect(referenceErrors('GET', '/api/partner/kyc/{kycId}', 200, body)).toEqual([])
    expect(body).toMatchObject({ id, person: { id: alice, type: RELATED }, status: { value: 'CREATED' } })
    expect((await w.call('GET', `/api/partner/kyc/${id}`, { token })).status).toBe(200)

    const stranger = await corporateToken(w, await newCorporate(w))
    const consumer = await consumerLogin(w, '612340007')
    for (const other of [stranger, consumer.token]) {
      await expectError(await w.call('GET', `/api/partner/kyc/${id}`, { token: other }), 404, 'KYC_APPLICATION_NOT_FOUND', `Kyc application with id ${id} was not found.`)
    }
    expect(relatedById(w.store, alice)).toMatchObject({ kycApplicationId: id, kycStatus: 'CREATED' })
  })
})
