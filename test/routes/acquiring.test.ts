import { describe, expect, it } from 'vitest'
import { OTHER, makeWorld, type TestWorld } from '../helpers/app'
import { MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { balancesCents, insertBankingConsumer, insertLedger, listTransactionsPage, setPartnerSettings } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// Tag Acquiring and GET /api/partner/acquiring-configuration: payments and account loads through the
// simulated payment page, their documented refusals, and the ACQUIRING transactions they book.

const LOAD = '/api/partner/acquiring/account-load'
const PAYMENT = '/api/partner/acquiring/payment'
const TX = '/api/partner/acquiring/transactions/{transactionId}'
const CONFIG = '/api/partner/acquiring-configuration'

async function setUp(w: TestWorld, ledger: Record<string, unknown> = {}) {
  const token = await w.partnerToken()
  const alice = insertBankingConsumer(w)
  const target = insertLedger(w, { consumerId: alice.id, available: 5, ...ledger })
  return { token, alice, target }
}

async function startLoad(w: TestWorld, token: string, body: Record<string, unknown>): Promise<{ id: string; webPage: { ttl: string; url: string } }> {
  const res = await w.call('POST', LOAD, { token, body })
  expect(res.status).toBe(200)
  const created = (await res.json()) as { id: string; webPage: { ttl: string; url: string } }
  expect(referenceErrors('POST', LOAD, 200, created)).toEqual([])
  return created
}

async function getAcquiring(w: TestWorld, token: string, id: string): Promise<Record<string, any>> {
  const res = await w.call('GET', TX.replace('{transactionId}', id), { token })
  expect(res.status).toBe(200)
  const body = (await res.json()) as Record<string, any>
  expect(referenceErrors('GET', TX, 200, body)).toEqual([])
  return body
}

describe('GET /acquiring-configuration', () => {
  it('shows the sandbox partner its configuration (default fixture)', async () => {
    const w = makeWorld()
    const res = await w.call('GET', CONFIG, { token: await w.partnerToken() })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(referenceErrors('GET', CONFIG, 200, body)).toEqual([])
    expect(body).toEqual({ saleMerchantId: 'SIM-SALE-MERCHANT', loadMerchantId: 'SIM-LOAD-MERCHANT', loadRateFee: 1.5, loadFlatFee: 0.25, minLoad: 10, maxLoad: 1000 })
  })

  it('404 PARTNER_NOT_FOUND for a partner without acquiring, which cannot start one either', async () => {
    const w = makeWorld()
    const token = await w.partnerToken(OTHER)
    const otherId = w.loaded.partners['other-sandbox']!.id
    await expectError(await w.call('GET', CONFIG, { token }), 404, 'PARTNER_NOT_FOUND', `Partner ${otherId} was not found.`)
    const res = await w.call('POST', PAYMENT, { token, body: { amount: 10, redirectUrl: 'https://shop.test/back' } })
    await expectError(res, 404, 'PARTNER_NOT_FOUND', `Partner ${otherId} was not found.`)
  })
})

describe('POST /acquiring/account-load', () => {
  it('answers a page; paying it books an APPROVED ACQUIRING / ACCOUNT_LOAD crediting the net amount to the cent', async () => {
    const w = makeWorld()
    const { token, alice, target } = await setUp(w)
    const created = await startLoad(w, token, { amount: 33.33, targetLedgerId: target.id, reference: 'Top-up', redirectUrl: 'https://app.test/done' })
    expect(created.webPage).toEqual({ ttl: 'PT15M', url: expect.stringMatching(new RegExp(`/pages/acquiring/${created.id}$`)) })

    const pending = await getAcquiring(w, token, created.id)
    expect(pending).toMatchObject({ id: created.id, type: 'ACQUIRING', paymentType: 'ACCOUNT_LOAD', status: 'PENDING', amount: 33.33, netAmount: 32.58, fees: { partnerFee: 0.75 } })
    expect(balancesCents(w, target.id).available).toBe(500)

    const page = await w.call('GET', new URL(created.webPage.url).pathname)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('33.33 EUR')
    const paid = await w.call('POST', `/_sim/acquiring/${created.id}/pay`, { body: { cardNumber: '5555555555554444', cardHolderName: 'Jane Doe' } })
    expect(((await paid.json()) as { outcome: string }).outcome).toBe('APPROVED')

    expect(balancesCents(w, target.id)).toEqual({ available: 500 + 3258, reserved: 0, total: 3758 })
    const done = await getAcquiring(w, token, created.id)
    expect(done).toEqual({
      id: created.id, type: 'ACQUIRING', paymentType: 'ACCOUNT_LOAD', status: 'APPROVED', creationDate: '2026-01-15T10:00:00.000Z',
      amount: 33.33, currency: 'EUR', netAmount: 32.58, fees: { partnerFee: 0.75 },
      information: { originalAmount: 33.33, originalCurrency: 'EUR', conversionRate: '1', clearingDate: '2026-01-15T10:00:00.000Z', paymentDate: '2026-01-15', reference: 'Top-up' },
      sender: { name: 'Jane Doe' },
      receiver: { ledgerId: target.id, endUserId: alice.id },
      details: {
        endUserId: alice.id, targetLedgerId: target.id, cardHolderName: 'Jane Doe', cardIssuer: 'SIM BANK', cardType: 'DEBIT', cardScheme: 'MASTERCARD',
        cardIssuerCountryCode: 'FR', cardTruncPan: '555555******4444', threeDsCheck: 'AUTHENTICATED', paymentMethod: 'CARD',
      },
    })
    const list = await listTransactionsPage(w, token)
    expect(list.content.map((t) => t.id)).toContain(created.id)
    expect(referenceErrors('GET', '/api/partner/transactions', 200, list)).toEqual([])

    // Paying twice changes nothing.
    await w.call('POST', `/_sim/acquiring/${created.id}/pay`)
    expect(balancesCents(w, target.id).available).toBe(3758)
  })

  it('the page form pays (and redirects); cancelling declines without money; the declined test card declines', async () => {
    const w = makeWorld()
    const { token, target } = await setUp(w)
    const a = await startLoad(w, token, { amount: 100, targetLedgerId: target.id, redirectUrl: 'https://app.test/done' })
    const res = await w.call('POST', `/pages/acquiring/${a.id}`, { body: 'action=pay&cardNumber=4242424242424242&cardHolderName=Jane', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('https://app.test/done')
    expect(balancesCents(w, target.id).available).toBe(500 + 9825)

    const b = await startLoad(w, token, { amount: 50, targetLedgerId: target.id })
    await w.call('POST', `/_sim/acquiring/${b.id}/cancel`)
    expect(await getAcquiring(w, token, b.id)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'TRANSACTION_CANCELLED' } })

    const c = await startLoad(w, token, { amount: 50, targetLedgerId: target.id })
    await w.call('POST', `/_sim/acquiring/${c.id}/pay`, { body: { cardNumber: '4000000000000002' } })
    expect(await getAcquiring(w, token, c.id)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'TRANSACTION_UNAUTHORISED' } })
    expect(balancesCents(w, target.id).available).toBe(500 + 9825)
  })

  it('an expired page is ABORTED and pays nothing', async () => {
    const w = makeWorld()
    const { token, target } = await setUp(w)
    const a = await startLoad(w, token, { amount: 20, targetLedgerId: target.id })
    w.store.clock.advance(16 * 60 * 1000)
    expect((await w.call('GET', `/pages/acquiring/${a.id}`)).status).toBe(409)
    const res = await w.call('POST', `/_sim/acquiring/${a.id}/pay`)
    expect(((await res.json()) as { outcome: string }).outcome).toBe('EXPIRED')
    expect((await getAcquiring(w, token, a.id)).status).toBe('ABORTED')
    expect(balancesCents(w, target.id).available).toBe(500)
  })

  it('409 ACCOUNT_LOAD_LEDGER_NOT_FOUND for an unknown or another partner\'s ledger', async () => {
    const w = makeWorld()
    const { token } = await setUp(w)
    const bob = insertBankingConsumer(w, { partner: 'other-sandbox' })
    const foreign = insertLedger(w, { consumerId: bob.id })
    for (const targetLedgerId of [MISSING_ID, foreign.id]) {
      const res = await w.call('POST', LOAD, { token, body: { amount: 20, targetLedgerId } })
      await expectError(res, 409, 'ACCOUNT_LOAD_LEDGER_NOT_FOUND', 'Account Load Ledger not found for acquiring transaction.')
    }
  })

  it('409 LEDGER_MUST_NOT_BE_SUSPENDED, LEDGER_MUST_BE_ACTIVE', async () => {
    const w = makeWorld()
    const { token, target } = await setUp(w, { status: 'SUSPENDED' })
    await expectError(await w.call('POST', LOAD, { token, body: { amount: 20, targetLedgerId: target.id } }), 409, 'LEDGER_MUST_NOT_BE_SUSPENDED', 'Ledger must not be suspended to do this operation.')
    const pending = insertLedger(w, { consumerId: target.endUserId!, status: 'PENDING' })
    await expectError(await w.call('POST', LOAD, { token, body: { amount: 20, targetLedgerId: pending.id } }), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
  })

  it('409 ACCOUNT_LOAD_INCORRECT_AMOUNT outside [minLoad, maxLoad]; LEDGER_MUST_BE_PROVISIONED when fees eat the load', async () => {
    const w = makeWorld()
    const { token, target } = await setUp(w)
    for (const amount of [9.99, 1000.01]) {
      const res = await w.call('POST', LOAD, { token, body: { amount, targetLedgerId: target.id } })
      await expectError(res, 409, 'ACCOUNT_LOAD_INCORRECT_AMOUNT', 'Account Load amount should be between 10 and 1000 (EUR).')
    }
    setPartnerSettings(w, 'sandbox', { acquiring: { loadFlatFee: 20 } })
    const res = await w.call('POST', LOAD, { token, body: { amount: 15, targetLedgerId: target.id } })
    await expectError(res, 409, 'LEDGER_MUST_BE_PROVISIONED', 'Ledger must be provisioned to perform this operation.')
  })

  it('400 for bad input (amount with 3 decimals, non-uuid ledger)', async () => {
    const w = makeWorld()
    const { token, target } = await setUp(w)
    expect((await w.call('POST', LOAD, { token, body: { amount: 10.001, targetLedgerId: target.id } })).status).toBe(400)
    expect((await w.call('POST', LOAD, { token, body: { amount: 10, targetLedgerId: 'nope' } })).status).toBe(400)
    expect((await w.call('POST', LOAD, { token, body: { amount: -5, targetLedgerId: target.id } })).status).toBe(400)
  })
})

