import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import {
  advanceClock, insertBankingConsumer, insertLedger, insertMandate, mandateRow, standingMessage, type StandingCode,
} from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

const PATH = '/api/partner/mandates'
const conflicting = (status: string) => `The current status of the mandate (${status}) does not allow this operation.`
const notFound = (id: string) => `Direct debit mandate with id ${id} was not found.`

describe('PATCH /api/partner/mandates/{mandateId}', () => {
  it('completes the debtor\'s details before activation (200 {id}); GET shows the change', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const johnLedger = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    const m = insertMandate(w, { consumerId: jane.id, status: 'AWAITING_ACTIVATION', debtorIban: null, debtorBic: null, recurring: false })
    w.store.clock.advance(60_000)
    const res = await w.call('PATCH', `${PATH}/${m.id}`, {
      token, body: { friendlyName: 'Rent', recurring: true, expirationDate: '2028-01-01', debtor: { bankingDetails: { iban: johnLedger.iban, bic: johnLedger.bicOrSwift } } },
    })
    expect(res.status).toBe(200)
    const answer = await res.json()
    expect(answer).toEqual({ id: m.id })
    expect(referenceErrors('PATCH', `${PATH}/{mandateId}`, 200, answer)).toEqual([])
    expect(await (await w.call('GET', `${PATH}/${m.id}`, { token })).json()).toMatchObject({
      friendlyName: 'Rent', recurring: true, expirationDate: '2028-01-01', updateDate: '2026-01-15T10:01:00.000Z',
      debtor: { bankingDetails: { iban: johnLedger.iban, bic: johnLedger.bicOrSwift }, ledgerId: johnLedger.id },
    })
  })

  it('400 IBAN_NOT_SUPPORTED, INVALID_BIC_SWIFT, NOT_ALLOWED_BIC_SWIFT, INVALID_EXPIRATION_DATE; nothing changes', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const m = insertMandate(w, { consumerId: insertBankingConsumer(w).id, status: 'AWAITING_ACTIVATION' })
    const patch = (b: unknown) => w.call('PATCH', `${PATH}/${m.id}`, { token, body: b })
    const details = (bankingDetails: Record<string, string>) => ({ debtor: { bankingDetails } })
    await expectError(await patch(details({ iban: 'GB82WEST1234569876543X', bic: 'NWBKGB2L' })), 400, 'IBAN_NOT_SUPPORTED', 'Iban from GB are not supported.', {
      field: 'debtor.bankingDetails.iban', rejectedValue: 'GB82WEST1234569876543X',
    })
    await expectBusiness400(await patch(details({ iban: 'NL91ABNA0417164300', bic: 'ABNADE2A' })), 'INVALID_BIC_SWIFT', 'debtor.bankingDetails.bic', 'Bic or Swift is invalid.')
    await expectBusiness400(await patch(details({ iban: 'FR1420041010050500013M02606', bic: 'DENYFRPP123' })), 'NOT_ALLOWED_BIC_SWIFT', 'debtor.bankingDetails.bic', 'This bic or swift is not allowed at linkcy.')
    await expectError(await patch({ expirationDate: '2026-01-10' }), 400, 'INVALID_EXPIRATION_DATE', 'The expiration date must be after 2026-01-15 and before 2031-01-16.', {
      field: 'expirationDate', rejectedValue: '2026-01-10',
    })
    expect(mandateRow(w, m.id)).toMatchObject({ debtorIban: 'DE89370400440532013000', expirationDate: '2030-12-31' })
  })

  it('409 CONFLICTING_MANDATE_STATUS: an ACTIVATED mandate keeps its debtor and sequence type; a CANCELED one changes no more', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const active = insertMandate(w, { consumerId: jane.id })
    const canceled = insertMandate(w, { consumerId: jane.id, status: 'CANCELED' })
    const patch = (id: string, b: unknown) => w.call('PATCH', `${PATH}/${id}`, { token, body: b })
    await expectError(await patch(active.id, { recurring: false }), 409, 'CONFLICTING_MANDATE_STATUS', conflicting('ACTIVATED'))
    await expectError(await patch(active.id, { debtor: { bankingDetails: { iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' } } }), 409, 'CONFLICTING_MANDATE_STATUS', conflicting('ACTIVATED'))
    expect((await patch(active.id, { friendlyName: 'Renamed', expirationDate: '2029-01-01' })).status).toBe(200)
    await expectError(await patch(canceled.id, { friendlyName: 'x' }), 409, 'CONFLICTING_MANDATE_STATUS', conflicting('CANCELED'))
    expect(mandateRow(w, active.id)).toMatchObject({ friendlyName: 'Renamed', recurring: true, debtorIban: 'DE89370400440532013000' })
  })

  it('404 MANDATE_NOT_FOUND for an unknown id, another partner\'s and another end-user\'s', async () => {
    const w = makeWorld()
    const john = insertBankingConsumer(w)
    const johns = insertMandate(w, { consumerId: john.id })
    const patch = (token: string, id: string) => w.call('PATCH', `${PATH}/${id}`, { token, body: { friendlyName: 'x' } })
    await expectError(await patch(await w.partnerToken(), MISSING_ID), 404, 'MANDATE_NOT_FOUND', notFound(MISSING_ID))
    await expectError(await patch(await w.partnerToken(OTHER), johns.id), 404, 'MANDATE_NOT_FOUND', notFound(johns.id))
    await expectError(await patch(await consumerToken(w, insertBankingConsumer(w)), johns.id), 404, 'MANDATE_NOT_FOUND', notFound(johns.id))
  })
})

describe('POST /api/partner/mandates/{mandateId}/activate', () => {
  it('AWAITING_ACTIVATION → ACTIVATING (200 {id}) → ACTIVATED once LinkCy answers (2 s of simulator time)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const m = insertMandate(w, { consumerId: insertBankingConsumer(w).id, status: 'AWAITING_ACTIVATION' })
    const res = await w.call('POST', `${PATH}/${m.id}/activate`, { token })
    expect(res.status).toBe(200)
    const answer = await res.json()
    expect(answer).toEqual({ id: m.id })
    expect(referenceErrors('POST', `${PATH}/{mandateId}/activate`, 200, answer)).toEqual([])
    expect(await (await w.call('GET', `${PATH}/${m.id}`, { token })).json()).toMatchObject({ status: 'ACTIVATING' })
    await expectError(await w.call('POST', `${PATH}/${m.id}/activate`, { token }), 409, 'CONFLICTING_MANDATE_STATUS', conflicting('ACTIVATING'))
    await advanceClock(w, 2)
    expect(await (await w.call('GET', `${PATH}/${m.id}`, { token })).json()).toMatchObject({ status: 'ACTIVATED', updateDate: '2026-01-15T10:00:02.000Z' })
    await expectError(await w.call('POST', `${PATH}/${m.id}/activate`, { token }), 409, 'CONFLICTING_MANDATE_STATUS', conflicting('ACTIVATED'))
  })

  it('FAILED when the debtor\'s simulated ledger is closed; retried after the details are corrected', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const closed = insertLedger(w, { consumerId: insertBankingConsumer(w).id, status: 'CLOSED' })
    const m = insertMandate(w, { consumerId: insertBankingConsumer(w).id, status: 'AWAITING_ACTIVATION', debtorIban: closed.iban, debtorBic: closed.bicOrSwift, debtorLedgerId: closed.id })
    expect((await w.call('POST', `${PATH}/${m.id}/activate`, { token })).status).toBe(200)
    await advanceClock(w, 2)
    expect(mandateRow(w, m.id).status).toBe('FAILED')
    expect((await w.call('PATCH', `${PATH}/${m.id}`, { token, body: { debtor: { bankingDetails: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } } } })).status).toBe(200)
    expect((await w.call('POST', `${PATH}/${m.id}/activate`, { token })).status).toBe(200)
    await advanceClock(w, 2)
    expect(mandateRow(w, m.id)).toMatchObject({ status: 'ACTIVATED', debtorLedgerId: null })
  })

  it('409 MISSING_MANDATE_DATA without the debtor\'s banking details; the end-user\'s standing (LinkCy status, suspension, banking status)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const bare = insertMandate(w, { consumerId: insertBankingConsumer(w).id, status: 'AWAITING_ACTIVATION', debtorIban: null, debtorBic: null })
    await expectError(await w.call('POST', `${PATH}/${bare.id}/activate`, { token }), 409, 'MISSING_MANDATE_DATA',
      'A direct debit mandate cannot be activated without the following data: debtor.bankingDetails.')
    const cases: [Record<string, unknown>, StandingCode][] = [
      [{ linkcyStatus: 'PENDING' }, 'LINKCY_STATUS_MUST_BE_VALIDATED'],
      [{ suspensionStatus: 'SUSPENDED' }, 'END_USER_MUST_NOT_BE_SUSPENDED'],
      [{ bankingStatus: 'MISSING_DATA' }, 'BANKING_STATUS_MUST_BE_VALIDATED'],
    ]
    for (const [columns, code] of cases) {
      const consumer = insertBankingConsumer(w, columns)
      const m = insertMandate(w, { consumerId: consumer.id, status: 'AWAITING_ACTIVATION' })
      await expectError(await w.call('POST', `${PATH}/${m.id}/activate`, { token }), 409, code, standingMessage(code, consumer))
      expect(mandateRow(w, m.id).status).toBe('AWAITING_ACTIVATION')
    }
    await expectError(await w.call('POST', `${PATH}/${MISSING_ID}/activate`, { token }), 404, 'MANDATE_NOT_FOUND', notFound(MISSING_ID))
    await expectError(await w.call('POST', `${PATH}/${bare.id}/activate`, { token: await w.partnerToken(OTHER) }), 404, 'MANDATE_NOT_FOUND', notFound(bare.id))
  })
})

