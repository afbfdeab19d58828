import { describe, expect, it } from 'vitest'
import { makeWorld, errorBody } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { consumerToken, insertConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { outboxOf } from '../helpers/outbox'
import { partnerWith } from '../helpers/partners'

const SMS = '/api/partner/sms'
const TERMS = '/api/partner/docs/terms'
const UNKNOWN = '3f0c6f0e-8d7a-4c1e-9a59-0c2b7a0b9a11'

describe('POST /api/partner/sms', () => {
  it('204 and the SMS is in the outbox', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w)
    const res = await w.call('POST', SMS, { token: await w.partnerToken(), body: { consumerId: consumer.id, message: 'Your card is on its way.' } })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    const [sms] = await outboxOf(w, consumer.id)
    expect(sms).toMatchObject({ channel: 'SMS', purpose: 'PARTNER_SMS', recipient: `+${consumer.phoneDigits}`, text: 'Your card is on its way.', sender: 'Sandbox Partner' })
  })

  it('400 PERSON_NOT_FOUND for an unknown id, another partner\'s consumer and a corporate-related person', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const body = await expectError(await w.call('POST', SMS, { token, body: { consumerId: UNKNOWN, message: 'hi' } }), 400, 'PERSON_NOT_FOUND', `Person of type CONSUMER with id ${UNKNOWN} was not found.`, { field: 'consumerId', rejectedValue: UNKNOWN })
    expect(referenceErrors('POST', SMS, 400, body)).toEqual([])
    const foreign = insertConsumer(w, { partner: 'other-sandbox' })
    await expectError(await w.call('POST', SMS, { token, body: { consumerId: foreign.id, message: 'hi' } }), 400, 'PERSON_NOT_FOUND', `Person of type CONSUMER with id ${foreign.id} was not found.`)
    await expectError(await w.call('POST', SMS, { token, body: { relatedPhysicalPersonId: UNKNOWN, message: 'hi' } }), 400, 'PERSON_NOT_FOUND', `Person of type CORPORATE_RELATED_PHYSICAL_PERSON with id ${UNKNOWN} was not found.`, { field: 'relatedPhysicalPersonId', rejectedValue: UNKNOWN })
    expect(await outboxOf(w, foreign.id)).toEqual([])
  })

  it('409 SERVICE_NOT_ACTIVE when the partner has not subscribed (setting smsServiceActive: false)', async () => {
    const w = makeWorld()
    const { token, partnerId } = await partnerWith(w, 'no-sms', { smsServiceActive: false })
    const consumer = insertConsumer(w, { partnerId })
    const body = await expectError(await w.call('POST', SMS, { token, body: { consumerId: consumer.id, message: 'hi' } }), 409, 'SERVICE_NOT_ACTIVE', 'This service is not active')
    expect(referenceErrors('POST', SMS, 409, body)).toEqual([])
    expect(await outboxOf(w, consumer.id)).toEqual([])
  })

  it('400 for a missing message or person; 403 for an end-user token; 401 without a token', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    const noMessage = await w.call('POST', SMS, { token, body: { consumerId: consumer.id } })
    expect(noMessage.status).toBe(400)
    expect(await errorBody(noMessage)).toMatchObject({ details: [{ field: 'message', rejectedValue: 'null', message: 'must not be null' }] })
    const noPerson = await w.call('POST', SMS, { token, body: { message: 'hi' } })
    expect(await errorBody(noPerson)).toMatchObject({ details: [{ field: 'consumerId', rejectedValue: 'null', message: 'must not be null' }] })
    const endUser = await w.call('POST', SMS, { token: await consumerToken(w, consumer), body: { consumerId: consumer.id, message: 'hi' } })
    expect(endUser.status).toBe(403)
    expect((await w.call('POST', SMS, { body: { consumerId: consumer.id, message: 'hi' } })).status).toBe(401)
  })
})

describe('GET /api/partner/docs/terms', () => {
  it('answers anonymously (reference schema), English by default, with a downloadable document', async () => {
    const w = makeWorld()
    const res = await w.call('GET', `${TERMS}?type=CONSUMER`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { downloadUrl: string }
    expect(body).toEqual({ version: '1.0', type: 'CONSUMER', language: 'EN', downloadUrl: 'http://localhost/pages/terms/1.0?type=CONSUMER&language=EN' })
    expect(referenceErrors('GET', TERMS, 200, body)).toEqual([])
    const doc = await w.call('GET', new URL(body.downloadUrl).pathname + new URL(body.downloadUrl).search)
    expect(doc.status).toBe(200)
    expect(await doc.text()).toContain('version 1.0')
  })

  it('answers the caller partner\'s current version (setting termsVersion), also to its end-users and by partnerName', async () => {
    const w = makeWorld()
    const { token, partnerId } = await partnerWith(w, 'versioned', { termsVersion: '2.3' })
    const asPartner = (await (await w.call('GET', `${TERMS}?type=CORPORATE&language=FR`, { token })).json()) as Record<string, string>
    expect(asPartner).toMatchObject({ version: '2.3', type: 'CORPORATE', language: 'FR' })
    expect(referenceErrors('GET', TERMS, 200, asPartner)).toEqual([])
    const consumer = insertConsumer(w, { partnerId })
    const asConsumer = (await (await w.call('GET', `${TERMS}?type=CONSUMER`, { token: await consumerToken(w, consumer) })).json()) as Record<string, string>
    expect(asConsumer.version).toBe('2.3')
    const anonymous = (await (await w.call('GET', `${TERMS}?type=CONSUMER&partnerName=versioned`)).json()) as Record<string, string>
    expect(anonymous.version).toBe('2.3')
    const fr = await w.call('GET', '/pages/terms/2.3?type=CORPORATE&language=FR')
    expect(await fr.text()).toContain('Conditions générales')
  })

  it('400 without type, or with an unknown type or language', async () => {
    const w = makeWorld()
    const none = await w.call('GET', TERMS)
    expect(none.status).toBe(400)
    expect(await errorBody(none)).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'type', rejectedValue: 'null' }] })
    const body = await errorBody(await w.call('GET', `${TERMS}?type=ROBOT`))
    expect(body).toMatchObject({ details: [{ field: 'type', rejectedValue: 'ROBOT', message: 'must be one of [CONSUMER, CORPORATE]' }] })
    expect(referenceErrors('GET', TERMS, 400, body)).toEqual([])
    expect((await w.call('GET', `${TERMS}?type=CONSUMER&language=DE`)).status).toBe(400)
  })
})
