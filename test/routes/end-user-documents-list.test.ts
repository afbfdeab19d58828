import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { expectError } from '../helpers/errors'
import { consumerRow, insertConsumer } from '../helpers/consumers'
import { DOCUMENTS, PNG, upload, uploaded } from '../helpers/end-user-documents'

const UNKNOWN = '3f0c6f0e-8d7a-4c1e-9a59-0c2b7a0b9a11'
const TX = '5b1d3c1e-1111-4c1e-9a59-0c2b7a0b9a11'
const PARIS = { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75001', street: 'Rue de Rivoli', number: '1', status: 'VALID' as const }
type Page = { content: Record<string, any>[]; totalElements: number; page: number; pageSize: number }

describe('GET /api/partner/documents', () => {
  it('lists the partner\'s documents (reference schema) with the filters, sorting and paging', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const a = insertConsumer(w)
    const b = insertConsumer(w)
    const passport = await uploaded(w, token, { endUserId: a.id, type: 'PASSPORT', friendlyName: 'b-name' }, { bytes: PNG, name: 'z.png', type: 'image/png' })
    w.store.clock.advance(1000)
    const invoice = await uploaded(w, token, { endUserId: a.id, type: 'INVOICE', friendlyName: 'a-name', transactionId: TX })
    w.store.clock.advance(1000)
    const other = await uploaded(w, token, { endUserId: b.id, type: 'PASSPORT' })
    await uploaded(w, await w.partnerToken(OTHER), { endUserId: insertConsumer(w, { partner: 'other-sandbox' }).id, type: 'PASSPORT' })
    const list = async (q = '') => {
      const res = await w.call('GET', `${DOCUMENTS}${q}`, { token })
      expect(res.status).toBe(200)
      return (await res.json()) as Page
    }
    const all = await list()
    expect(referenceErrors('GET', DOCUMENTS, 200, all)).toEqual([])
    expect(all.content.map((d) => d.id)).toEqual([other, invoice, passport])
    expect(all).toMatchObject({ totalElements: 3, page: 0, pageSize: 20 })
    expect(all.content[2]).toEqual({ id: passport, type: 'PASSPORT', status: 'UPLOADED', fileName: 'z.png', endUser: { id: a.id }, friendlyName: 'b-name', creationDate: '2026-01-15T10:00:00.000Z' })
    expect((await list(`?endUserId=${a.id}`)).content.map((d) => d.id)).toEqual([invoice, passport])
    expect((await list('?type=PASSPORT')).content.map((d) => d.id)).toEqual([other, passport])
    expect((await list(`?transactionId=${TX}`)).content.map((d) => d.id)).toEqual([invoice])
    expect((await list('?sortAttribute=FRIENDLY_NAME&sortDirection=ASC&endUserId=' + a.id)).content.map((d) => d.id)).toEqual([invoice, passport])
    expect((await list('?pageSize=1&page=1')).content.map((d) => d.id)).toEqual([invoice])
    expect((await list('?status=REQUESTED')).totalElements).toBe(0)
    expect((await list('?requested=false')).totalElements).toBe(3)
    for (const q of ['?type=SELFIE', '?endUserId=nope', '?status=LOST', '?pageSize=101', '?requested=maybe']) {
      expect((await w.call('GET', `${DOCUMENTS}${q}`, { token })).status).toBe(400)
    }
  })
})

describe('GET /api/partner/documents/{documentId}', () => {
  it('404 DOCUMENT_NOT_FOUND for an unknown id and another partner\'s document; 400 for a non-uuid', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const body = await expectError(await w.call('GET', `${DOCUMENTS}/${UNKNOWN}`, { token }), 404, 'DOCUMENT_NOT_FOUND', `Document with id ${UNKNOWN} was not found.`)
    expect(referenceErrors('GET', `${DOCUMENTS}/{documentId}`, 404, body)).toEqual([])
    const theirs = await uploaded(w, await w.partnerToken(OTHER), { endUserId: insertConsumer(w, { partner: 'other-sandbox' }).id, type: 'PASSPORT' })
    await expectError(await w.call('GET', `${DOCUMENTS}/${theirs}`, { token }), 404, 'DOCUMENT_NOT_FOUND', `Document with id ${theirs} was not found.`)
    expect((await w.call('GET', `${DOCUMENTS}/nope`, { token })).status).toBe(400)
  })
})

