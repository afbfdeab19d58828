import { describe, expect, it } from 'vitest'
import { makeWorld, errorBody, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { consumerRow, consumerToken, insertConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { outboxOf } from '../helpers/outbox'

const SEND = '/api/partner/verifications/phone/send'
const VERIFY = '/api/partner/verifications/phone/verify'
const MINUTE = 60_000

describe('POST /api/partner/verifications/phone/send', () => {
  it('answers {ttl: PT10M} (reference schema) and "sends" the sandbox code by SMS (outbox)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    const res = await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ ttl: 'PT10M' })
    expect(referenceErrors('POST', SEND, 200, body)).toEqual([])
    const [sms] = await outboxOf(w, consumer.id)
    expect(sms).toMatchObject({ channel: 'SMS', purpose: 'PHONE_VERIFICATION', recipient: `+${consumer.phoneDigits}`, code: '123456', text: 'Your Sandbox Partner verification code is: 123456' })
  })

  it('uses the partner setting phoneCode as the code', async () => {
    const w = makeWorld()
    const seeded = await w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'coded', settings: { phoneCode: '654321' }, users: [{ email: 'a@coded.test', password: 'Coded-Password-1' }] }] } })
    const partnerId = ((await seeded.json()) as { partners: Record<string, { id: string }> }).partners.coded!.id
    const token = await w.partnerToken({ partnerName: 'coded', username: 'a@coded.test', password: 'Coded-Password-1' })
    const consumer = insertConsumer(w, { partnerId })
    expect((await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })).status).toBe(200)
    expect((await outboxOf(w, consumer.id))[0]).toMatchObject({ code: '654321', text: 'Your coded verification code is: 654321' })
    expect((await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '123456' } })).status).toBe(400)
    expect((await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '654321' } })).status).toBe(204)
  })

  it('400 PERSON_ID_REQUIRED when a partner names nobody', async () => {
    const w = makeWorld()
    const res = await w.call('POST', SEND, { token: await w.partnerToken(), body: {} })
    const body = await expectError(res, 400, 'PERSON_ID_REQUIRED', 'You must either specify a person id or be authenticated as CONSUMER. Current user type is PARTNER.', { field: 'consumerId', rejectedValue: 'null' })
    expect(referenceErrors('POST', SEND, 400, body)).toEqual([])
  })

  it('400 PERSON_NOT_FOUND for an unknown id, another partner\'s consumer and a corporate-related person', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const unknown = '3f0c6f0e-8d7a-4c1e-9a59-0c2b7a0b9a11'
    await expectError(await w.call('POST', SEND, { token, body: { consumerId: unknown } }), 400, 'PERSON_NOT_FOUND', `Person of type CONSUMER with id ${unknown} was not found.`, { field: 'consumerId', rejectedValue: unknown })
    const foreign = insertConsumer(w, { partner: 'other-sandbox' })
    await expectError(await w.call('POST', SEND, { token, body: { consumerId: foreign.id } }), 400, 'PERSON_NOT_FOUND', `Person of type CONSUMER with id ${foreign.id} was not found.`)
    await expectError(
      await w.call('POST', SEND, { token, body: { relatedPhysicalPersonId: unknown } }), 400, 'PERSON_NOT_FOUND',
      `Person of type CORPORATE_RELATED_PHYSICAL_PERSON with id ${unknown} was not found.`, { field: 'relatedPhysicalPersonId', rejectedValue: unknown },
    )
    // The other partner sees its own consumer.
    expect((await w.call('POST', SEND, { token: await w.partnerToken(OTHER), body: { consumerId: foreign.id } })).status).toBe(200)
    expect(await outboxOf(w, unknown)).toEqual([])
  })

  it('400 for a non-uuid consumerId, 401 without a token', async () => {
    const w = makeWorld()
    const bad = await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: 'nope' } })
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'consumerId', rejectedValue: 'nope', message: 'must be a valid UUID' }] })
    expect((await w.call('POST', SEND, { body: {} })).status).toBe(401)
  })

  it('403 for a partner user without PHONE_VERIFICATION_SEND', async () => {
    const w = makeWorld()
    await w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'limited', users: [{ email: 'l@limited.test', password: 'Limited-Password-1', roles: ['CONSUMER_INFO'] }] }] } })
    const token = await w.partnerToken({ partnerName: 'limited', username: 'l@limited.test', password: 'Limited-Password-1' })
    const res = await w.call('POST', SEND, { token, body: {} })
    expect(res.status).toBe(403)
    expect(await errorBody(res)).toMatchObject({ error: 'linkcy.forbidden' })
  })

  it('409 PHONE_CODE_STILL_ACTIVE while a code is usable; a new send once it expired', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    expect((await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })).status).toBe(200)
    w.store.clock.advance(9 * MINUTE)
    const body = await expectError(await w.call('POST', SEND, { token, body: { consumerId: consumer.id } }), 409, 'PHONE_CODE_STILL_ACTIVE', `Phone code for user ${consumer.id} is still active.`)
    expect(referenceErrors('POST', SEND, 409, body)).toEqual([])
    w.store.clock.advance(MINUTE)
    expect((await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })).status).toBe(200)
    expect(await outboxOf(w, consumer.id)).toHaveLength(2)
  })

  it('409 PHONE_ALREADY_VERIFIED', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { phoneVerified: true })
    await expectError(await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: consumer.id } }), 409, 'PHONE_ALREADY_VERIFIED', `Phone is already verified for user ${consumer.id}.`)
  })

  it('an end-user token acts on itself (a body consumerId is ignored)', async () => {
    const w = makeWorld()
    const me = insertConsumer(w)
    const someoneElse = insertConsumer(w)
    const token = await consumerToken(w, me)
    expect((await w.call('POST', SEND, { token, body: { consumerId: someoneElse.id } })).status).toBe(200)
    expect(await outboxOf(w, me.id)).toHaveLength(1)
    expect(await outboxOf(w, someoneElse.id)).toHaveLength(0)
    expect((await w.call('POST', VERIFY, { token, body: { code: '123456' } })).status).toBe(204)
    expect(consumerRow(w, me.id).phoneVerifiedAt).toBe(w.store.clock.nowMs())
    expect(consumerRow(w, someoneElse.id).phoneVerifiedAt).toBeNull()
  })
})

