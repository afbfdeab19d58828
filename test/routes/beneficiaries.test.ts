import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import {
  BY_PASS, createdId, EXTERNAL_SEPA, fetchResource, insertBankingConsumer, insertBeneficiary, insertLedger, setPartnerSettings, standingMessage, type StandingCode,
} from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

const PATH = '/api/partner/beneficiaries'
const body = (endUserId: string | undefined, extra: Record<string, unknown> = {}) =>
  ({ type: 'PERSON', name: 'John Payee', endUserId, bankingDetails: EXTERNAL_SEPA, ...extra })

async function create(w: TestWorld, token: string, payload: Record<string, unknown>): Promise<Response> {
  return w.call('POST', PATH, { token, body: payload, headers: BY_PASS })
}

const added = async (w: TestWorld, token: string, payload: Record<string, unknown>): Promise<string> => createdId(await create(w, token, payload), PATH)

describe('POST /api/partner/beneficiaries', () => {
  it('adds a SEPA beneficiary (201 {id}); GET and the list show it VALID, active and displayed', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const id = await added(w, token, body(jane.id, { bankingDetails: { iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' } }))

    expect(await fetchResource(w, token, `${PATH}/{beneficiaryId}`, id)).toEqual({
      id, name: 'John Payee', type: 'PERSON', status: 'VALID', active: true, display: true, accountType: 'IBAN',
      iban: 'DE89370400440532013000', bicOrSwift: 'COBADEFFXXX', endUserId: jane.id,
      creationDate: '2026-01-15T10:00:00.000Z', updateDate: '2026-01-15T10:00:00.000Z',
    })

    const list = await w.call('GET', PATH, { token })
    const page = await list.json()
    expect(referenceErrors('GET', PATH, 200, page)).toEqual([])
    expect(page).toMatchObject({ totalElements: 1, page: 0, pageSize: 20, content: [{ id, iban: 'DE89370400440532013000' }] })
  })

  it('an end-user adds its own (a body endUserId is ignored; display stays true); the deprecated fullName stands for name', async () => {
    const w = makeWorld()
    const jane = insertBankingConsumer(w)
    const other = insertBankingConsumer(w)
    const token = await consumerToken(w, jane)
    const id = await added(w, token, { type: 'COMPANY', fullName: 'ACME SAS', endUserId: other.id, display: false, bankingDetails: EXTERNAL_SEPA })
    const info = await (await w.call('GET', `${PATH}/${id}`, { token })).json()
    expect(info).toMatchObject({ endUserId: jane.id, name: 'ACME SAS', type: 'COMPANY', display: true })
  })

  it('adds a UK beneficiary (sort code and account number) shown in the GBP shape', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const id = await added(w, token, body(jane.id, { bankingDetails: { sortCode: '040004', accountNumber: '12345678' } }))
    const info = await (await w.call('GET', `${PATH}/${id}`, { token })).json()
    expect(referenceErrors('GET', `${PATH}/{beneficiaryId}`, 200, info)).toEqual([])
    expect(info).toMatchObject({ accountType: 'GBP', sortCode: '040004', accountNumber: '12345678' })
    expect(info).not.toHaveProperty('iban')
  })

  it('takes the partner setting beneficiaryInitialStatus (LinkCy screening) and keeps a partner-given display', async () => {
    const w = makeWorld()
    setPartnerSettings(w, 'sandbox', { beneficiaryInitialStatus: 'PENDING_REVIEW' })
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const id = await added(w, token, body(jane.id, { display: false }))
    expect(await (await w.call('GET', `${PATH}/${id}`, { token })).json()).toMatchObject({ status: 'PENDING_REVIEW', display: false })
  })

  it('recognises an IBAN of a simulated ledger: linkcyLedgerId for the same partner, never another partner\'s id', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const john = insertBankingConsumer(w)
    const olga = insertBankingConsumer(w, { partner: 'other-sandbox' })
    const johnLedger = insertLedger(w, { consumerId: john.id })
    const olgaLedger = insertLedger(w, { consumerId: olga.id })
    const own = await added(w, token, body(jane.id, { bankingDetails: { iban: johnLedger.iban, bic: johnLedger.bicOrSwift } }))
    const foreign = await added(w, token, body(jane.id, { bankingDetails: { iban: olgaLedger.iban, bic: olgaLedger.bicOrSwift } }))
    const ownInfo = (await (await w.call('GET', `${PATH}/${own}`, { token })).json()) as Record<string, unknown>
    expect(referenceErrors('GET', `${PATH}/{beneficiaryId}`, 200, ownInfo)).toEqual([])
    expect(ownInfo.linkcyLedgerId).toBe(johnLedger.id)
    expect(await (await w.call('GET', `${PATH}/${foreign}`, { token })).json()).not.toHaveProperty('linkcyLedgerId')
    const stored = w.store.sqlite.prepare('SELECT ledger_id AS l FROM beneficiaries WHERE id = ?').get(foreign) as { l: string }
    expect(stored.l).toBe(olgaLedger.id) // still recognised for routing
  })

  it('400 END_USER_ID_REQUIRED for a partner without endUserId; 400 END_USER_NOT_FOUND for an unknown or another partner\'s end-user', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const olga = insertBankingConsumer(w, { partner: 'other-sandbox' })
    await expectBusiness400(await create(w, token, body(undefined)), 'END_USER_ID_REQUIRED', 'endUserId', 'Field endUserId is required when authenticated as PARTNER.')
    await expectError(await create(w, token, body(MISSING_ID)), 400, 'END_USER_NOT_FOUND', `End-user with id ${MISSING_ID} was not found.`, { field: 'endUserId', rejectedValue: MISSING_ID })
    await expectBusiness400(await create(w, token, body(olga.id)), 'END_USER_NOT_FOUND', 'endUserId', `End-user with id ${olga.id} was not found.`)
  })

  it('400 IBAN_NOT_SUPPORTED for a non-SEPA country, a bad checksum and a US account', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const brazil = { iban: 'BR1800360305000010009795493C1', bic: 'CEFXBRSPXXX' }
    await expectError(await create(w, token, body(jane.id, { bankingDetails: brazil })), 400, 'IBAN_NOT_SUPPORTED', 'Iban from BR are not supported.', {
      field: 'bankingDetails.iban', rejectedValue: brazil.iban,
    })
    const badChecksum = { iban: 'DE89370400440532013001', bic: 'COBADEFFXXX' }
    await expectBusiness400(await create(w, token, body(jane.id, { bankingDetails: badChecksum })), 'IBAN_NOT_SUPPORTED', 'bankingDetails.iban', 'Iban from DE are not supported.')
    const usd = { abaCode: '026009593', accountNumber: '1234567890' }
    await expectBusiness400(await create(w, token, body(jane.id, { bankingDetails: usd })), 'IBAN_NOT_SUPPORTED', 'bankingDetails', 'Iban from US are not supported.')
  })

  it('400 INVALID_BIC_SWIFT for a malformed BIC or one of another country than the IBAN; NOT_ALLOWED_BIC_SWIFT for a denied BIC', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    for (const bic of ['COBA', 'COBA-DEFF', 'BNPAFRPPXXX']) {
      await expectError(await create(w, token, body(jane.id, { bankingDetails: { ...EXTERNAL_SEPA, bic } })), 400, 'INVALID_BIC_SWIFT', 'Bic or Swift is invalid.', {
        field: 'bankingDetails.bic', rejectedValue: bic,
      })
    }
    const french = { iban: 'FR1420041010050500013M02606', bic: 'DENYFRPPXXX' }
    await expectBusiness400(await create(w, token, body(jane.id, { bankingDetails: french })), 'NOT_ALLOWED_BIC_SWIFT', 'bankingDetails.bic', 'This bic or swift is not allowed at linkcy.')
    setPartnerSettings(w, 'sandbox', { deniedBics: ['COBADEFFXXX'] })
    await expectBusiness400(await create(w, token, body(jane.id)), 'NOT_ALLOWED_BIC_SWIFT', 'bankingDetails.bic', 'This bic or swift is not allowed at linkcy.')
    // COBADEFF is the same head office as COBADEFFXXX; another branch is not denied by an 11-character entry.
    await expectBusiness400(await create(w, token, body(jane.id, { bankingDetails: { ...EXTERNAL_SEPA, bic: 'COBADEFF' } })), 'NOT_ALLOWED_BIC_SWIFT', 'bankingDetails.bic', 'This bic or swift is not allowed at linkcy.')
    await added(w, token, body(jane.id, { bankingDetails: { ...EXTERNAL_SEPA, bic: 'COBADEFF370' } }))
  })

  it('409 for an end-user that may not bank, in the reference order', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const cases: [Record<string, unknown>, StandingCode][] = [
      [{ kycStatus: 'PROCESSING' }, 'CONSUMER_KYC_MUST_BE_VALIDATED'],
      [{ linkcyStatus: 'PENDING' }, 'LINKCY_STATUS_MUST_BE_VALIDATED'],
      [{ suspensionStatus: 'SUSPENDED', bankingStatus: 'BLOCKED' }, 'END_USER_MUST_NOT_BE_SUSPENDED'],
      [{ bankingStatus: 'PENDING' }, 'BANKING_STATUS_MUST_BE_VALIDATED'],
    ]
    for (const [columns, code] of cases) {
      const consumer = insertBankingConsumer(w, columns)
      await expectError(await create(w, token, body(consumer.id)), 409, code, standingMessage(code, consumer))
    }
    expect(w.store.sqlite.prepare('SELECT count(*) AS n FROM beneficiaries').get()).toEqual({ n: 0 })
  })

  it('409 BENEFICIARY_ALREADY_EXISTS for the same account of the same end-user (any spacing); another end-user may add it', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const john = insertBankingConsumer(w)
    const first = await added(w, token, body(jane.id))
    const again = await create(w, token, body(jane.id, { name: 'Other Name', bankingDetails: { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' } }))
    await expectError(again, 409, 'BENEFICIARY_ALREADY_EXISTS', `Beneficiary for this consumer already exists with id ${first}.`)
    await added(w, token, body(john.id))
  })

  it('400 on bad input: missing name, unknown type, non-uuid endUserId, incomplete banking details, over-long name', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const jane = insertBankingConsumer(w)
    const bad = async (payload: Record<string, unknown>, field: string) => {
      const res = await create(w, token, payload)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toContain(field)
    }
    await bad({ type: 'PERSON', endUserId: jane.id, bankingDetails: EXTERNAL_SEPA }, 'name')
    await bad(body(jane.id, { type: 'ROBOT' }), 'type')
    await bad(body('not-a-uuid'), 'endUserId')
    await bad(body(jane.id, { bankingDetails: { iban: EXTERNAL_SEPA.iban } }), 'bankingDetails.bic')
    await bad(body(jane.id, { name: 'Jo' }), 'name')
    const long = await create(w, token, body(jane.id, { name: 'x'.repeat(512) }))
    await expectBusiness400(long, 'TOO_LONG_FIELD', 'name', 'For the field name, the maximum allowed size is 511 but the size was 512.')
  })
})

