import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import {
  createdId, EXTERNAL_SEPA, fetchResource, insertBankingConsumer, insertLedger, insertMandate, mandateRow, setPartnerSettings, standingMessage, type StandingCode,
} from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

const PATH = '/api/partner/mandates'
const body = (endUserId: string | undefined, extra: Record<string, unknown> = {}) =>
  ({ endUserId, friendlyName: 'Gym', debtor: { type: 'PERSON', name: 'John Debtor', bankingDetails: EXTERNAL_SEPA }, ...extra })

/** A world whose sandbox partner lets consumers hold mandates (corporates arrive later). */
function mandateWorld(): TestWorld {
  const w = makeWorld()
  setPartnerSettings(w, 'sandbox', { mandatesForConsumers: true })
  return w
}

const post = (w: TestWorld, token: string, payload: unknown) => w.call('POST', PATH, { token, body: payload })

describe('POST /api/partner/mandates', () => {
  it('409 MANDATE_NOT_AVAILABLE_FOR_CONSUMERS by default: LinkCy offers mandates to corporates only', async () => {
    const w = makeWorld()
    const jane = insertBankingConsumer(w)
    await expectError(await post(w, await w.partnerToken(), body(jane.id)), 409, 'MANDATE_NOT_AVAILABLE_FOR_CONSUMERS', 'Direct debit mandate is not available yet for consumers.')
    await expectError(await post(w, await consumerToken(w, jane), body(undefined)), 409, 'MANDATE_NOT_AVAILABLE_FOR_CONSUMERS', 'Direct debit mandate is not available yet for consumers.')
    expect(w.store.sqlite.prepare('SELECT count(*) AS n FROM mandates').get()).toEqual({ n: 0 })
  })

  it('creates a mandate AWAITING_ACTIVATION (201 {id}) with LinkCy\'s defaults: one-off, expiring in 5 years, a UMR', async () => {
    const w = mandateWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const id = await createdId(await post(w, token, body(jane.id, { debtor: { type: 'COMPANY', name: 'ACME SAS', bankingDetails: { iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' } } })), PATH)
    expect(await fetchResource(w, token, `${PATH}/{mandateId}`, id)).toEqual({
      id, uniqueReference: expect.stringMatching(/^LKCY[A-Z0-9]{20}$/), endUserId: jane.id, status: 'AWAITING_ACTIVATION',
      friendlyName: 'Gym', debtor: { type: 'COMPANY', name: 'ACME SAS', bankingDetails: EXTERNAL_SEPA }, recurring: false,
      expirationDate: '2031-01-15', creationDate: '2026-01-15T10:00:00.000Z', updateDate: '2026-01-15T10:00:00.000Z',
    })
  })

  it('an end-user creates its own mandate, without banking details yet; a recurring one with its expiration date', async () => {
    const w = mandateWorld()
    const jane = insertBankingConsumer(w)
    const token = await consumerToken(w, jane)
    const res = await post(w, token, { debtor: { type: 'PERSON', name: 'Bob Debtor' }, recurring: true, expirationDate: '2027-06-30' })
    expect(res.status).toBe(201)
    const info = (await (await w.call('GET', `${PATH}/${((await res.json()) as { id: string }).id}`, { token })).json()) as Record<string, unknown>
    expect(referenceErrors('GET', `${PATH}/{mandateId}`, 200, info)).toEqual([])
    expect(info).toMatchObject({ endUserId: jane.id, recurring: true, expirationDate: '2027-06-30', debtor: { type: 'PERSON', name: 'Bob Debtor' } })
    expect(info.debtor).not.toHaveProperty('bankingDetails')
    expect(info).not.toHaveProperty('friendlyName')
  })

  it('shows debtor.ledgerId when the debtor IBAN is a ledger of the same partner, never another partner\'s', async () => {
    const w = mandateWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const johnLedger = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    const olgaLedger = insertLedger(w, { consumerId: insertBankingConsumer(w, { partner: 'other-sandbox' }).id })
    const debtor = (l: { iban: string | null; bicOrSwift: string | null }) => ({ type: 'PERSON', name: 'Debtor', bankingDetails: { iban: l.iban, bic: l.bicOrSwift } })
    const own = ((await (await post(w, token, body(jane.id, { debtor: debtor(johnLedger) }))).json()) as { id: string }).id
    const foreign = ((await (await post(w, token, body(jane.id, { debtor: debtor(olgaLedger) }))).json()) as { id: string }).id
    const debtorShown = async (id: string) => ((await (await w.call('GET', `${PATH}/${id}`, { token })).json()) as { debtor: Record<string, unknown> }).debtor
    expect((await debtorShown(own)).ledgerId).toBe(johnLedger.id)
    expect(await debtorShown(foreign)).not.toHaveProperty('ledgerId')
    expect(mandateRow(w, foreign).debtorLedgerId).toBe(olgaLedger.id)
  })

  it('400: END_USER_ID_REQUIRED, END_USER_NOT_FOUND, IBAN_NOT_SUPPORTED, INVALID_BIC_SWIFT, NOT_ALLOWED_BIC_SWIFT, INVALID_EXPIRATION_DATE', async () => {
    const w = mandateWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const olga = insertBankingConsumer(w, { partner: 'other-sandbox' })
    const withDetails = (bankingDetails: Record<string, string>) => body(jane.id, { debtor: { type: 'PERSON', name: 'John Debtor', bankingDetails } })
    await expectBusiness400(await post(w, token, body(undefined)), 'END_USER_ID_REQUIRED', 'endUserId', 'Field endUserId is required when authenticated as PARTNER.')
    await expectError(await post(w, token, body(olga.id)), 400, 'END_USER_NOT_FOUND', `End-user with id ${olga.id} was not found.`, { field: 'endUserId', rejectedValue: olga.id })
    await expectError(await post(w, token, withDetails({ iban: 'TR330006100519786457841326', bic: 'AKBKTRIS' })), 400, 'IBAN_NOT_SUPPORTED', 'Iban from TR are not supported.', {
      field: 'debtor.bankingDetails.iban', rejectedValue: 'TR330006100519786457841326',
    })
    await expectBusiness400(await post(w, token, withDetails({ iban: 'US12345678901234567890', bic: 'CHASUS33' })), 'IBAN_NOT_SUPPORTED', 'debtor.bankingDetails.iban', 'Iban from US are not supported.')
    await expectBusiness400(await post(w, token, withDetails({ ...EXTERNAL_SEPA, bic: 'COBAXXFF' })), 'INVALID_BIC_SWIFT', 'debtor.bankingDetails.bic', 'Bic or Swift is invalid.')
    await expectBusiness400(await post(w, token, withDetails({ iban: 'FR1420041010050500013M02606', bic: 'DENYFRPP' })), 'NOT_ALLOWED_BIC_SWIFT', 'debtor.bankingDetails.bic', 'This bic or swift is not allowed at linkcy.')
    for (const expirationDate of ['2026-01-15', '2025-12-31', '2031-01-16']) {
      await expectError(await post(w, token, body(jane.id, { expirationDate })), 400, 'INVALID_EXPIRATION_DATE', 'The expiration date must be after 2026-01-15 and before 2031-01-16.', {
        field: 'expirationDate', rejectedValue: expirationDate,
      })
    }
    expect((await post(w, token, body(jane.id, { expirationDate: '2031-01-15' }))).status).toBe(201)
    expect(w.store.sqlite.prepare('SELECT count(*) AS n FROM mandates').get()).toEqual({ n: 1 })
  })

  it('409 for an end-user that may not bank (LinkCy status, suspension, banking status)', async () => {
    const w = mandateWorld()
    const token = await w.partnerToken()
    const cases: [Record<string, unknown>, StandingCode][] = [
      [{ linkcyStatus: 'MISSING_DATA' }, 'LINKCY_STATUS_MUST_BE_VALIDATED'],
      [{ suspensionStatus: 'SUSPENDED' }, 'END_USER_MUST_NOT_BE_SUSPENDED'],
      [{ bankingStatus: 'BLOCKED' }, 'BANKING_STATUS_MUST_BE_VALIDATED'],
    ]
    for (const [columns, code] of cases) {
      const consumer = insertBankingConsumer(w, columns)
      await expectError(await post(w, token, body(consumer.id)), 409, code, standingMessage(code, consumer))
    }
  })

  it('400 on bad input: missing debtor, short debtor name, bad date, over-long friendlyName', async () => {
    const w = mandateWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    for (const [payload, field] of [
      [{ endUserId: jane.id }, 'debtor'],
      [body(jane.id, { debtor: { type: 'PERSON', name: 'Jo' } }), 'debtor.name'],
      [body(jane.id, { debtor: { type: 'ALIEN', name: 'John' } }), 'debtor.type'],
      [body(jane.id, { expirationDate: '2027-02-30' }), 'expirationDate'],
      [body(jane.id, { recurring: 'yes' }), 'recurring'],
    ] as const) {
      const res = await post(w, token, payload)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toContain(field)
    }
    await expectBusiness400(await post(w, token, body(jane.id, { friendlyName: 'x'.repeat(256) })), 'TOO_LONG_FIELD', 'friendlyName', 'For the field friendlyName, the maximum allowed size is 255 but the size was 256.')
  })
})

describe('GET /api/partner/mandates and /mandates/{mandateId}', () => {
  it('lists with endUserId and status filters, DEBTOR_NAME sort; 400 CONSUMER_NOT_FOUND for an unknown end-user', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const john = insertBankingConsumer(w)
    const a = insertMandate(w, { consumerId: jane.id, debtorName: 'Zoe' })
    w.store.clock.advance(1000)
    const b = insertMandate(w, { consumerId: jane.id, debtorName: 'adam', status: 'AWAITING_ACTIVATION', debtorIban: null, debtorBic: null })
    w.store.clock.advance(1000)
    const c = insertMandate(w, { consumerId: john.id, debtorName: 'Mia', debtorLedgerId: insertLedger(w, { consumerId: john.id }).id })
    insertMandate(w, { consumerId: insertBankingConsumer(w, { partner: 'other-sandbox' }).id })
    const ids = async (query: string, as = token) => {
      const res = await w.call('GET', `${PATH}?${query}`, { token: as })
      expect(res.status, await res.clone().text()).toBe(200)
      const page = (await res.json()) as { content: { id: string }[] }
      expect(referenceErrors('GET', PATH, 200, page)).toEqual([])
      return page.content.map((m) => m.id)
    }
    expect(await ids('')).toEqual([c.id, b.id, a.id])
    expect(await ids(`endUserId=${jane.id}`)).toEqual([b.id, a.id])
    expect(await ids('status=ACTIVATED')).toEqual([c.id, a.id])
    expect(await ids('sortAttribute=DEBTOR_NAME&sortDirection=ASC')).toEqual([b.id, c.id, a.id])
    expect(await ids('pageSize=2&page=1')).toEqual([a.id])
    expect(await ids('', await consumerToken(w, john))).toEqual([c.id])
    for (const unknown of [MISSING_ID, john.id]) {
      const as = unknown === john.id ? await consumerToken(w, jane) : token
      await expectError(await w.call('GET', `${PATH}?endUserId=${unknown}`, { token: as }), 400, 'CONSUMER_NOT_FOUND', `Consumer with id ${unknown} was not found.`, {
        field: 'endUserId', rejectedValue: unknown,
      })
    }
    expect((await w.call('GET', `${PATH}?status=DONE`, { token })).status).toBe(400)
  })

  it('404 MANDATE_NOT_FOUND for an unknown id, another partner\'s and another end-user\'s mandate', async () => {
    const w = makeWorld()
    const jane = insertBankingConsumer(w)
    const john = insertBankingConsumer(w)
    const johns = insertMandate(w, { consumerId: john.id })
    const message = (id: string) => `Direct debit mandate with id ${id} was not found.`
    await expectError(await w.call('GET', `${PATH}/${MISSING_ID}`, { token: await w.partnerToken() }), 404, 'MANDATE_NOT_FOUND', message(MISSING_ID))
    await expectError(await w.call('GET', `${PATH}/${johns.id}`, { token: await w.partnerToken(OTHER) }), 404, 'MANDATE_NOT_FOUND', message(johns.id))
    await expectError(await w.call('GET', `${PATH}/${johns.id}`, { token: await consumerToken(w, jane) }), 404, 'MANDATE_NOT_FOUND', message(johns.id))
    expect((await w.call('GET', `${PATH}/${johns.id}`, { token: await consumerToken(w, john) })).status).toBe(200)
  })
})
