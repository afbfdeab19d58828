import { describe, expect, it } from 'vitest'
import { OTHER, makeWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { cardNotFound, insertCard } from '../helpers/cards'
import { fetchTransaction, insertBankingConsumer, insertLedger, listTransactionsPage } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { expectLedgerAgrees, fundedCard, simAuthorizationAction, simAuthorize } from '../helpers/card-payments'

// The /_sim control plane of card payments: authorize (with PIN, in another currency), clear,
// release, reverse, refund — on any partner's card, answering the transaction as LinkCy shows it.

const TRANSACTION = '/api/partner/transactions/{transactionId}'

describe('POST /_sim/cards/{cardId}/authorizations and the authorization actions', () => {
  it('authorize → 201 with the transaction (reference shape); clear, release and reverse act on it', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 100)
    const auth = await simAuthorize(w, card.id, { amount: 25, merchantName: 'Book Store', merchantCategoryCode: '5942' })
    expect(referenceErrors('GET', TRANSACTION, 200, auth)).toEqual([])
    expect(auth).toMatchObject({ type: 'CARD_AUTHORIZATION', status: 'APPROVED', amount: 25, merchant: { name: 'Book Store', categoryCode: '5942', country: 'FRA' } })
    expect(auth.merchant.city).toEqual(expect.any(String))
    expect(await fetchTransaction(w, token, auth.id)).toEqual(auth)

    const clearing = await simAuthorizationAction(w, auth.id, 'clear', { amount: 24.5 })
    expect(referenceErrors('GET', TRANSACTION, 200, clearing)).toEqual([])
    expect(clearing).toMatchObject({ type: 'CARD_CLEARING', status: 'APPROVED', amount: 24.5, information: { originalTransaction: { id: auth.id } } })
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 7_550, reserved: 0, total: 7_550 })

    const released = await simAuthorizationAction(w, (await simAuthorize(w, card.id, { amount: 10 })).id, 'release')
    expect(referenceErrors('GET', TRANSACTION, 200, released)).toEqual([])
    expect(released).toMatchObject({ status: 'RELEASED', amount: 10 })
    const reversed = await simAuthorizationAction(w, (await simAuthorize(w, card.id, { amount: 5 })).id, 'reverse')
    expect(reversed).toMatchObject({ status: 'REVERSED', amount: 5 })
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 7_550, reserved: 0, total: 7_550 })
    // A released authorization may still be cleared late; a reversed one may not.
    expect(await simAuthorizationAction(w, released.id, 'clear')).toMatchObject({ type: 'CARD_CLEARING', amount: 10 })
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 6_550, reserved: 0, total: 6_550 })
    await expectError(await w.call('POST', `/_sim/cards/authorizations/${reversed.id}/clear`), 409, 'CARD_AUTHORIZATION_NOT_PENDING', `Card authorization ${reversed.id} cannot be cleared: it is REVERSED.`)
  })

  it('409 CARD_AUTHORIZATION_NOT_PENDING for what no longer holds money; 404 for unknown cards and authorizations; 400 for bad bodies', async () => {
    const w = makeWorld()
    const { token, card, ledger } = await fundedCard(w, 10)
    const declined = await simAuthorize(w, card.id, { amount: 50 })
    expect(declined).toMatchObject({ status: 'DECLINED', information: { declineReason: 'INSUFFICIENT_FUNDS' } })
    expect(referenceErrors('GET', TRANSACTION, 200, declined)).toEqual([])
    for (const action of ['clear', 'release', 'reverse'] as const) {
      const verb = { clear: 'cleared', release: 'released', reverse: 'reversed' }[action]
      await expectError(await w.call('POST', `/_sim/cards/authorizations/${declined.id}/${action}`), 409, 'CARD_AUTHORIZATION_NOT_PENDING', `Card authorization ${declined.id} cannot be ${verb}: it is DECLINED.`)
    }
    const auth = await simAuthorize(w, card.id, { amount: 1 })
    await simAuthorizationAction(w, auth.id, 'clear')
    await expectError(await w.call('POST', `/_sim/cards/authorizations/${auth.id}/release`), 409, 'CARD_AUTHORIZATION_NOT_PENDING', `Card authorization ${auth.id} cannot be released: it is already cleared.`)
    await expectError(await w.call('POST', `/_sim/cards/${MISSING_ID}/authorizations`, { body: { amount: 1 } }), 404, 'CARD_NOT_FOUND', cardNotFound(MISSING_ID))
    await expectError(await w.call('POST', `/_sim/cards/authorizations/${MISSING_ID}/clear`), 404, 'TRANSACTION_NOT_FOUND', `Transaction with id ${MISSING_ID} was not found.`)
    await expectError(await w.call('POST', '/_sim/cards/not-a-uuid/authorizations', { body: { amount: 1 } }), 404, 'CARD_NOT_FOUND', cardNotFound('not-a-uuid'))
    await expectError(await w.call('POST', '/_sim/cards/authorizations/not-a-uuid/reverse'), 404, 'TRANSACTION_NOT_FOUND', 'Transaction with id not-a-uuid was not found.')
    const credit = (await listTransactionsPage(w, token, `ledgerId=${ledger.id}&transactionTypes=SEPA_CREDIT_TRANSFER`)).content[0]!
    await expectError(await w.call('POST', `/_sim/cards/authorizations/${credit.id}/release`), 404, 'TRANSACTION_NOT_FOUND', `Transaction with id ${credit.id} was not found.`)
    for (const body of [{}, { amount: -1 }, { amount: 1, pin: '12' }, { amount: 1, currency: 'XXX' }, { amount: 1, merchantCategoryCode: 'food' }, { amount: 1, nope: true }, { amount: 1, merchantCountry: 'FRANCE' }]) {
      const res = await w.call('POST', `/_sim/cards/${card.id}/authorizations`, { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect((await w.call('POST', `/_sim/cards/authorizations/${auth.id}/clear`, { body: { amount: 0 } })).status).toBe(400)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 900, reserved: 0, total: 900 })
  })

  it('any partner\'s card (the control plane is not scoped), and the other partner sees it, not the sandbox partner', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const olga = insertBankingConsumer(w, { partner: OTHER.partnerName })
    const ledger = insertLedger(w, { consumerId: olga.id, available: 20 })
    const card = insertCard(w, { ledgerId: ledger.id })
    const auth = await simAuthorize(w, card.id.toUpperCase(), { amount: 2 })
    expect(auth.status).toBe('APPROVED')
    expect((await w.call('GET', `/api/partner/transactions/${auth.id}`, { token })).status).toBe(404)
    expect((await fetchTransaction(w, await w.partnerToken(OTHER), auth.id)).id).toBe(auth.id)
    // The end-user lists its own card payments.
    expect((await listTransactionsPage(w, await consumerToken(w, olga), `cardId=${card.id}`)).content.map((t) => t.id)).toEqual([auth.id])
  })

  it('a payment in another currency is converted at the simulator\'s rates, with the original amount shown', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 100)
    const auth = await simAuthorize(w, card.id, { amount: 10.8, currency: 'USD', merchantCountry: 'USA' })
    expect(auth).toMatchObject({ amount: 10, currency: 'EUR', information: { originalAmount: 10.8, originalCurrency: 'USD', conversionRate: '0.925926' } })
    const clearing = await simAuthorizationAction(w, auth.id, 'clear')
    expect(clearing).toMatchObject({ amount: 10, information: { originalAmount: 10.8, originalCurrency: 'USD' } })
    expect((await simAuthorize(w, card.id, { amount: 1000, currency: 'JPY' })).amount).toBe(6.25)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 8_375, reserved: 625, total: 9_000 })
  })
})