describe('documents LinkCy requests (/_sim/documents/requests)', () => {
  it('a REQUESTED document is listed, then filled by an upload with its documentId', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    const req = await w.call('POST', '/_sim/documents/requests', { body: { partnerName: 'sandbox', endUserId: consumer.id, type: 'SOURCE_OF_FUNDS' } })
    expect(req.status).toBe(201)
    const { id } = (await req.json()) as { id: string }
    const listed = (await (await w.call('GET', `${DOCUMENTS}?status=REQUESTED&requested=true`, { token })).json()) as Page
    expect(listed.content).toEqual([{ id, type: 'SOURCE_OF_FUNDS', status: 'REQUESTED', fileName: '', endUser: { id: consumer.id }, creationDate: '2026-01-15T10:00:00.000Z' }])
    expect(referenceErrors('GET', DOCUMENTS, 200, listed)).toEqual([])
    await expectError(await w.call('GET', `${DOCUMENTS}/${id}`, { token }), 404, 'DOCUMENT_NOT_FOUND', `Document with id ${id} was not found.`)
    await expectError(await upload(w, await w.partnerToken(OTHER), { documentId: id }), 400, 'DOCUMENT_NOT_FOUND', `Document with id ${id} was not found.`, { field: 'documentId', rejectedValue: id })
    expect((await upload(w, token, { documentId: id })).status).toBe(201)
    const info = (await (await w.call('GET', `${DOCUMENTS}/${id}`, { token })).json()) as Record<string, any>
    expect(info).toMatchObject({ id, type: 'SOURCE_OF_FUNDS', status: 'UPLOADED', endUser: { id: consumer.id }, fileName: 'scan.pdf' })
    expect(((await (await w.call('GET', `${DOCUMENTS}?requested=true`, { token })).json()) as Page).content.map((d) => d.status)).toEqual(['UPLOADED'])
    await expectError(await upload(w, token, { documentId: id }), 400, 'DOCUMENT_NOT_FOUND', `Document with id ${id} was not found.`)
    expect((await w.call('POST', '/_sim/documents/requests', { body: { partnerName: 'sandbox', endUserId: UNKNOWN, type: 'VISA' } })).status).toBe(400)
    expect((await w.call('POST', '/_sim/documents/requests', { body: { partnerName: 'nobody', endUserId: consumer.id, type: 'VISA' } })).status).toBe(404)
    expect((await w.call('POST', '/_sim/documents/requests', { body: { partnerName: 'sandbox', endUserId: consumer.id, type: 'SELFIE' } })).status).toBe(400)
  })
})

describe('POST /api/partner/verifications/address with an uploaded document', () => {
  it('UPLOADED_DOCUMENT with a PROOF_OF_ADDRESS makes the address VERIFIED; another type is 409 INVALID_DOCUMENT_TYPE', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w, { address: PARIS })
    const passport = await uploaded(w, token, { endUserId: consumer.id, type: 'PASSPORT' })
    await expectError(
      await w.call('POST', '/api/partner/verifications/address', { token, body: { type: 'UPLOADED_DOCUMENT', documentId: passport } }),
      409, 'INVALID_DOCUMENT_TYPE', `Document with id ${passport} must have PROOF_OF_ADDRESS type but has PASSPORT type.`,
    )
    expect(consumerRow(w, consumer.id).profile.address?.status).toBe('VALID')
    const theirs = await uploaded(w, await w.partnerToken(OTHER), { endUserId: insertConsumer(w, { partner: 'other-sandbox' }).id, type: 'PROOF_OF_ADDRESS' })
    await expectError(await w.call('POST', '/api/partner/verifications/address', { token, body: { type: 'UPLOADED_DOCUMENT', documentId: theirs } }), 400, 'DOCUMENT_NOT_FOUND', `Document with id ${theirs} was not found.`)
    const poa = await uploaded(w, token, { endUserId: consumer.id, type: 'PROOF_OF_ADDRESS' })
    const ok = await w.call('POST', '/api/partner/verifications/address', { token, body: { type: 'UPLOADED_DOCUMENT', documentId: poa } })
    expect(ok.status).toBe(200)
    expect(consumerRow(w, consumer.id).profile.address?.status).toBe('VERIFIED')
  })
})