describe('POST /api/partner/verifications/phone/verify', () => {
  it('204 with the right code: the phone is verified at simulator time', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })
    w.store.clock.advance(2 * MINUTE)
    const res = await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '123456' } })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    const row = consumerRow(w, consumer.id)
    expect(row.phoneVerifiedAt).toBe(Date.parse('2026-01-15T10:02:00Z'))
    expect(row.updateDate).toBe(row.phoneVerifiedAt)
    const again = await expectError(await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '123456' } }), 409, 'PHONE_ALREADY_VERIFIED', `Phone is already verified for user ${consumer.id}.`)
    expect(referenceErrors('POST', VERIFY, 409, again)).toEqual([])
  })

  it('400 INVALID_PHONE_CODE costs an attempt; after 5 the code is spent (PHONE_CODE_MUST_BE_SENT), a new send works', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })
    for (let i = 0; i < 5; i++) {
      const body = await expectError(await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '000000' } }), 400, 'INVALID_PHONE_CODE', 'Phone code is not valid.', { field: 'code', rejectedValue: '000000' })
      if (i === 0) expect(referenceErrors('POST', VERIFY, 400, body)).toEqual([])
    }
    const spent = await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '123456' } })
    await expectError(spent, 409, 'PHONE_CODE_MUST_BE_SENT', 'Phone code must be sent, please follow the steps of creation process.')
    expect(consumerRow(w, consumer.id).phoneVerifiedAt).toBeNull()
    // A spent code is not "still active": a new one can be sent at once.
    expect((await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })).status).toBe(200)
    expect((await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '123456' } })).status).toBe(204)
  })

  it('4 wrong codes then the right one still verifies', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })
    for (let i = 0; i < 4; i++) expect((await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '111111' } })).status).toBe(400)
    expect((await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '123456' } })).status).toBe(204)
  })

  it('409 PHONE_CODE_HAS_EXPIRED after 10 minutes on the simulator clock', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })
    w.store.clock.advance(10 * MINUTE)
    const body = await expectError(await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '123456' } }), 409, 'PHONE_CODE_HAS_EXPIRED', 'Phone code has expired, please restart the creation process.')
    expect(referenceErrors('POST', VERIFY, 409, body)).toEqual([])
    expect(consumerRow(w, consumer.id).phoneVerifiedAt).toBeNull()
  })

  it('409 PHONE_CODE_MUST_BE_SENT when no code was sent', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w)
    await expectError(await w.call('POST', VERIFY, { token: await w.partnerToken(), body: { consumerId: consumer.id, code: '123456' } }), 409, 'PHONE_CODE_MUST_BE_SENT', 'Phone code must be sent, please follow the steps of creation process.')
  })

  it('400 PERSON_ID_REQUIRED, PERSON_NOT_FOUND (another partner\'s consumer), and a malformed code', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await expectError(await w.call('POST', VERIFY, { token, body: { code: '123456' } }), 400, 'PERSON_ID_REQUIRED', 'You must either specify a person id or be authenticated as CONSUMER. Current user type is PARTNER.', { field: 'consumerId', rejectedValue: 'null' })
    const foreign = insertConsumer(w, { partner: 'other-sandbox' })
    const nf = await expectError(await w.call('POST', VERIFY, { token, body: { consumerId: foreign.id, code: '123456' } }), 400, 'PERSON_NOT_FOUND', `Person of type CONSUMER with id ${foreign.id} was not found.`, { field: 'consumerId', rejectedValue: foreign.id })
    expect(referenceErrors('POST', VERIFY, 400, nf)).toEqual([])
    const bad = await w.call('POST', VERIFY, { token, body: { consumerId: foreign.id, code: '12345' } })
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'code', rejectedValue: '12345' }] })
    const missing = await w.call('POST', VERIFY, { token, body: { consumerId: foreign.id } })
    expect(await errorBody(missing)).toMatchObject({ details: [{ field: 'code', rejectedValue: 'null', message: 'must not be null' }] })
  })

  it('an end-user cannot verify another consumer (its own phone is the target)', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const me = insertConsumer(w)
    const other = insertConsumer(w)
    await w.call('POST', SEND, { token: partner, body: { consumerId: other.id } })
    const token = await consumerToken(w, me)
    await expectError(await w.call('POST', VERIFY, { token, body: { consumerId: other.id, code: '123456' } }), 409, 'PHONE_CODE_MUST_BE_SENT', 'Phone code must be sent, please follow the steps of creation process.')
    expect(consumerRow(w, other.id).phoneVerifiedAt).toBeNull()
  })

  it('a code sent to a previous phone number does not verify the new one', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })
    w.store.sqlite.prepare('UPDATE consumers SET phone_digits = ?, phone_number = ? WHERE id = ?').run('33699999999', '699999999', consumer.id)
    await expectError(await w.call('POST', VERIFY, { token, body: { consumerId: consumer.id, code: '123456' } }), 409, 'PHONE_CODE_MUST_BE_SENT', 'Phone code must be sent, please follow the steps of creation process.')
    expect((await w.call('POST', SEND, { token, body: { consumerId: consumer.id } })).status).toBe(200)
  })
})
