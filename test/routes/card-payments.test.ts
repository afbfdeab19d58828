import { describe, expect, it } from 'vitest'
import { OTHER, makeWorld } from '../helpers/app'
import { MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { cardNotFound, insertCard } from '../helpers/cards'
import { advanceClock, fetchTransaction, insertBankingConsumer, insertLedger, listTransactionsPage, setPartnerSettings } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { expectLedgerAgrees, fundedCard, SIMULATE, simAuthorize } from '../helpers/card-payments'

// Card payments through LinkCy's sandbox POST /transactions/simulate: an authorization reserves,
// the clearing settles (for the same or another amount), an authorization never cleared is released
// after the partner's authorizationReleaseDays. The ledger agrees with its transaction list throughout.

const DAY = 86_400

describe('card authorization and clearing through POST /transactions/simulate', () => {
  it('an approved authorization reserves; the clearing settles; the list shows the card branch, filtered by cardId', async () => {
    const w = makeWorld()
    const { token, ledger, card, alice } = await fundedCard(w, 100, { friendlyName: 'My card' })
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 10_000, reserved: 0, total: 10_000 })

    const res = await w.call('POST', SIMULATE, {
      token, body: { cardId: card.id, amount: 12.34, merchantName: 'Coffee Shop', merchantCity: 'Paris', merchantCountry: 'FRA', merchantId: 'M-1', merchantCategoryCode: '5812' },
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.text()).toBe('')
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 8_766, reserved: 1_234, total: 10_000 })

    const page = await listTransactionsPage(w, token, `cardId=${card.id}`)
    expect(referenceErrors('GET', '/api/partner/transactions', 200, page)).toEqual([])
    expect(page.content).toHaveLength(1)
    const auth = page.content[0]!
    expect(auth).toEqual({
      id: expect.any(String), type: 'CARD_AUTHORIZATION', paymentType: 'PURCHASE', status: 'APPROVED', creationDate: '2026-01-15T10:00:00.000Z',
      amount: 12.34, currency: 'EUR', information: { originalAmount: 12.34, originalCurrency: 'EUR', conversionRate: '1' },
      sender: { name: 'Jane Doe', ledgerId: ledger.id, endUserId: alice.id, ledgerFriendlyName: 'Main', cardId: card.id, cardFriendlyName: 'My card' },
      receiver: { name: 'Coffee Shop' },
      merchant: { id: 'M-1', name: 'Coffee Shop', city: 'Paris', country: 'FRA', categoryCode: '5812', description: 'COFFEE SHOP PARIS' },
      cardDetails: {
        truncatedPan: card.panLast4, token: expect.stringMatching(/^\d{9}$/), terminalAttendance: 'NO_TERMINAL_USED', holderPresent: 'NOT_PRESENT_E_COMMERCE',
        cardPresent: 'NOT_PRESENT', deviceFormFactor: 'UNKNOWN', inputMethod: 'E_COMMERCE',
      },
      direction: 'DEBIT',
    })
    expect(JSON.stringify(page)).not.toContain(card.pan)

    await w.store.clock.advance(3600_000)
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: auth.id } })).status).toBe(200)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 8_766, reserved: 0, total: 8_766 })
    const [clearing, released] = (await listTransactionsPage(w, token, `cardId=${card.id}`)).content
    expect(clearing).toMatchObject({
      type: 'CARD_CLEARING', paymentType: 'PURCHASE', status: 'APPROVED', amount: 12.34, direction: 'DEBIT', merchant: { name: 'Coffee Shop' },
      information: { originalTransaction: { id: auth.id, date: '2026-01-15T10:00:00.000Z' } },
    })
    expect(released).toMatchObject({ id: auth.id, status: 'RELEASED', information: { clearingTransaction: { id: clearing!.id, date: '2026-01-15T11:00:00.000Z' } } })
    await fetchTransaction(w, token, clearing!.id)
    await fetchTransaction(w, token, auth.id)
    // The end-user sees its own card transactions; showReleasedTransaction=false hides the released authorization.
    expect((await listTransactionsPage(w, token, `cardId=${card.id}&showReleasedTransaction=false`)).content.map((t) => t.id)).toEqual([clearing!.id])
  })

  it('a clearing for another amount: less gives the rest back; more takes it from available; beyond it, 409 and nothing changes', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 50)
    const a1 = await simAuthorize(w, card.id, { amount: 20 })
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: a1.id, amount: 18.5 } })).status).toBe(200)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 3_150, reserved: 0, total: 3_150 })

    const a2 = await simAuthorize(w, card.id, { amount: 10 })
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: a2.id, amount: 12 } })).status).toBe(200)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 1_950, reserved: 0, total: 1_950 })

    const a3 = await simAuthorize(w, card.id, { amount: 10 })
    await expectError(await w.call('POST', SIMULATE, { token, body: { transactionId: a3.id, amount: 30 } }), 409, 'LEDGER_MUST_BE_PROVISIONED', 'Ledger must be provisioned to perform this operation.')
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 950, reserved: 1_000, total: 1_950 })
    expect((await fetchTransaction(w, token, a3.id)).status).toBe('APPROVED')
    // Once the ledger is provisioned the same clearing goes through.
    expect((await w.call('POST', SIMULATE, { token, body: { ledgerId: ledger.id, amount: 20 } })).status).toBe(200)
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: a3.id, amount: 30 } })).status).toBe(200)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 950, reserved: 0, total: 950 })
  })

  it('a clearing is accepted on a suspended or closed card; a second clearing of the same authorization is refused', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 50)
    const auth = await simAuthorize(w, card.id, { amount: 5 })
    w.store.sqlite.prepare("UPDATE cards SET status = 'CLOSED', status_reason = 'LOST' WHERE id = ?").run(card.id)
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: auth.id } })).status).toBe(200)
    await expectError(await w.call('POST', SIMULATE, { token, body: { transactionId: auth.id } }), 409, 'CARD_AUTHORIZATION_NOT_PENDING', `Card authorization ${auth.id} cannot be cleared: it is already cleared.`)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 4_500, reserved: 0, total: 4_500 })
  })

  it('errors: another partner\'s card (400 CARD_NOT_FOUND); a transaction that is no card authorization of the partner (400 TRANSACTION_NOT_FOUND)', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 10)
    const olga = insertBankingConsumer(w, { partner: OTHER.partnerName })
    const foreignCard = insertCard(w, { ledgerId: insertLedger(w, { consumerId: olga.id, available: 10 }).id })
    await expectError(await w.call('POST', SIMULATE, { token, body: { cardId: foreignCard.id, amount: 1 } }), 400, 'CARD_NOT_FOUND', cardNotFound(foreignCard.id), { field: 'cardId', rejectedValue: foreignCard.id })
    await expectError(await w.call('POST', SIMULATE, { token, body: { cardId: MISSING_ID, amount: 1 } }), 400, 'CARD_NOT_FOUND', cardNotFound(MISSING_ID), { field: 'cardId', rejectedValue: MISSING_ID })
    const credit = (await listTransactionsPage(w, token, `ledgerId=${ledger.id}`)).content[0]!
    for (const id of [credit.id as string, MISSING_ID]) {
      await expectError(await w.call('POST', SIMULATE, { token, body: { transactionId: id } }), 400, 'TRANSACTION_NOT_FOUND', `Transaction with id ${id} was not found.`, { field: 'transactionId', rejectedValue: id })
    }
    const foreignAuth = await simAuthorize(w, foreignCard.id, { amount: 1 })
    await expectError(await w.call('POST', SIMULATE, { token, body: { transactionId: foreignAuth.id } }), 400, 'TRANSACTION_NOT_FOUND', `Transaction with id ${foreignAuth.id} was not found.`, { field: 'transactionId' })
    for (const body of [{ cardId: card.id, amount: 0 }, { cardId: card.id, amount: 1.001 }, { cardId: 'nope', amount: 1 }, { transactionId: 'nope' }, { cardId: card.id, amount: '1' }]) {
      expect((await w.call('POST', SIMULATE, { token, body })).status, JSON.stringify(body)).toBe(400)
    }
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 1_000, reserved: 0, total: 1_000 })
  })
})

