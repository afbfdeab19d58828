import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER } from '../helpers/app'
import { referenceErrors } from '../helpers/reference'
import { expectError } from '../helpers/errors'
import { consumerToken, insertConsumer } from '../helpers/consumers'
import { eq } from 'drizzle-orm'
import { partners } from '../../src/state/db/schema'
import { DOCUMENTS, PDF, PNG, upload, uploaded } from '../helpers/end-user-documents'

const UNKNOWN = '3f0c6f0e-8d7a-4c1e-9a59-0c2b7a0b9a11'

describe('POST /api/partner/documents', () => {
  it('201 {id} (reference schema); the document is listed and downloadable through a time-limited link', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    const res = await upload(w, token, { endUserId: consumer.id, type: 'PASSPORT', friendlyName: 'My passport' }, { bytes: PDF, name: 'passport.pdf' })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string }
    expect(referenceErrors('POST', DOCUMENTS, 201, body)).toEqual([])
    const got = await w.call('GET', `${DOCUMENTS}/${body.id}`, { token })
    expect(got.status).toBe(200)
    const info = (await got.json()) as Record<string, any>
    expect(referenceErrors('GET', `${DOCUMENTS}/{documentId}`, 200, info)).toEqual([])
    expect(info).toMatchObject({
      id: body.id, type: 'PASSPORT', status: 'UPLOADED', fileName: 'passport.pdf', friendlyName: 'My passport', endUser: { id: consumer.id },
      contentType: 'application/pdf', creationDate: '2026-01-15T10:00:00.000Z', download: { ttl: 'PT15M' },
    })
    const path = new URL(info.download.url).pathname
    expect(path).toMatch(/^\/files\/[0-9a-f-]{36}$/)
    const file = await w.call('GET', path)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true)
    w.store.clock.advance(15 * 60_000)
    const expired = await w.call('GET', path)
    expect(expired.status).toBe(403)
    expect(await expired.json()).toMatchObject({ message: 'Request has expired', error: 'linkcy.forbidden' })
    expect((await w.call('GET', `/files/${UNKNOWN}`)).status).toBe(404)
  })

  it('an end-user uploads for itself (endUserId ignored) but cannot list nor get (403)', async () => {
    const w = makeWorld()
    const me = insertConsumer(w)
    const other = insertConsumer(w)
    const token = await consumerToken(w, me)
    const id = await uploaded(w, token, { endUserId: other.id, type: 'IDENTITY_CARD' }, { bytes: PNG, name: 'id.png', type: 'image/png' })
    const partner = await w.partnerToken()
    const info = (await (await w.call('GET', `${DOCUMENTS}/${id}`, { token: partner })).json()) as Record<string, any>
    expect(info).toMatchObject({ endUser: { id: me.id }, contentType: 'image/png', type: 'IDENTITY_CARD' })
    expect(info.friendlyName).toBeUndefined()
    expect((await w.call('GET', DOCUMENTS, { token })).status).toBe(403)
    expect((await w.call('GET', `${DOCUMENTS}/${id}`, { token })).status).toBe(403)
    expect((await upload(w, undefined, { endUserId: me.id, type: 'PASSPORT' })).status).toBe(401)
  })

  it('400 INVALID_FILE_FORMAT for a file that is not a PDF, JPEG or PNG', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w)
    const body = await expectError(
      await upload(w, await w.partnerToken(), { endUserId: consumer.id, type: 'PASSPORT' }, { bytes: Buffer.from('hello'), name: 'notes.txt', type: 'text/plain' }),
      400, 'INVALID_FILE_FORMAT', 'File format is not valid. Expected format: application/pdf, image/jpeg, image/png', { field: 'file', rejectedValue: 'notes.txt' },
    )
    expect(referenceErrors('POST', DOCUMENTS, 400, body)).toEqual([])
  })

  it('400 TOO_LARGE_DOCUMENT for a file of 5 MB or more', async () => {
    const w = makeWorld()
    const consumer = insertConsumer(w)
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 - PDF.length)])
    const body = await expectError(
      await upload(w, await w.partnerToken(), { endUserId: consumer.id, type: 'PASSPORT' }, { bytes: big, name: 'big.pdf' }),
      400, 'TOO_LARGE_DOCUMENT', 'This document is too large. Maximum allowed size is 5 MB.', { field: 'file', rejectedValue: 'big.pdf' },
    )
    expect(referenceErrors('POST', DOCUMENTS, 400, body)).toEqual([])
    expect((await upload(w, await w.partnerToken(), { endUserId: consumer.id, type: 'PASSPORT' }, { bytes: big.subarray(0, big.length - 1), name: 'ok.pdf' })).status).toBe(201)
  })

  it('400 END_USER_NOT_FOUND for an unknown end-user and another partner\'s', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const body = await expectError(await upload(w, token, { endUserId: UNKNOWN, type: 'PASSPORT' }), 400, 'END_USER_NOT_FOUND', `End-user with id ${UNKNOWN} was not found.`, { field: 'endUserId', rejectedValue: UNKNOWN })
    expect(referenceErrors('POST', DOCUMENTS, 400, body)).toEqual([])
    const foreign = insertConsumer(w, { partner: 'other-sandbox' })
    await expectError(await upload(w, token, { endUserId: foreign.id, type: 'PASSPORT' }), 400, 'END_USER_NOT_FOUND', `End-user with id ${foreign.id} was not found.`)
  })

  it('400 END_USER_ID_REQUIRED when a partner names no end-user', async () => {
    const w = makeWorld()
    const body = await expectError(await upload(w, await w.partnerToken(), { type: 'PASSPORT' }), 400, 'END_USER_ID_REQUIRED', 'Field endUserId is required when authenticated as PARTNER.', { field: 'endUserId' })
    expect(referenceErrors('POST', DOCUMENTS, 400, body)).toEqual([])
  })

  it('400 FRIENDLY_NAME_ALREADY_TAKEN for a second document of the end-user with the same friendly name', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const a = insertConsumer(w)
    const b = insertConsumer(w)
    await uploaded(w, token, { endUserId: a.id, type: 'PASSPORT', friendlyName: 'Passport' })
    await uploaded(w, token, { endUserId: b.id, type: 'PASSPORT', friendlyName: 'Passport' })
    const body = await expectError(await upload(w, token, { endUserId: a.id, type: 'VISA', friendlyName: 'Passport' }), 400, 'FRIENDLY_NAME_ALREADY_TAKEN', 'Document with this friendly name already exists.', { field: 'friendlyName', rejectedValue: 'Passport' })
    expect(referenceErrors('POST', DOCUMENTS, 400, body)).toEqual([])
  })

  it('409 DOCUMENT_LIMIT_REACHED past 10 documents per end-user (the partner setting documentLimit)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    for (let i = 0; i < 10; i++) await uploaded(w, token, { endUserId: consumer.id, type: 'OTHER' })
    const body = await expectError(await upload(w, token, { endUserId: consumer.id, type: 'OTHER' }), 409, 'DOCUMENT_LIMIT_REACHED', "You've reached the document limit for this end-user (10).")
    expect(referenceErrors('POST', DOCUMENTS, 409, body)).toEqual([])
    await uploaded(w, token, { endUserId: insertConsumer(w).id, type: 'OTHER' })
    const other = w.loaded.partners['other-sandbox']!.id
    const settings = w.store.db.select().from(partners).where(eq(partners.id, other)).get()!.settings
    w.store.db.update(partners).set({ settings: { ...settings, documentLimit: 2 } }).where(eq(partners.id, other)).run()
    const limited = { token: await w.partnerToken(OTHER) }
    const theirs = insertConsumer(w, { partner: 'other-sandbox' })
    await uploaded(w, limited.token, { endUserId: theirs.id, type: 'OTHER' })
    await uploaded(w, limited.token, { endUserId: theirs.id, type: 'OTHER' })
    await expectError(await upload(w, limited.token, { endUserId: theirs.id, type: 'OTHER' }), 409, 'DOCUMENT_LIMIT_REACHED', "You've reached the document limit for this end-user (2).")
  })

  it('400 for a missing file, an unknown type, a non-uuid id or an over-long friendly name; never 500', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const consumer = insertConsumer(w)
    expect((await upload(w, token, { endUserId: consumer.id, type: 'PASSPORT' }, null)).status).toBe(400)
    expect((await upload(w, token, { endUserId: consumer.id, type: 'SELFIE' })).status).toBe(400)
    expect((await upload(w, token, { endUserId: 'nope', type: 'PASSPORT' })).status).toBe(400)
    expect((await upload(w, token, { endUserId: consumer.id })).status).toBe(400)
    const long = await upload(w, token, { endUserId: consumer.id, type: 'PASSPORT', friendlyName: 'x'.repeat(256) })
    expect(long.status).toBe(400)
    expect(await long.json()).toMatchObject({ errorCode: 'TOO_LONG_FIELD' })
    expect((await w.call('POST', DOCUMENTS, { token, body: { endUserId: consumer.id, type: 'PASSPORT' } })).status).toBe(400)
    expect((await w.call('GET', DOCUMENTS, { token })).status).toBe(200)
  })
})
