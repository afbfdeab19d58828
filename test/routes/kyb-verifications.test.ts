import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { expectError } from '../helpers/errors'
import { declare, entity, getRelated, newCorporate, person } from '../helpers/kyb'
import { outboxOf } from '../helpers/outbox'
import { relatedById } from '../../src/state/corporate-related'

const PHONE_SEND = '/api/partner/verifications/phone/send'
const PHONE_VERIFY = '/api/partner/verifications/phone/verify'
const EMAIL_SEND = '/api/partner/verifications/email/send'
const RELATED = 'CORPORATE_RELATED_PHYSICAL_PERSON'

describe('phone and e-mail verification of corporate-related persons', () => {
  it('verifies a related person\'s phone (code 123456) and e-mail (the link), shown on GET related', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const charles = await declare(w, token, corporateId, {
      info: person('Charles', 'Director', { emailAddress: 'charles@example.test', phone: { countryCode: '33', number: '612345678' } }), isDirector: true,
    })
    const sent = await w.call('POST', PHONE_SEND, { token, body: { relatedPhysicalPersonId: charles } })
    expect(sent.status).toBe(200)
    expect(await sent.json()).toEqual({ ttl: 'PT10M' })
    expect((await w.call('POST', PHONE_VERIFY, { token, body: { relatedPhysicalPersonId: charles, code: '123456' } })).status).toBe(204)
    expect((await getRelated(w, token, corporateId, charles)).phone).toEqual({ countryCode: '33', number: '612345678', verified: true, verificationDate: '2026-01-15T10:00:00.000Z' })
    await expectError(await w.call('POST', PHONE_SEND, { token, body: { relatedPhysicalPersonId: charles } }), 409, 'PHONE_ALREADY_VERIFIED', `Phone is already verified for user ${charles}.`)

    const mail = await w.call('POST', EMAIL_SEND, { token, body: { relatedPhysicalPersonId: charles } })
    expect(mail.status).toBe(200)
    const link = (await (await w.call('GET', `/_sim/email-verifications?personId=${charles}`)).json()) as { content: { id: string }[] }
    expect((await w.call('POST', `/_sim/email-verifications/${link.content[0]!.id}/click`)).status).toBeLessThan(400)
    expect((await getRelated(w, token, corporateId, charles)).email).toEqual({ address: 'charles@example.test', verified: true, verificationDate: '2026-01-15T10:00:00.000Z' })
    expect(relatedById(w.store, charles)!.emailVerifiedAt).not.toBeNull()
  })

  it('refuses legal entities and unknown persons (e-mail: 404), a person without e-mail or phone', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), isDirector: true })
    const bare = await declare(w, token, corporateId, { info: person('Bare', 'Person'), isDirector: true })
    await expectError(await w.call('POST', PHONE_SEND, { token, body: { relatedPhysicalPersonId: holding } }), 400, 'PERSON_NOT_FOUND',
      `Person of type ${RELATED} with id ${holding} was not found.`, { field: 'relatedPhysicalPersonId', rejectedValue: holding })
    await expectError(await w.call('POST', EMAIL_SEND, { token, body: { relatedPhysicalPersonId: holding } }), 404, 'PERSON_NOT_FOUND',
      `Person of type ${RELATED} with id ${holding} was not found.`)
    await expectError(await w.call('POST', EMAIL_SEND, { token, body: { relatedPhysicalPersonId: bare } }), 409, 'EMAIL_MUST_NOT_BE_NULL', 'Email must not be null in order to verify it.')
    const noPhone = await w.call('POST', PHONE_SEND, { token, body: { relatedPhysicalPersonId: bare } })
    expect(noPhone.status).toBe(400)
    expect(((await noPhone.json()) as { details: { message: string }[] }).details[0]!.message).toBe('phone must not be null')
  })

  it('POST /sms reaches a related person by relatedPhysicalPersonId; an entity, another partner\'s person or a person without phone is refused, nothing sent', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const { corporateId } = await newCorporate(w)
    const other = await newCorporate(w, {}, 'other-sandbox')
    const charles = await declare(w, token, corporateId, { info: person('Charles', 'Director', { phone: { countryCode: '+33', number: '612345678' } }), isDirector: true })
    const res = await w.call('POST', '/api/partner/sms', { token, body: { relatedPhysicalPersonId: charles, message: 'Your KYB is under review.' } })
    expect(res.status).toBe(204)
    expect(await outboxOf(w, charles)).toMatchObject([{ channel: 'SMS', purpose: 'PARTNER_SMS', recipient: '+33612345678', text: 'Your KYB is under review.', sender: 'Sandbox Partner' }])

    const holding = await declare(w, token, corporateId, { info: entity('Holding SA', 'H-1'), isDirector: true })
    for (const id of [holding, other.accountOwnerId]) {
      await expectError(await w.call('POST', '/api/partner/sms', { token, body: { relatedPhysicalPersonId: id, message: 'hi' } }), 400, 'PERSON_NOT_FOUND',
        `Person of type ${RELATED} with id ${id} was not found.`, { field: 'relatedPhysicalPersonId', rejectedValue: id })
    }
    expect(await outboxOf(w, other.accountOwnerId)).toEqual([])
    const bare = await declare(w, token, corporateId, { info: person('Bare', 'Person'), isDirector: true })
    const noPhone = await w.call('POST', '/api/partner/sms', { token, body: { relatedPhysicalPersonId: bare, message: 'hi' } })
    expect(noPhone.status).toBe(400)
    expect(await noPhone.json()).toMatchObject({ details: [{ field: 'relatedPhysicalPersonId', rejectedValue: bare, message: 'phone must not be null' }], error: 'linkcy.bad.request' })
    expect(await outboxOf(w, bare)).toEqual([])
  })
})
