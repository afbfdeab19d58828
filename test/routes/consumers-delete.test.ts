import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { credentials, emailVerifications, kycApplications, outbox, phoneVerifications, webPages } from '../../src/state/db/schema'
import { errorBody, makeWorld, OTHER } from '../helpers/app'
import { CONSUMERS, MISSING_ID, consumerLogin, createConsumer, seedConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'

// Sandbox DELETE /api/partner/consumers/{consumerId}.

describe('DELETE /api/partner/consumers/{consumerId} (sandbox)', () => {
  it('answers 200 with an empty body and removes the consumer with its login, verifications, KYC, pages and messages', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const me = await consumerLogin(w, '611111111')
    const keep = seedConsumer(w, { kycStatus: 'CREATED' })
    // Rows that hang off the consumer: an SMS (password reset), verifications, a KYC application and its page.
    expect((await w.call('POST', '/api/partner/passwords/reset', { body: { partnerName: 'sandbox', consumerPhone: '33611111111' } })).status).toBe(204)
    const partnerId = w.loaded.partners.sandbox!.id
    const now = w.store.clock.nowMs()
    w.store.db.insert(phoneVerifications).values({ id: w.store.rng.uuid(), partnerId, personId: me.id, phoneDigits: '33611111111', code: '123456', attemptsLeft: 5, status: 'PENDING', expiresAt: now + 1, createdAt: now }).run()
    w.store.db.insert(emailVerifications).values({ id: 'ev-1', partnerId, personId: me.id, emailAddress: 'x@example.fr', urlOnSuccess: null, urlOnFailure: null, status: 'PENDING', expiresAt: now + 1, createdAt: now }).run()
    w.store.db.insert(kycApplications).values({ id: 'kyc-1', partnerId, personId: me.id, personType: 'CONSUMER', status: 'CREATED', statusReason: null, type: 'FULL_KYC', accessType: 'LINK', urlOnComplete: null, urlOnFailure: null, expiresAt: null, identity: {}, creationDate: now, updateDate: now }).run()
    for (const resourceId of ['kyc-1', 'ev-1']) {
      w.store.db.insert(webPages).values({ id: w.store.rng.uuid(), partnerId, kind: 'KYC', resourceId, status: 'OPEN', expiresAt: now + 1, createdAt: now }).run()
    }

    const res = await w.call('DELETE', `${CONSUMERS}/${me.id}`, { token })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')

    await expectError(await w.call('GET', `${CONSUMERS}/${me.id}`, { token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${me.id} was not found.`)
    const login = await w.call('POST', '/api/partner/login', { body: { consumerPhone: '33611111111', partnerName: 'sandbox', password: 'Consumer-Password-1' } })
    expect(login.status).toBe(401)
    // The old token no longer resolves (its subject is gone).
    expect((await w.call('GET', `${CONSUMERS}/${me.id}`, { token: me.token })).status).toBe(401)
    const left = (table: typeof outbox | typeof phoneVerifications | typeof emailVerifications | typeof kycApplications) =>
      w.store.db.select().from(table).where(eq(table.personId, me.id)).all().length
    expect([left(outbox), left(phoneVerifications), left(emailVerifications), left(kycApplications)]).toEqual([0, 0, 0, 0])
    expect(w.store.db.select().from(webPages).all()).toEqual([])
    expect(w.store.db.select().from(credentials).where(eq(credentials.principalId, me.id)).all()).toEqual([])
    // Other consumers are untouched; the phone can be used again.
    expect(w.store.db.select().from(kycApplications).where(eq(kycApplications.personId, keep)).all()).toHaveLength(1)
    await createConsumer(w, { partnerName: 'sandbox', phone: { countryCode: '33', number: '611111111' } })
  })

  it('404 CONSUMER_NOT_FOUND for an unknown id, a deleted one, or another partner’s consumer', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await expectError(await w.call('DELETE', `${CONSUMERS}/${MISSING_ID}`, { token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${MISSING_ID} was not found.`)
    const id = seedConsumer(w)
    await expectError(await w.call('DELETE', `${CONSUMERS}/${id}`, { token: await w.partnerToken(OTHER) }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${id} was not found.`)
    expect((await w.call('DELETE', `${CONSUMERS}/${id}`, { token })).status).toBe(200)
    await expectError(await w.call('DELETE', `${CONSUMERS}/${id}`, { token }), 404, 'CONSUMER_NOT_FOUND', `Consumer with id ${id} was not found.`)
  })

  it('400 for a non-uuid id, 401 anonymous, 403 for an end-user token', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const bad = await w.call('DELETE', `${CONSUMERS}/nope`, { token })
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'consumerId' }] })
    const me = await consumerLogin(w, '622222222')
    expect((await w.call('DELETE', `${CONSUMERS}/${me.id}`)).status).toBe(401)
    const self = await w.call('DELETE', `${CONSUMERS}/${me.id}`, { token: me.token })
    expect(self.status).toBe(403)
    expect(await errorBody(self)).toMatchObject({ error: 'linkcy.forbidden' })
  })
})
