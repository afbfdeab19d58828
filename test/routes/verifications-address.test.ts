import { describe, expect, it } from 'vitest'
import { makeWorld, errorBody } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { renderError } from '../../src/routes/errors'
import { assertProofOfAddress } from '../../src/state/address-verification'
import { consumerRow, consumerToken, insertConsumer } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { partnerWith } from '../helpers/partners'
import { corporateRow, corporateToken, createCorporate } from '../helpers/corporates'
import { uploaded } from '../helpers/end-user-documents'

const ADDRESS = '/api/partner/verifications/address'
const UNKNOWN = '3f0c6f0e-8d7a-4c1e-9a59-0c2b7a0b9a11'
const PARIS = { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75001', street: 'Rue de Rivoli', number: '1', status: 'VALID' as const }

describe('POST /api/partner/verifications/address — LINK', () => {
  it('answers {url, ttl} (reference schema); completing the page makes the address VERIFIED', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { address: PARIS })
    const res = await w.call('POST', ADDRESS, { token: await w.partnerToken(), body: { type: 'LINK', endUserId: consumer.id } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { url: string; ttl: string }
    expect(referenceErrors('POST', ADDRESS, 200, body)).toEqual([])
    expect(body.ttl).toBe('PT48H')
    expect(body.url).toMatch(/^http:\/\/localhost\/pages\/address-verifications\/[0-9a-f-]{36}$/)
    const path = new URL(body.url).pathname
    const page = await w.call('GET', path)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Send my proof of address')
    expect(consumerRow(w, consumer.id).profile.address?.status).toBe('VALID')
    const done = await w.call('POST', path)
    expect(done.status).toBe(200)
    expect(consumerRow(w, consumer.id).profile.address).toEqual({ ...PARIS, status: 'VERIFIED' })
    expect((await w.call('GET', path)).status).toBe(200)
  })

  it('takes the newer docs\' ttl; the page expires on the simulator clock', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w, { address: PARIS })
    const res = await w.call('POST', ADDRESS, { token: await w.partnerToken(), body: { type: 'LINK', endUserId: consumer.id, ttl: 'PT1800S' } })
    const body = (await res.json()) as { url: string; ttl: string }
    expect(body.ttl).toBe('PT30M')
    const id = body.url.split('/').pop()!
    w.store.clock.advance(30 * 60_000)
    expect((await w.call('GET', new URL(body.url).pathname + '?confirm=1')).status).toBe(409)
    await expectError(await w.call('POST', `/_sim/address-verifications/${id}/complete`), 409, 'EXPIRED_RESOURCE', `The resource ${id} you are trying to access to has expired.`)
    expect(consumerRow(w, consumer.id).profile.address?.status).toBe('VALID')
    const bad = await w.call('POST', ADDRESS, { token: await w.partnerToken(), body: { type: 'LINK', endUserId: consumer.id, ttl: 'soon' } })
    expect(bad.status).toBe(400)
    expect(await errorBody(bad)).toMatchObject({ details: [{ field: 'ttl', rejectedValue: 'soon' }] })
  })

  it('/_sim/address-verifications/{id}/complete; a consumer without an address cannot be verified', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const withAddress = insertConsumer(w, { address: PARIS })
    const without = insertConsumer(w)
    const urlOf = async (id: string) => ((await (await w.call('POST', ADDRESS, { token, body: { type: 'LINK', endUserId: id } })).json()) as { url: string }).url.split('/').pop()!
    const ok = await w.call('POST', `/_sim/address-verifications/${await urlOf(withAddress.id)}/complete`)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ personId: withAddress.id, outcome: 'VERIFIED' })
    expect(consumerRow(w, withAddress.id).profile.address?.status).toBe('VERIFIED')
    const none = await w.call('POST', `/_sim/address-verifications/${await urlOf(without.id)}/complete`)
    expect(none.status).toBe(409)
    expect(await none.json()).toMatchObject({ outcome: 'NO_ADDRESS' })
    await expectError(await w.call('POST', `/_sim/address-verifications/${UNKNOWN}/complete`), 404, 'RESOURCE_NOT_FOUND', 'The resource you are trying to access to does not exist.')
  })

  it('400 END_USER_NOT_FOUND for an unknown id and another partner\'s consumer', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const body = await expectError(await w.call('POST', ADDRESS, { token, body: { type: 'LINK', endUserId: UNKNOWN } }), 400, 'END_USER_NOT_FOUND', `End-user with id ${UNKNOWN} was not found.`, { field: 'endUserId', rejectedValue: UNKNOWN })
    expect(referenceErrors('POST', ADDRESS, 400, body)).toEqual([])
    const foreign = insertConsumer(w, { partner: 'other-sandbox', address: PARIS })
    await expectError(await w.call('POST', ADDRESS, { token, body: { type: 'LINK', endUserId: foreign.id } }), 400, 'END_USER_NOT_FOUND', `End-user with id ${foreign.id} was not found.`, { field: 'endUserId', rejectedValue: foreign.id })
  })

  it('400 when a partner omits endUserId, sends an unknown type, or a non-uuid id', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const missing = await w.call('POST', ADDRESS, { token, body: { type: 'LINK' } })
    expect(missing.status).toBe(400)
    expect(await errorBody(missing)).toMatchObject({ details: [{ field: 'endUserId', rejectedValue: 'null', message: 'must not be null' }] })
    const type = await w.call('POST', ADDRESS, { token, body: { type: 'CARRIER_PIGEON' } })
    expect(await errorBody(type)).toMatchObject({ details: [{ field: 'type', rejectedValue: 'CARRIER_PIGEON', message: 'must be one of [LINK, UPLOADED_DOCUMENT, DELEGATED]' }] })
    const noDoc = await w.call('POST', ADDRESS, { token, body: { type: 'UPLOADED_DOCUMENT' } })
    expect(await errorBody(noDoc)).toMatchObject({ details: [{ field: 'documentId', rejectedValue: 'null', message: 'must not be null' }] })
    const nonUuid = await w.call('POST', ADDRESS, { token, body: { type: 'LINK', endUserId: 'me' } })
    expect(await errorBody(nonUuid)).toMatchObject({ details: [{ field: 'endUserId', rejectedValue: 'me', message: 'must be a valid UUID' }] })
  })

  it('an end-user token acts on itself (endUserId optional and ignored)', async () => {
    const w = makeWorld()
    const me = insertConsumer(w, { address: PARIS })
    const other = insertConsumer(w, { address: PARIS })
    const token = await consumerToken(w, me)
    for (const body of [{ type: 'LINK' }, { type: 'LINK', endUserId: other.id }]) {
      const res = await w.call('POST', ADDRESS, { token, body })
      expect(res.status).toBe(200)
      const { url } = (await res.json()) as { url: string }
      expect((await w.call('POST', new URL(url).pathname)).status).toBe(200)
    }
    expect(consumerRow(w, me.id).profile.address?.status).toBe('VERIFIED')
    expect(consumerRow(w, other.id).profile.address?.status).toBe('VALID')
  })

  it('403 for a partner user without ADDRESS_VERIFY', async () => {
    const w = makeWorld()
    await w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'limited', users: [{ email: 'l@limited.test', password: 'Limited-Password-1', roles: ['CONSUMER_INFO'] }] }] } })
    const token = await w.partnerToken({ partnerName: 'limited', username: 'l@limited.test', password: 'Limited-Password-1' })
    expect((await w.call('POST', ADDRESS, { token, body: { type: 'LINK', endUserId: UNKNOWN } })).status).toBe(403)
  })
})

