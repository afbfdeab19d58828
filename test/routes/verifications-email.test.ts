import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { consumerRow, consumerToken, insertConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { outboxOf } from '../helpers/outbox'

const SEND = '/api/partner/verifications/email/send'
const HOUR = 3600_000

/** The path of the link in the newest verification e-mail of a person. */
async function linkPath(w: ReturnType<typeof makeWorld>, personId: string): Promise<string> {
  const [mail] = await outboxOf(w, personId)
  return new URL(mail!.link!).pathname
}

describe('POST /api/partner/verifications/email/send', () => {
  it('answers {ttl: PT48H} (reference schema) and e-mails a link (outbox) with the default subject', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { emailAddress: 'ada@example.test' })
    const res = await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: consumer.id } })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ ttl: 'PT48H' })
    expect(referenceErrors('POST', SEND, 200, body)).toEqual([])
    const [mail] = await outboxOf(w, consumer.id)
    expect(mail).toMatchObject({ channel: 'EMAIL', purpose: 'EMAIL_VERIFICATION', recipient: 'ada@example.test', subject: '[Sandbox Partner] Please verify your email address' })
    expect(mail!.link).toMatch(/^http:\/\/localhost\/pages\/email-verifications\/[0-9a-f-]{36}$/)
    expect(mail!.text).toContain(mail!.link)
  })

  it('fills {partnerName} in a custom subject; 400 TOO_LONG_FIELD over 255 characters', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w, { emailAddress: 'ada@example.test' })
    await w.call('POST', SEND, { token, body: { consumerId: consumer.id, emailSubject: '{partnerName}: confirm your e-mail' } })
    expect((await outboxOf(w, consumer.id))[0]).toMatchObject({ subject: 'Sandbox Partner: confirm your e-mail' })
    const long = 'x'.repeat(256)
    await expectError(await w.call('POST', SEND, { token, body: { consumerId: consumer.id, emailSubject: long } }), 400, 'TOO_LONG_FIELD', 'For the field emailSubject, the maximum allowed size is 255 but the size was 256.', { field: 'emailSubject', rejectedValue: long })
  })

  it('404 PERSON_NOT_FOUND for an unknown id and another partner\'s consumer', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const foreign = insertConsumer(w, { partner: 'other-sandbox', emailAddress: 'ada@example.test' })
    const body = await expectError(await w.call('POST', SEND, { token, body: { consumerId: foreign.id } }), 404, 'PERSON_NOT_FOUND', `Person of type CONSUMER with id ${foreign.id} was not found.`)
    expect(referenceErrors('POST', SEND, 404, body)).toEqual([])
    expect((await w.call('POST', SEND, { token: await w.partnerToken(OTHER), body: { consumerId: foreign.id } })).status).toBe(200)
  })

  it('400 PERSON_ID_REQUIRED when a partner names nobody', async () => {
    const w = makeWorld()
    await expectError(await w.call('POST', SEND, { token: await w.partnerToken(), body: {} }), 400, 'PERSON_ID_REQUIRED', 'You must either specify a person id or be authenticated as CONSUMER. Current user type is PARTNER.', { field: 'consumerId', rejectedValue: 'null' })
  })

  it('409 EMAIL_MUST_NOT_BE_NULL and EMAIL_ALREADY_VERIFIED', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const noEmail = insertConsumer(w, { emailAddress: null })
    const a = await expectError(await w.call('POST', SEND, { token, body: { consumerId: noEmail.id } }), 409, 'EMAIL_MUST_NOT_BE_NULL', 'Email must not be null in order to verify it.')
    expect(referenceErrors('POST', SEND, 409, a)).toEqual([])
    const verified = insertConsumer(w, { emailAddress: 'ada@example.test', emailVerified: true })
    await expectError(await w.call('POST', SEND, { token, body: { consumerId: verified.id } }), 409, 'EMAIL_ALREADY_VERIFIED', 'Email address is already verified.')
    expect(await outboxOf(w, noEmail.id)).toEqual([])
  })

  it('an end-user token acts on itself', async () => {
    const w = makeWorld()
    const me = insertConsumer(w, { emailAddress: 'me@example.test' })
    const other = insertConsumer(w, { emailAddress: 'other@example.test' })
    const token = await consumerToken(w, me)
    expect((await w.call('POST', SEND, { token, body: { consumerId: other.id } })).status).toBe(200)
    expect(await outboxOf(w, me.id)).toHaveLength(1)
    expect(await outboxOf(w, other.id)).toHaveLength(0)
  })
})

