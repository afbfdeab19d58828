import { describe, expect, it } from 'vitest'
import { OTHER, makeWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { balancesCents, insertBankingConsumer, insertLedger, listTransactionsPage, setPartnerSettings } from '../helpers/money'
import { AMOUNT_OUT_OF_BOUNDS } from '../../src/state/money'
import { referenceErrors } from '../helpers/reference'

// Money arriving from outside: the control plane's incoming SCT / SCT Inst, and LinkCy's sandbox
// POST /transactions/simulate (Credit Ledger; the card kinds wait for cards).

const incoming = (ledgerId: string) => `/_sim/ledgers/${ledgerId}/incoming-transfer`
const SIMULATE = '/api/partner/transactions/simulate'

describe('POST /_sim/ledgers/{ledgerId}/incoming-transfer', () => {
  it('books an APPROVED incoming SCT and credits the ledger; the end-user lists it', async () => {
    const w = makeWorld()
    const alice = insertBankingConsumer(w)
    const ledger = insertLedger(w, { consumerId: alice.id, available: 1 })
    const res = await w.call('POST', incoming(ledger.id), { body: { amount: 1234.56, debtorName: 'ACME Payroll', debtorIban: 'DE89370400440532013000', reference: 'Salary January' } })
    expect(res.status).toBe(201)
    const body = (await res.json()) as Record<string, any>
    expect(referenceErrors('GET', '/api/partner/transactions/{transactionId}', 200, body)).toEqual([])
    expect(body).toMatchObject({
      type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_RECEIVE', status: 'APPROVED', amount: 1234.56,
      sender: { name: 'ACME Payroll', iban: 'DE89370400440532013000' }, receiver: { ledgerId: ledger.id, endUserId: alice.id, iban: ledger.iban },
      information: { reference: 'Salary January', clearingDate: '2026-01-15T10:00:00.000Z' },
    })
    expect(balancesCents(w, ledger.id)).toEqual({ available: 123_556, reserved: 0, total: 123_556 })
    expect((await listTransactionsPage(w, await consumerToken(w, alice))).content.map((t) => t.id)).toEqual([body.id])
  })

  it('instant: an SCT_INST_RECEIVE; a suspended ledger still receives; another partner\'s ledger too (the control plane is not scoped)', async () => {
    const w = makeWorld()
    const olga = insertBankingConsumer(w, { partner: OTHER.partnerName })
    const ledger = insertLedger(w, { consumerId: olga.id, status: 'SUSPENDED' })
    const res = await w.call('POST', incoming(ledger.id.toUpperCase()), { body: { amount: 5, debtorName: 'Mum', debtorIban: 'FR7630006000011234567890189', instant: true } })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ paymentType: 'SCT_INST_RECEIVE', status: 'APPROVED' })
    expect(balancesCents(w, ledger.id).total).toBe(500)
  })

  it('a closed ledger declines it (recorded, nothing credited); no IBAN yet: LEDGER_MUST_BE_UPGRADED; unknown: LEDGER_NOT_FOUND', async () => {
    const w = makeWorld()
    const alice = insertBankingConsumer(w)
    const closed = insertLedger(w, { consumerId: alice.id, status: 'CLOSED' })
    const res = await w.call('POST', incoming(closed.id), { body: { amount: 5, debtorName: 'Mum', debtorIban: 'FR7630006000011234567890189' } })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ status: 'DECLINED', information: { declineReason: 'BENEFICIARY_ACCOUNT_CLOSED_OR_STOPPED' } })
    expect(balancesCents(w, closed.id).total).toBe(0)
    const notUpgraded = insertLedger(w, { consumerId: alice.id, isUpgraded: false, iban: null })
    const mum = { debtorName: 'Mum', debtorIban: 'FR7630006000011234567890189' }
    await expectError(await w.call('POST', incoming(notUpgraded.id), { body: { amount: 5, ...mum } }), 409, 'LEDGER_MUST_BE_UPGRADED', 'Ledger must be upgraded to do this operation.')
    await expectError(await w.call('POST', incoming(MISSING_ID), { body: { amount: 5, ...mum } }), 404, 'LEDGER_NOT_FOUND', `Ledger with id ${MISSING_ID} was not found.`)
    const bad = await w.call('POST', incoming(closed.id), { body: { amount: 5.001, ...mum } })
    expect(bad.status).toBe(400)
    expect((await w.call('POST', incoming(closed.id), { body: { amount: 5, debtorIban: mum.debtorIban } })).status).toBe(400)
  })

  it('400 for an amount that is not > 0 with 2 decimals (nothing rounded, nothing booked) and for a debtor IBAN or BIC that is not one', async () => {
    const w = makeWorld()
    const alice = insertBankingConsumer(w)
    const ledger = insertLedger(w, { consumerId: alice.id })
    const mum = { debtorName: 'Mum', debtorIban: 'FR7630006000011234567890189' }
    for (const [amount, message] of [[1e-9, AMOUNT_OUT_OF_BOUNDS], [0.100000001, AMOUNT_OUT_OF_BOUNDS], [0, 'must be greater than 0']] as const) {
      const res = await w.call('POST', incoming(ledger.id), { body: { amount, ...mum } })
      expect(res.status, String(amount)).toBe(400)
      expect(((await res.json()) as { details: unknown[] }).details).toEqual([{ field: 'amount', rejectedValue: String(amount), message }])
    }
    for (const [members, field, message] of [
      [{ debtorIban: 'NOTANIBAN' }, 'debtorIban', 'must be a valid IBAN (ISO 13616: country, length, check digits)'],
      [{ debtorIban: 'FR7630006000011234567890188' }, 'debtorIban', 'must be a valid IBAN (ISO 13616: country, length, check digits)'],
      [{ debtorBic: 'NOT A BIC' }, 'debtorBic', 'must be a valid BIC'],
    ] as const) {
      const res = await w.call('POST', incoming(ledger.id), { body: { amount: 5, ...mum, ...members } })
      expect(res.status, JSON.stringify(members)).toBe(400)
      expect(((await res.json()) as { details: unknown[] }).details).toEqual([{ field, rejectedValue: Object.values(members)[0], message }])
    }
    expect(balancesCents(w, ledger.id).total).toBe(0)
    expect((await listTransactionsPage(w, await w.partnerToken(), `ledgerId=${ledger.id}`)).totalElements).toBe(0)
    // A valid IBAN given with spaces and in lower case is stored normalized.
    const ok = await w.call('POST', incoming(ledger.id), { body: { amount: 5, debtorName: 'Mum', debtorIban: 'fr76 3000 6000 0112 3456 7890 189', debtorBic: 'agrifrpp' } })
    expect(await ok.json()).toMatchObject({ sender: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' } })
  })
})