describe('POST /api/partner/verifications/address — documents', () => {
  it('400 DOCUMENT_NOT_FOUND for UPLOADED_DOCUMENT with an unknown document', async () => {
    const w = makeWorld()
    const body = await expectError(
      await w.call('POST', ADDRESS, { token: await w.partnerToken(), body: { type: 'UPLOADED_DOCUMENT', documentId: UNKNOWN } }),
      400, 'DOCUMENT_NOT_FOUND', `Document with id ${UNKNOWN} was not found.`, { field: 'documentId', rejectedValue: UNKNOWN },
    )
    expect(referenceErrors('POST', ADDRESS, 400, body)).toEqual([])
  })

  it('409 OPERATION_NOT_ALLOWED for DELEGATED unless the partner has delegatedPoa', async () => {
    const w = makeWorld()
    const body = await expectError(
      await w.call('POST', ADDRESS, { token: await w.partnerToken(), body: { type: 'DELEGATED', documentId: UNKNOWN } }),
      409, 'OPERATION_NOT_ALLOWED', 'This operation is not allowed by your current configuration.',
    )
    expect(referenceErrors('POST', ADDRESS, 409, body)).toEqual([])
    const { token } = await partnerWith(w, 'delegating', { delegatedPoa: true })
    await expectError(await w.call('POST', ADDRESS, { token, body: { type: 'DELEGATED', documentId: UNKNOWN } }), 400, 'DOCUMENT_NOT_FOUND', `Document with id ${UNKNOWN} was not found.`)
  })

  it('409 INVALID_DOCUMENT_TYPE when the document is not a PROOF_OF_ADDRESS (state check, rendered body)', () => {
    const document = { id: UNKNOWN, type: 'PASSPORT', personId: UNKNOWN }
    let thrown: unknown
    try {
      assertProofOfAddress(document)
    } catch (error) {
      thrown = error
    }
    const { status, body } = renderError(thrown, '2026-01-15T10:00:00.000Z')
    expect(status).toBe(409)
    expect(body).toEqual({
      errorCode: 'INVALID_DOCUMENT_TYPE', message: `Document with id ${UNKNOWN} must have PROOF_OF_ADDRESS type but has PASSPORT type.`,
      error: 'linkcy.conflict', status: 409, timestamp: '2026-01-15T10:00:00.000Z',
    })
    expect(referenceErrors('POST', ADDRESS, 409, body)).toEqual([])
    expect(() => assertProofOfAddress({ ...document, type: 'PROOF_OF_ADDRESS' })).not.toThrow()
  })
})

