import { describe, expect, it } from 'vitest'
import { tx } from '../../src/state/store'
import { recordTransaction, type TransactionInput } from '../../src/state/transactions'
import { OTHER, makeWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { insertBankingConsumer, insertLedger, listTransactionsPage, postInterLedger } from '../helpers/money'
import { accountToken } from '../helpers/partners'
import { referenceErrors } from '../helpers/reference'

// GET /api/partner/transactions (every filter, paging, sorting, scoping) and
// GET /api/partner/transactions/{transactionId} (each kind of the reference's anyOf).

const LIST = '/api/partner/transactions'
const HOUR = 3600 * 1000
const T0 = Date.parse('2026-01-15T10:00:00Z')
const CARD_ID = '22222222-2222-4222-8222-222222222222'

/** A world with two consumers, their ledgers, and one transaction of every kind at distinct hours. */
async function world() {
  const w = makeWorld()
  const token = await w.partnerToken()
  const alice = insertBankingConsumer(w)
  const bob = insertBankingConsumer(w, { firstName: 'Bob', lastName: 'Martin' })
  const a = insertLedger(w, { consumerId: alice.id, available: 500, friendlyName: 'Main' })
  const b = insertLedger(w, { consumerId: bob.id, available: 500 })
  const book = (hoursAgo: number, input: Partial<TransactionInput>) =>
    tx(w.store, () => recordTransaction(w.store, {
      partnerId: a.partnerId, type: 'SEPA_CREDIT_TRANSFER', paymentType: 'SCT_RECEIVE', status: 'APPROVED', amountCents: 100, currency: 'EUR',
      receiverLedgerId: a.id, receiverEndUserId: alice.id, sender: { name: 'ACME', iban: 'DE89370400440532013000' }, receiver: { ledgerId: a.id, endUserId: alice.id },
      creationDate: T0 - hoursAgo * HOUR, ...input,
    }))
  const ids = {
    sctIn: book(10, { information: { reference: 'Salary', clearingDate: T0 - 10 * HOUR } }).id,
    cardAuthReleased: book(9, {
      type: 'CARD_AUTHORIZATION', paymentType: 'PURCHASE', status: 'RELEASED', receiverLedgerId: null, receiverEndUserId: null,
      senderLedgerId: a.id, senderEndUserId: alice.id, cardId: CARD_ID,
      sender: { ledgerId: a.id, endUserId: alice.id, cardId: CARD_ID, cardFriendlyName: 'Visa' }, receiver: { name: 'Coffee Shop' },
      information: { clearingTransaction: { id: '33333333-3333-4333-8333-333333333333', date: T0 - 8 * HOUR } },
      details: {
        direction: 'DEBIT',
        merchant: { description: 'COFFEE SHOP PARIS', id: 'M1', name: 'Coffee Shop', city: 'Paris', country: 'FRA', categoryCode: '5812' },
        cardDetails: { truncatedPan: '1234', token: 'tok', terminalAttendance: 'ATTENDED', holderPresent: 'PRESENT', cardPresent: 'PRESENT', deviceFormFactor: 'CARD', inputMethod: 'EMV_CONTACTLESS' },
      },
    }).id,
    cardDeclined: book(8, {
      type: 'CARD_AUTHORIZATION', paymentType: 'PURCHASE', status: 'DECLINED', receiverLedgerId: null, receiverEndUserId: null,
      senderLedgerId: a.id, senderEndUserId: alice.id, cardId: CARD_ID, information: { declineReason: 'INSUFFICIENT_FUNDS' },
      details: { merchant: { description: 'SHOP', id: 'M2', name: 'Shop', city: 'Lyon', country: 'FRA', categoryCode: '5411' } },
    }).id,
    uk: book(7, { type: 'UK_CREDIT_TRANSFER', paymentType: 'FASTER_PAYMENT_RECEIVE', currency: 'GBP', sender: { name: 'UK Ltd', sortCode: '400515', accountNumber: '41234567' } }).id,
    fx: book(6, { type: 'FX', paymentType: 'UNKNOWN', status: 'ABORTED' }).id,
    acquiring: book(5, { type: 'ACQUIRING', paymentType: 'ACCOUNT_LOAD', details: { acquiring: { cardScheme: 'VISA', targetLedgerId: a.id }, netAmountCents: 98 } }).id,
    sdd: book(4, { type: 'SEPA_DIRECT_DEBIT', paymentType: 'SDD_SEND', status: 'PENDING', information: { sequence: 'ONE_OFF', reference: 'Gym' } }).id,
    bobOnly: book(3, { receiverLedgerId: b.id, receiverEndUserId: bob.id, receiver: { ledgerId: b.id, endUserId: bob.id } }).id,
  }
  const res = await postInterLedger(w, token, { ledgerFromId: b.id, ledgerToId: a.id, amount: 12.5 })
  const interLedger = ((await res.json()) as { id: string }).id
  return { w, token, alice, bob, a, b, ids: { ...ids, interLedger } }
}

const idsOf = (page: { content: Record<string, any>[] }) => page.content.map((t) => t.id as string)

describe('GET /transactions/{transactionId}', () => {
  it('presents every kind of the reference\'s anyOf (inter-ledger, SEPA, card, UK, other, acquiring)', async () => {
    const { w, token, ids } = await world()
    for (const id of Object.values(ids)) {
      const res = await w.call('GET', `${LIST}/${id}`, { token })
      expect(res.status).toBe(200)
      const body = (await res.json()) as Record<string, any>
      expect(referenceErrors('GET', `${LIST}/{transactionId}`, 200, body), `${body.type}`).toEqual([])
    }
    const card = (await (await w.call('GET', `${LIST}/${ids.cardAuthReleased}`, { token })).json()) as Record<string, any>
    expect(card).toMatchObject({
      type: 'CARD_AUTHORIZATION', status: 'RELEASED', direction: 'DEBIT', merchant: { name: 'Coffee Shop', categoryCode: '5812' },
      sender: { cardId: CARD_ID, cardFriendlyName: 'Visa' }, information: { clearingTransaction: { id: '33333333-3333-4333-8333-333333333333', date: '2026-01-15T02:00:00.000Z' } },
    })
    const sdd = (await (await w.call('GET', `${LIST}/${ids.sdd}`, { token })).json()) as Record<string, any>
    expect(sdd.information).toMatchObject({ sequence: 'ONE_OFF', reference: 'Gym' })
    const acquiring = (await (await w.call('GET', `${LIST}/${ids.acquiring}`, { token })).json()) as Record<string, any>
    expect(acquiring).toMatchObject({ details: { cardScheme: 'VISA' }, netAmount: 0.98 })
    const fx = (await (await w.call('GET', `${LIST}/${ids.fx}`, { token })).json()) as Record<string, any>
    expect(fx.information.clearingDate).toBe('2026-01-15T04:00:00.000Z')
  })

  it('TRANSACTION_NOT_FOUND (404): unknown, another partner\'s, another end-user\'s; a non-uuid id is a 400', async () => {
    const { w, token, bob, ids } = await world()
    await expectError(await w.call('GET', `${LIST}/${MISSING_ID}`, { token }), 404, 'TRANSACTION_NOT_FOUND', `Transaction with id ${MISSING_ID} was not found.`)
    const other = await w.partnerToken(OTHER)
    await expectError(await w.call('GET', `${LIST}/${ids.sctIn}`, { token: other }), 404, 'TRANSACTION_NOT_FOUND', `Transaction with id ${ids.sctIn} was not found.`)
    const bobToken = await consumerToken(w, bob)
    await expectError(await w.call('GET', `${LIST}/${ids.sctIn}`, { token: bobToken }), 404, 'TRANSACTION_NOT_FOUND', `Transaction with id ${ids.sctIn} was not found.`)
    expect((await w.call('GET', `${LIST}/${ids.interLedger}`, { token: bobToken })).status).toBe(200)
    expect((await w.call('GET', `${LIST}/${ids.interLedger.toUpperCase()}`, { token })).status).toBe(200)
    expect((await w.call('GET', `${LIST}/not-a-uuid`, { token })).status).toBe(400)
  })
})

describe('GET /transactions', () => {
  it('lists the partner\'s transactions newest first, in LinkCy\'s page envelope (reference schema)', async () => {
    const { w, token, ids } = await world()
    const page = await listTransactionsPage(w, token)
    expect(referenceErrors('GET', LIST, 200, page)).toEqual([])
    expect(page).toMatchObject({ totalElements: 9, page: 0, pageSize: 20 })
    expect(idsOf(page)).toEqual([ids.interLedger, ids.bobOnly, ids.sdd, ids.acquiring, ids.fx, ids.uk, ids.cardDeclined, ids.cardAuthReleased, ids.sctIn])
    const asc = await listTransactionsPage(w, token, 'sortDirection=ASC&sortAttribute=CREATION_DATE&pageSize=2&page=1')
    expect(asc).toMatchObject({ totalElements: 9, page: 1, pageSize: 2 })
    expect(idsOf(asc)).toEqual([ids.cardDeclined, ids.uk])
    expect(await listTransactionsPage(w, await w.partnerToken(OTHER))).toMatchObject({ content: [], totalElements: 0 })
  })

  it('filters by ledger, end-user and card (sender or receiver side)', async () => {
    const { w, token, alice, bob, a, b, ids } = await world()
    expect(idsOf(await listTransactionsPage(w, token, `ledgerId=${b.id}`))).toEqual([ids.interLedger, ids.bobOnly])
    expect(idsOf(await listTransactionsPage(w, token, `endUserId=${bob.id}`))).toEqual([ids.interLedger, ids.bobOnly])
    expect((await listTransactionsPage(w, token, `ledgerId=${a.id}`)).totalElements).toBe(8)
    expect((await listTransactionsPage(w, token, `endUserId=${alice.id}`)).totalElements).toBe(8)
    expect(idsOf(await listTransactionsPage(w, token, `cardId=${CARD_ID}`))).toEqual([ids.cardDeclined, ids.cardAuthReleased])
    expect((await listTransactionsPage(w, token, `ledgerId=${MISSING_ID}`)).totalElements).toBe(0)
  })

  it('filters by transaction types, payment types and statuses (repeated or comma-separated)', async () => {
    const { w, token, ids } = await world()
    expect(idsOf(await listTransactionsPage(w, token, 'transactionTypes=UK_CREDIT_TRANSFER&transactionTypes=FX'))).toEqual([ids.fx, ids.uk])
    expect(idsOf(await listTransactionsPage(w, token, 'transactionTypes=INTER_LEDGER,ACQUIRING'))).toEqual([ids.interLedger, ids.acquiring])
    expect(idsOf(await listTransactionsPage(w, token, 'paymentTypes=SDD_SEND,PURCHASE'))).toEqual([ids.sdd, ids.cardDeclined, ids.cardAuthReleased])
    expect(idsOf(await listTransactionsPage(w, token, 'status=PENDING&status=ABORTED'))).toEqual([ids.sdd, ids.fx])
    expect(idsOf(await listTransactionsPage(w, token, 'status=RELEASED'))).toEqual([ids.cardAuthReleased])
  })

  it('showReleasedTransaction / showDeclinedTransaction (default true) hide RELEASED, and DECLINED + ABORTED', async () => {
    const { w, token, ids } = await world()
    expect((await listTransactionsPage(w, token, 'showReleasedTransaction=true&showDeclinedTransaction=true')).totalElements).toBe(9)
    expect(idsOf(await listTransactionsPage(w, token, 'showReleasedTransaction=false'))).not.toContain(ids.cardAuthReleased)
    expect((await listTransactionsPage(w, token, 'showReleasedTransaction=false')).totalElements).toBe(8)
    const noDeclined = await listTransactionsPage(w, token, 'showDeclinedTransaction=false')
    expect(noDeclined.totalElements).toBe(7)
    expect(idsOf(noDeclined)).not.toContain(ids.fx)
    expect(idsOf(noDeclined)).not.toContain(ids.cardDeclined)
  })

  it('filters by creation date: startDate / endDate inclusive, "2022-05-16T10:30" style or with an offset', async () => {
    const { w, token, ids } = await world()
    expect(idsOf(await listTransactionsPage(w, token, 'startDate=2026-01-15T06:00&endDate=2026-01-15T07:00'))).toEqual([ids.bobOnly, ids.sdd])
    expect(idsOf(await listTransactionsPage(w, token, `startDate=${encodeURIComponent('2026-01-15T02:00:00+01:00')}&endDate=2026-01-15T03:00:00.000Z`))).toEqual([ids.uk, ids.cardDeclined, ids.cardAuthReleased])
    expect((await listTransactionsPage(w, token, 'startDate=2026-01-15T10:00:00Z')).totalElements).toBe(1)
    expect((await listTransactionsPage(w, token, 'startDate=2024-02-29T00:00&endDate=2026-01-15T23:59:59')).totalElements).toBeGreaterThan(1) // a leap day
  })

  it('400 for impossible dates and times (no rolling over into the next day or month)', async () => {
    const { w, token } = await world()
    for (const value of ['2026-11-31T00:00', '2026-02-29T00:00', '2026-01-15T24:00', '2026-01-15T10:60', '2026-01-15T10:00:60Z', '2026-01-15T10:00+19:00', '2026-01-15T10:00+01:60']) {
      for (const param of ['startDate', 'endDate']) {
        const res = await w.call('GET', `${LIST}?${param}=${encodeURIComponent(value)}`, { token })
        expect(res.status, `${param}=${value}`).toBe(400)
        const body = (await res.json()) as { details: { field: string; rejectedValue: string }[] }
        expect(body.details).toEqual([{ field: param, rejectedValue: value, message: 'must be a valid date-time' }])
        expect(referenceErrors('GET', LIST, 400, body)).toEqual([])
      }
    }
  })

  it('an end-user token lists only its own transactions (endUserId cannot widen it)', async () => {
    const { w, alice, bob, ids } = await world()
    const bobToken = await consumerToken(w, bob)
    expect(idsOf(await listTransactionsPage(w, bobToken))).toEqual([ids.interLedger, ids.bobOnly])
    expect(idsOf(await listTransactionsPage(w, bobToken, `endUserId=${alice.id}`))).toEqual([ids.interLedger])
  })

  it('answers 400 for unknown enum values, bad booleans, dates and ids; 403 without TRANSACTION_LIST', async () => {
    const { w, token } = await world()
    for (const query of ['transactionTypes=CASH', 'paymentTypes=NOPE', 'status=DONE', 'showDeclinedTransaction=maybe', 'startDate=yesterday', 'endDate=2026-13-45T99:00', 'ledgerId=12', 'pageSize=101', 'page=-1', 'sortAttribute=AMOUNT']) {
      const res = await w.call('GET', `${LIST}?${query}`, { token })
      expect(res.status, query).toBe(400)
      expect(referenceErrors('GET', LIST, 400, await res.json())).toEqual([])
    }
    const infoOnly = await accountToken(w, ['TRANSACTION_INFO'], 'info@sandbox.test')
    expect((await w.call('GET', LIST, { token: infoOnly.token })).status).toBe(403)
    expect((await w.call('GET', LIST)).status).toBe(401)
  })
})