describe('POST /api/partner/transactions/simulate', () => {
  it('Credit Ledger: 200 without content; an APPROVED SCT_RECEIVE from the sandbox credits the ledger', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const alice = insertBankingConsumer(w)
    const ledger = insertLedger(w, { consumerId: alice.id })
    const res = await w.call('POST', SIMULATE, { token, body: { ledgerId: ledger.id, amount: 1000 } })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(balancesCents(w, ledger.id)).toEqual({ available: 100_000, reserved: 0, total: 100_000 })
    const page = await listTransactionsPage(w, token, `ledgerId=${ledger.id}`)
    expect(page.content).toEqual([expect.objectContaining({ type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_RECEIVE', status: 'APPROVED', amount: 1000, sender: { name: 'LINKCY SANDBOX' } })])
    expect(referenceErrors('GET', '/api/partner/transactions', 200, page)).toEqual([])
  })

  it('Credit Ledger of a ledger without a SEPA account: an INTER_LEDGER ACCOUNT_LOAD (not upgraded, USD), a Faster Payment on a GBP one', async () => {
    const w = makeWorld()
    setPartnerSettings(w, 'sandbox', { allowedLedgerTypes: ['EUR_FRANCE', 'GBP_GREAT_BRITAIN', 'USD_USA'] })
    const token = await w.partnerToken()
    const alice = insertBankingConsumer(w)
    const cases = [
      [insertLedger(w, { consumerId: alice.id, isUpgraded: false }), 'INTER_LEDGER', 'ACCOUNT_LOAD'],
      [insertLedger(w, { consumerId: alice.id, type: 'USD_USA' }), 'INTER_LEDGER', 'ACCOUNT_LOAD'],
      [insertLedger(w, { consumerId: alice.id, type: 'GBP_GREAT_BRITAIN' }), 'UK_CREDIT_TRANSFER', 'FASTER_PAYMENT_RECEIVE'],
    ] as const
    for (const [ledger, type, paymentType] of cases) {
      expect((await w.call('POST', SIMULATE, { token, body: { ledgerId: ledger.id, amount: 10 } })).status).toBe(200)
      expect((await w.call('POST', '/api/partner/ledgers/credit', { token, body: { ledgerId: ledger.id, amount: 5 } })).status).toBe(200)
      const page = await listTransactionsPage(w, token, `ledgerId=${ledger.id}`)
      expect(page.content.map((t) => [t.type, t.paymentType, t.status, t.currency])).toEqual([[type, paymentType, 'APPROVED', ledger.currency], [type, paymentType, 'APPROVED', ledger.currency]])
      expect(referenceErrors('GET', '/api/partner/transactions', 200, page)).toEqual([])
      expect(balancesCents(w, ledger.id).total).toBe(1500)
    }
  })

  it('Credit Ledger: at most 1000 with 2 decimals; LEDGER_NOT_FOUND (400) for another partner\'s ledger; LEDGER_MUST_BE_ACTIVE', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const alice = insertBankingConsumer(w)
    const ledger = insertLedger(w, { consumerId: alice.id })
    for (const [amount, message] of [
      [1000.01, 'must be less than or equal to 1000'], [0, 'must be greater than 0'], [1.005, AMOUNT_OUT_OF_BOUNDS],
      [1e-9, AMOUNT_OUT_OF_BOUNDS], [0.100000001, AMOUNT_OUT_OF_BOUNDS], [999.999999999, AMOUNT_OUT_OF_BOUNDS],
    ] as const) {
      const res = await w.call('POST', SIMULATE, { token, body: { ledgerId: ledger.id, amount } })
      expect(res.status, String(amount)).toBe(400)
      expect(((await res.json()) as { details: unknown[] }).details).toEqual([{ field: 'amount', rejectedValue: String(amount), message }])
    }
    const olga = insertBankingConsumer(w, { partner: OTHER.partnerName })
    const foreign = insertLedger(w, { consumerId: olga.id })
    await expectError(await w.call('POST', SIMULATE, { token, body: { ledgerId: foreign.id, amount: 1 } }), 400, 'LEDGER_NOT_FOUND', `Ledger with id ${foreign.id} was not found.`, { field: 'ledgerId', rejectedValue: foreign.id })
    const pending = insertLedger(w, { consumerId: alice.id, status: 'PENDING' })
    await expectError(await w.call('POST', SIMULATE, { token, body: { ledgerId: pending.id, amount: 1 } }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    expect(balancesCents(w, ledger.id).total).toBe(0)
  })

  it('card kinds are recognised; until cards exist the card (or authorization) is not found', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const cardId = '44444444-4444-4444-8444-444444444444'
    await expectError(await w.call('POST', SIMULATE, { token, body: { cardId, amount: 12.5, merchantName: 'Coffee', merchantCategoryCode: '5812' } }), 400, 'CARD_NOT_FOUND', `Card ${cardId} was not found.`, { field: 'cardId' })
    await expectError(await w.call('POST', SIMULATE, { token, body: { transactionId: MISSING_ID } }), 400, 'TRANSACTION_NOT_FOUND', `Transaction with id ${MISSING_ID} was not found.`, { field: 'transactionId' })
    expect((await w.call('POST', SIMULATE, { token, body: { amount: 5 } })).status).toBe(400)
    expect((await w.call('POST', SIMULATE, { body: { ledgerId: MISSING_ID, amount: 5 } })).status).toBe(401)
  })

  it('an end-user token may not simulate (403)', async () => {
    const w = makeWorld()
    const alice = insertBankingConsumer(w)
    const ledger = insertLedger(w, { consumerId: alice.id })
    expect((await w.call('POST', SIMULATE, { token: await consumerToken(w, alice), body: { ledgerId: ledger.id, amount: 5 } })).status).toBe(403)
  })
})