describe('the e-mail verification link page', () => {
  it('GET shows a "Verify my e-mail" button; POST verifies and redirects to urlOnSuccess', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { emailAddress: 'ada@example.test' })
    await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: consumer.id, urlOnSuccess: 'https://partner.example/ok', urlOnFailure: 'https://partner.example/ko' } })
    const path = await linkPath(w, consumer.id)
    const page = await w.call('GET', path)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    expect(html).toContain('Verify my e-mail')
    expect(html).toContain('ada@example.test')
    expect(consumerRow(w, consumer.id).emailVerifiedAt).toBeNull()
    w.store.clock.advance(HOUR)
    const done = await w.call('POST', path)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('https://partner.example/ok')
    expect(consumerRow(w, consumer.id).emailVerifiedAt).toBe(Date.parse('2026-01-15T11:00:00Z'))
    // Verified: a new send is refused.
    expect((await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: consumer.id } })).status).toBe(409)
  })

  it('GET ?confirm=1 verifies too, and without urlOnSuccess shows "verified"', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { emailAddress: 'ada@example.test' })
    await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: consumer.id } })
    const res = await w.call('GET', `${await linkPath(w, consumer.id)}?confirm=1`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('is verified')
    expect(consumerRow(w, consumer.id).emailVerifiedAt).not.toBeNull()
  })

  it('after 48 hours the link fails: redirect to urlOnFailure, or a 409 page; nothing is verified', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const a = insertConsumer(w, { emailAddress: 'a@example.test' })
    const b = insertConsumer(w, { emailAddress: 'b@example.test' })
    await w.call('POST', SEND, { token, body: { consumerId: a.id, urlOnFailure: 'https://partner.example/ko' } })
    await w.call('POST', SEND, { token, body: { consumerId: b.id } })
    w.store.clock.advance(48 * HOUR)
    const redirected = await w.call('POST', await linkPath(w, a.id))
    expect(redirected.status).toBe(302)
    expect(redirected.headers.get('location')).toBe('https://partner.example/ko')
    const shown = await w.call('GET', await linkPath(w, b.id))
    expect(shown.status).toBe(409)
    expect(await shown.text()).toContain('expired')
    expect(consumerRow(w, a.id).emailVerifiedAt).toBeNull()
    expect(consumerRow(w, b.id).emailVerifiedAt).toBeNull()
    // Then a new link can be sent.
    expect((await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: a.id } })).status).toBe(200)
  })

  it('an unknown link is a 404 page', async () => {
    const w = makeWorld()
    expect((await w.call('GET', '/pages/email-verifications/3f0c6f0e-8d7a-4c1e-9a59-0c2b7a0b9a11')).status).toBe(404)
  })
})

describe('/_sim/email-verifications', () => {
  it('lists links by person and clicks one (JSON)', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { emailAddress: 'ada@example.test' })
    await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: consumer.id, urlOnSuccess: 'https://partner.example/ok' } })
    const list = (await (await w.call('GET', `/_sim/email-verifications?personId=${consumer.id}`)).json()) as { content: Array<Record<string, string>>; totalElements: number }
    expect(list.totalElements).toBe(1)
    const [link] = list.content
    expect(link).toMatchObject({ personId: consumer.id, emailAddress: 'ada@example.test', status: 'PENDING', expiresAt: '2026-01-17T10:00:00.000Z' })
    const click = await w.call('POST', `/_sim/email-verifications/${link!.id}/click`)
    expect(click.status).toBe(200)
    expect(await click.json()).toMatchObject({ id: link!.id, status: 'VERIFIED', outcome: 'VERIFIED', redirect: 'https://partner.example/ok' })
    expect(consumerRow(w, consumer.id).emailVerifiedAt).not.toBeNull()
  })

  it('unknown link → 404 RESOURCE_NOT_FOUND; expired → 409 EXPIRED_RESOURCE', async () => {
    const w = makeWorld()
    await expectError(await w.call('POST', '/_sim/email-verifications/nope/click'), 404, 'RESOURCE_NOT_FOUND', 'The resource you are trying to access to does not exist.')
    const consumer = insertConsumer(w, { emailAddress: 'ada@example.test' })
    await w.call('POST', SEND, { token: await w.partnerToken(), body: { consumerId: consumer.id } })
    const id = (await linkPath(w, consumer.id)).split('/').pop()!
    w.store.clock.advance(48 * HOUR)
    await expectError(await w.call('POST', `/_sim/email-verifications/${id}/click`), 409, 'EXPIRED_RESOURCE', `The resource ${id} you are trying to access to has expired.`)
  })
})