describe('POST /acquiring/payment', () => {
  it('books a PAYMENT that credits the configured sale ledger when paid', async () => {
    const w = makeWorld()
    const { token, alice, target } = await setUp(w)
    setPartnerSettings(w, 'sandbox', { acquiring: { saleLedgerId: target.id } })
    const res = await w.call('POST', PAYMENT, { token, body: { amount: 12.34, endUserId: alice.id, redirectUrl: 'https://shop.test/back', reference: 'Order 42' } })
    expect(res.status).toBe(200)
    const created = (await res.json()) as { id: string }
    expect(referenceErrors('POST', PAYMENT, 200, created)).toEqual([])
    await w.call('POST', `/_sim/acquiring/${created.id}/pay`)
    expect(await getAcquiring(w, token, created.id)).toMatchObject({ paymentType: 'PAYMENT', status: 'APPROVED', amount: 12.34, netAmount: 12.34, details: { endUserId: alice.id } })
    expect(balancesCents(w, target.id).available).toBe(500 + 1234)
  })

  it('400 without redirectUrl; 404 END_USER_NOT_FOUND for another partner\'s end-user', async () => {
    const w = makeWorld()
    const { token } = await setUp(w)
    expect((await w.call('POST', PAYMENT, { token, body: { amount: 10 } })).status).toBe(400)
    const bob = insertBankingConsumer(w, { partner: 'other-sandbox' })
    const res = await w.call('POST', PAYMENT, { token, body: { amount: 10, endUserId: bob.id, redirectUrl: 'https://shop.test' } })
    expect(res.status).toBe(404)
  })
})

describe('GET /acquiring/transactions/{transactionId}', () => {
  it('404 TRANSACTION_NOT_FOUND for an unknown id and for another partner', async () => {
    const w = makeWorld()
    const { token, target } = await setUp(w)
    const path = (id: string) => TX.replace('{transactionId}', id)
    await expectError(await w.call('GET', path(MISSING_ID), { token }), 404, 'TRANSACTION_NOT_FOUND', `Transaction with id ${MISSING_ID} was not found.`)
    const created = await startLoad(w, token, { amount: 20, targetLedgerId: target.id })
    const other = await w.partnerToken(OTHER)
    await expectError(await w.call('GET', path(created.id), { token: other }), 404, 'TRANSACTION_NOT_FOUND', `Transaction with id ${created.id} was not found.`)
    expect((await listTransactionsPage(w, other)).content.map((t) => t.id)).not.toContain(created.id)
  })
})