describe('POST /_sim/cards/{cardId}/refunds', () => {
  it('a refund credits the ledger back: a CARD_CLEARING PURCHASE_RETURN_OR_REFUND, direction CREDIT', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 100)
    const auth = await simAuthorize(w, card.id, { amount: 30, merchantName: 'Shoes', merchantCity: 'Nice' })
    const clearing = await simAuthorizationAction(w, auth.id, 'clear')
    const res = await w.call('POST', `/_sim/cards/${card.id}/refunds`, { body: { transactionId: auth.id, amount: 12.5 } })
    expect(res.status, await res.clone().text()).toBe(201)
    const refund = (await res.json()) as Record<string, any>
    expect(referenceErrors('GET', TRANSACTION, 200, refund)).toEqual([])
    expect(refund).toMatchObject({
      type: 'CARD_CLEARING', paymentType: 'PURCHASE_RETURN_OR_REFUND', status: 'APPROVED', direction: 'CREDIT', amount: 12.5,
      merchant: { name: 'Shoes', city: 'Nice' }, sender: { name: 'Shoes' }, receiver: { ledgerId: ledger.id, cardId: card.id },
      information: { originalTransaction: { id: clearing.id } },
    })
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 8_250, reserved: 0, total: 8_250 })
    // Without an original: a merchant credit of the given amount; the whole original by default.
    expect(((await (await w.call('POST', `/_sim/cards/${card.id}/refunds`, { body: { amount: 1, merchantName: 'Other' } })).json()) as { amount: number }).amount).toBe(1)
    expect(((await (await w.call('POST', `/_sim/cards/${card.id}/refunds`, { body: { transactionId: clearing.id } })).json()) as { amount: number }).amount).toBe(30)
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 11_350, reserved: 0, total: 11_350 })
    expect((await listTransactionsPage(w, token, `cardId=${card.id}`)).totalElements).toBe(5)
    // A refund is not refunded.
    await expectError(await w.call('POST', `/_sim/cards/${card.id}/refunds`, { body: { transactionId: refund.id } }), 409, 'CARD_AUTHORIZATION_NOT_PENDING', `Card authorization ${refund.id} cannot be refunded: it is not cleared.`)
  })

  it('refused: an uncleared or another card\'s original, no amount; DECLINED (nothing credited) on a closed ledger', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 100)
    const auth = await simAuthorize(w, card.id, { amount: 30 })
    await expectError(await w.call('POST', `/_sim/cards/${card.id}/refunds`, { body: { transactionId: auth.id } }), 409, 'CARD_AUTHORIZATION_NOT_PENDING', `Card authorization ${auth.id} cannot be refunded: it is not cleared.`)
    const other = insertCard(w, { ledgerId: ledger.id })
    await expectError(await w.call('POST', `/_sim/cards/${other.id}/refunds`, { body: { transactionId: auth.id } }), 400, 'TRANSACTION_NOT_FOUND', `Transaction with id ${auth.id} was not found.`, { field: 'transactionId', rejectedValue: auth.id })
    expect((await w.call('POST', `/_sim/cards/${card.id}/refunds`, { body: {} })).status).toBe(400)
    await expectError(await w.call('POST', `/_sim/cards/${MISSING_ID}/refunds`, { body: { amount: 1 } }), 404, 'CARD_NOT_FOUND', cardNotFound(MISSING_ID))
    await simAuthorizationAction(w, auth.id, 'release')
    w.store.sqlite.prepare("UPDATE ledgers SET status = 'CLOSED' WHERE id = ?").run(ledger.id)
    const res = await w.call('POST', `/_sim/cards/${card.id}/refunds`, { body: { amount: 5 } })
    expect(await res.json()).toMatchObject({ status: 'DECLINED', information: { declineReason: 'ACCOUNT_CLOSED' } })
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 10_000, reserved: 0, total: 10_000 })
  })
})