describe('POST /api/partner/mandates/{mandateId}/cancel', () => {
  it('ACTIVATED → CANCELING (200 {id}) → CANCELED; cancelling again is 409 CONFLICTING_MANDATE_STATUS; 404 MANDATE_NOT_FOUND', async () => {
    const w = makeWorld()
    const jane = insertBankingConsumer(w)
    const token = await consumerToken(w, jane)
    const m = insertMandate(w, { consumerId: jane.id })
    const res = await w.call('POST', `${PATH}/${m.id}/cancel`, { token })
    expect(res.status).toBe(200)
    const answer = await res.json()
    expect(answer).toEqual({ id: m.id })
    expect(referenceErrors('POST', `${PATH}/{mandateId}/cancel`, 200, answer)).toEqual([])
    expect(mandateRow(w, m.id).status).toBe('CANCELING')
    await expectError(await w.call('POST', `${PATH}/${m.id}/cancel`, { token }), 409, 'CONFLICTING_MANDATE_STATUS', conflicting('CANCELING'))
    await advanceClock(w, 2)
    expect(mandateRow(w, m.id).status).toBe('CANCELED')
    await expectError(await w.call('POST', `${PATH}/${m.id}/cancel`, { token }), 409, 'CONFLICTING_MANDATE_STATUS', conflicting('CANCELED'))
    await expectError(await w.call('POST', `${PATH}/${m.id}/activate`, { token }), 409, 'CONFLICTING_MANDATE_STATUS', conflicting('CANCELED'))
    await expectError(await w.call('POST', `${PATH}/${MISSING_ID}/cancel`, { token }), 404, 'MANDATE_NOT_FOUND', notFound(MISSING_ID))
    const johns = insertMandate(w, { consumerId: insertBankingConsumer(w).id })
    await expectError(await w.call('POST', `${PATH}/${johns.id}/cancel`, { token }), 404, 'MANDATE_NOT_FOUND', notFound(johns.id))
    expect(mandateRow(w, johns.id).status).toBe('ACTIVATED')
  })
})