describe('POST /api/partner/verifications/address — a corporate', () => {
  it('LINK as the corporate itself: completing the page makes its registered address VERIFIED', async () => {
    const w = makeWorld()
    const corporate = await createCorporate(w, {}, await w.partnerToken())
    const token = await corporateToken(w, corporate)
    expect(corporateRow(w, corporate.corporateId).profile.registeredAddress?.status).toBe('VALID')
    const res = await w.call('POST', ADDRESS, { token, body: { type: 'LINK' } })
    expect(res.status).toBe(200)
    const { url } = (await res.json()) as { url: string }
    expect((await w.call('POST', new URL(url).pathname)).status).toBe(200)
    expect(corporateRow(w, corporate.corporateId).profile.registeredAddress?.status).toBe('VERIFIED')
  })

  it('UPLOADED_DOCUMENT: the corporate\'s proof of address verifies its registered address; an unknown id is END_USER_NOT_FOUND; a corporate token acts on itself', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const corporate = await createCorporate(w, {}, partner)
    const documentId = await uploaded(w, partner, { endUserId: corporate.corporateId, type: 'PROOF_OF_ADDRESS' })
    expect((await w.call('POST', ADDRESS, { token: partner, body: { type: 'UPLOADED_DOCUMENT', documentId } })).status).toBe(200)
    expect(corporateRow(w, corporate.corporateId).profile.registeredAddress?.status).toBe('VERIFIED')
    const other = await createCorporate(w, {}, partner)
    const otherToken = await corporateToken(w, other)
    await expectError(await w.call('POST', ADDRESS, { token: partner, body: { type: 'LINK', endUserId: UNKNOWN } }), 400, 'END_USER_NOT_FOUND', `End-user with id ${UNKNOWN} was not found.`)
    // An end-user token verifies its own address: the body's endUserId is ignored.
    const link = (await (await w.call('POST', ADDRESS, { token: otherToken, body: { type: 'LINK', endUserId: corporate.corporateId } })).json()) as { url: string }
    await w.call('POST', new URL(link.url).pathname)
    expect(corporateRow(w, other.corporateId).profile.registeredAddress?.status).toBe('VERIFIED')
  })
})