describe('GET /api/partner/beneficiaries/{beneficiaryId}', () => {
  it('404 BENEFICIARY_NOT_FOUND for an unknown id, another partner\'s, another end-user\'s, and a hidden one for its end-user', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const otherToken = await w.partnerToken(OTHER)
    const jane = insertBankingConsumer(w)
    const john = insertBankingConsumer(w)
    const janes = insertBeneficiary(w, { consumerId: jane.id })
    const johns = insertBeneficiary(w, { consumerId: john.id })
    const hidden = insertBeneficiary(w, { consumerId: jane.id, display: false, iban: 'FR1420041010050500013M02606', bicOrSwift: 'PSSTFRPPXXX' })
    const janeToken = await consumerToken(w, jane)
    const notFound = (id: string) => `Beneficiary with id ${id} was not found.`
    await expectError(await w.call('GET', `${PATH}/${MISSING_ID}`, { token }), 404, 'BENEFICIARY_NOT_FOUND', notFound(MISSING_ID))
    await expectError(await w.call('GET', `${PATH}/${janes.id}`, { token: otherToken }), 404, 'BENEFICIARY_NOT_FOUND', notFound(janes.id))
    await expectError(await w.call('GET', `${PATH}/${johns.id}`, { token: janeToken }), 404, 'BENEFICIARY_NOT_FOUND', notFound(johns.id))
    await expectError(await w.call('GET', `${PATH}/${hidden.id}`, { token: janeToken }), 404, 'BENEFICIARY_NOT_FOUND', notFound(hidden.id))
    expect((await w.call('GET', `${PATH}/${janes.id}`, { token: janeToken })).status).toBe(200)
    expect((await w.call('GET', `${PATH}/${hidden.id}`, { token })).status).toBe(200)
    expect((await w.call('GET', `${PATH}/not-a-uuid`, { token })).status).toBe(400)
  })
})