describe('authorizations never cleared', () => {
  it('are RELEASED after 7 days of simulated time by default; a late clearing then debits the ledger', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 100)
    const auth = await simAuthorize(w, card.id, { amount: 40 })
    await advanceClock(w, 7 * DAY - 1)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 6_000, reserved: 4_000, total: 10_000 })
    await advanceClock(w, 1)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 10_000, reserved: 0, total: 10_000 })
    const released = await fetchTransaction(w, token, auth.id)
    expect(released).toMatchObject({ status: 'RELEASED', amount: 40 })
    expect(released.information.clearingTransaction).toBeUndefined()
    // The merchant clears late: the amount leaves the ledger directly.
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: auth.id } })).status).toBe(200)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 6_000, reserved: 0, total: 6_000 })
  })

  it('the partner setting authorizationReleaseDays sets the delay; a cleared authorization is left alone', async () => {
    const w = makeWorld()
    setPartnerSettings(w, 'sandbox', { authorizationReleaseDays: 2 })
    const { token, ledger, card } = await fundedCard(w, 100)
    const kept = await simAuthorize(w, card.id, { amount: 10 })
    const cleared = await simAuthorize(w, card.id, { amount: 20 })
    expect((await w.call('POST', SIMULATE, { token, body: { transactionId: cleared.id } })).status).toBe(200)
    await advanceClock(w, 2 * DAY)
    expect((await fetchTransaction(w, token, kept.id)).status).toBe('RELEASED')
    expect((await fetchTransaction(w, token, cleared.id)).information.clearingTransaction).toBeDefined()
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 8_000, reserved: 0, total: 8_000 })
  })

  it('a scenario may declare authorizationReleaseDays (and not a negative one)', async () => {
    const w = makeWorld()
    const load = (settings: Record<string, unknown>) => w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'sandbox', settings }] } })
    expect((await load({ authorizationReleaseDays: 1 })).status).toBe(201)
    expect((await load({ authorizationReleaseDays: -1 })).status).toBe(400)
    const { token, ledger, card } = await fundedCard(w, 10)
    await simAuthorize(w, card.id, { amount: 10 })
    await advanceClock(w, DAY)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 1_000, reserved: 0, total: 1_000 })
  })
})
