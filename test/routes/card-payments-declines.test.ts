import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { cardRow, insertCard } from '../helpers/cards'
import { fetchTransaction, listTransactionsPage } from '../helpers/money'
import { declineOf, expectLedgerAgrees, fundedCard, SIMULATE, simAuthorize } from '../helpers/card-payments'
import { upsertRule } from '../../src/state/card-rules'
import { tx } from '../../src/state/store'

// Every reason a card authorization is declined: a DECLINED CARD_AUTHORIZATION with LinkCy's
// information.declineReason is booked, and no money moves.

const set = (w: TestWorld, table: 'cards' | 'ledgers' | 'consumers', id: string, columns: string) =>
  w.store.sqlite.prepare(`UPDATE ${table} SET ${columns} WHERE id = ?`).run(id)

describe('declined card authorizations', () => {
  it('each standing refusal gives its reason, books a DECLINED authorization and moves nothing', async () => {
    const cases: [string, (w: TestWorld, ids: { card: string; ledger: string; user: string }) => void, string][] = [
      ['card awaiting activation', (w, i) => set(w, 'cards', i.card, "status = 'AWAITING_ACTIVATION'"), 'CARD_NOT_ACTIVE'],
      ['card still creating', (w, i) => set(w, 'cards', i.card, "status = 'CREATING'"), 'CARD_NOT_ACTIVE'],
      ['card suspended (OTHER)', (w, i) => set(w, 'cards', i.card, "status = 'SUSPENDED', status_reason = 'OTHER', status_operator = 'END_USER'"), 'CARD_NOT_ACTIVE'],
      ['card suspended as lost', (w, i) => set(w, 'cards', i.card, "status = 'SUSPENDED', status_reason = 'LOST'"), 'LOST_CARD'],
      ['card closed as stolen', (w, i) => set(w, 'cards', i.card, "status = 'CLOSED', status_reason = 'STOLEN'"), 'STOLEN_CARD'],
      ['card closed (no reason)', (w, i) => set(w, 'cards', i.card, "status = 'CLOSED'"), 'CARD_NOT_ACTIVE'],
      ['card expired', (w, i) => set(w, 'cards', i.card, "status = 'EXPIRED'"), 'EXPIRED_CARD'],
      ['card past its expiry date', (w, i) => set(w, 'cards', i.card, `expires_at = ${w.store.clock.nowMs()}`), 'EXPIRED_CARD'],
      ['ledger closed', (w, i) => set(w, 'ledgers', i.ledger, "status = 'CLOSED'"), 'ACCOUNT_CLOSED'],
      ['card closed with its ledger', (w, i) => set(w, 'cards', i.card, "status = 'CLOSED', status_reason = 'LEDGER_CLOSED', status_operator = 'LINKCY'"), 'ACCOUNT_CLOSED'],
      ['ledger suspended', (w, i) => set(w, 'ledgers', i.ledger, "status = 'SUSPENDED'"), 'EXCEEDS_WITHDRAWAL_LIMIT'],
      ['end-user suspended', (w, i) => set(w, 'consumers', i.user, "suspension_status = 'SUSPENDED'"), 'EXCEEDS_WITHDRAWAL_LIMIT'],
    ]
    for (const [label, arrange, reason] of cases) {
      const w = makeWorld()
      const { token, ledger, card, alice } = await fundedCard(w, 50)
      arrange(w, { card: card.id, ledger: ledger.id, user: alice.id })
      const res = await w.call('POST', SIMULATE, { token, body: { cardId: card.id, amount: 10, merchantName: 'Shop', merchantCity: 'Lyon' } })
      expect(res.status, label).toBe(200)
      const [auth] = (await listTransactionsPage(w, token, `cardId=${card.id}`)).content
      expect(auth, label).toMatchObject({ type: 'CARD_AUTHORIZATION', status: 'DECLINED', amount: 10, information: { declineReason: reason }, merchant: { name: 'Shop', city: 'Lyon' } })
      await fetchTransaction(w, token, auth!.id)
      const after = await w.call('GET', `/api/partner/ledgers/${ledger.id}`, { token })
      expect(await after.json(), label).toMatchObject({ availableAmount: 50, reservedAmount: 0, totalAmount: 50 })
      expect((await listTransactionsPage(w, token, `cardId=${card.id}&showDeclinedTransaction=false`)).content, label).toEqual([])
    }
  })

  it('INSUFFICIENT_FUNDS beyond the available balance (a hold counts); the exact balance is approved', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 30)
    expect(declineOf(await simAuthorize(w, card.id, { amount: 20 }))).toBeUndefined()
    expect(declineOf(await simAuthorize(w, card.id, { amount: 10.01 }))).toBe('INSUFFICIENT_FUNDS')
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 1_000, reserved: 2_000, total: 3_000 })
    expect(await simAuthorize(w, card.id, { amount: 10 })).toMatchObject({ status: 'APPROVED' })
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 0, reserved: 3_000, total: 3_000 })
  })

  it('EXCEEDS_WITHDRAWAL_LIMIT when a card rule is crossed (the lower of the partner\'s and the end-user\'s)', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 500)
    tx(w.store, () => {
      upsertRule(w.store, card.partnerId, 'CARD', card.id, 'PARTNER', { type: 'DAILY_MAX_SPEND', value: 100 })
      upsertRule(w.store, card.partnerId, 'CARD', card.id, 'END_USER', { type: 'DAILY_MAX_SPEND', value: 50 })
    })
    expect(declineOf(await simAuthorize(w, card.id, { amount: 50 }))).toBeUndefined()
    expect(declineOf(await simAuthorize(w, card.id, { amount: 0.01 }))).toBe('EXCEEDS_WITHDRAWAL_LIMIT')
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 45_000, reserved: 5_000, total: 50_000 })
  })

  it('PIN: two wrong tries INCORRECT_PIN, the third locks (PIN_TRIES_EXCEEDED), then even the right PIN is refused until pin/reset', async () => {
    const w = makeWorld()
    const { token, ledger, card } = await fundedCard(w, 100, { pin: '1234' })
    const pay = (pin?: string) => simAuthorize(w, card.id, { amount: 1, ...(pin ? { pin } : {}) })
    const right = await pay('1234')
    expect(right).toMatchObject({ status: 'APPROVED', cardDetails: { cardPresent: 'PRESENT', inputMethod: 'EMV_CONTACT', holderPresent: 'PRESENT', terminalAttendance: 'ATTENDED', deviceFormFactor: 'CARD' } })
    expect(declineOf(await pay('0000'))).toBe('INCORRECT_PIN')
    expect(cardRow(w, card.id)).toMatchObject({ pinTries: 1, pinStatus: 'UNLOCKED' })
    expect(declineOf(await pay('1234'))).toBeUndefined() // a right PIN clears the counter
    expect(cardRow(w, card.id).pinTries).toBe(0)
    expect(declineOf(await pay('1111'))).toBe('INCORRECT_PIN')
    expect(declineOf(await pay('2222'))).toBe('INCORRECT_PIN')
    expect(declineOf(await pay('3333'))).toBe('PIN_TRIES_EXCEEDED')
    expect(cardRow(w, card.id)).toMatchObject({ pinTries: 3, pinStatus: 'LOCKED' })
    expect(declineOf(await pay('1234'))).toBe('PIN_TRIES_EXCEEDED')
    // Without a PIN (online, or contactless at a terminal) the card still pays.
    expect(declineOf(await pay())).toBeUndefined()
    expect(await simAuthorize(w, card.id, { amount: 1, cardPresent: true })).toMatchObject({ status: 'APPROVED', cardDetails: { inputMethod: 'EMV_CONTACTLESS' } })
    expect(await expectLedgerAgrees(w, token, ledger.id)).toEqual({ available: 9_600, reserved: 400, total: 10_000 })
    expect(JSON.stringify((await listTransactionsPage(w, token, `cardId=${card.id}`)).content)).not.toContain('"1234"')
  })

  it('after pin/reset the PIN waits for an online chip-and-PIN payment, which unlocks it; a virtual card has no PIN', async () => {
    const w = makeWorld()
    const { card, ledger } = await fundedCard(w, 100, { pin: '4321', pinStatus: 'WAITING_ONLINE_TRANSACTION', pinTries: 0 })
    expect(declineOf(await simAuthorize(w, card.id, { amount: 1, pin: '4321' }))).toBeUndefined()
    expect(cardRow(w, card.id).pinStatus).toBe('UNLOCKED')
    set(w, 'cards', card.id, "pin_status = 'UNLOCKING'")
    expect(declineOf(await simAuthorize(w, card.id, { amount: 1, pin: '4321' }))).toBe('PIN_TRIES_EXCEEDED')
    const virtual = insertCard(w, { ledgerId: ledger.id, type: 'VIRTUAL', pin: '4321' })
    expect(declineOf(await simAuthorize(w, virtual.id, { amount: 1, pin: '4321' }))).toBe('INCORRECT_PIN')
    expect(cardRow(w, virtual.id).pinTries).toBe(0)
    expect(declineOf(await simAuthorize(w, virtual.id, { amount: 1 }))).toBeUndefined()
  })

  it('the order of the checks: standing before PIN (no try counted), PIN before rules and funds', async () => {
    const w = makeWorld()
    const { card } = await fundedCard(w, 5, { pin: '1234' })
    set(w, 'cards', card.id, "status = 'SUSPENDED', status_reason = 'OTHER'")
    expect(declineOf(await simAuthorize(w, card.id, { amount: 100, pin: '0000' }))).toBe('CARD_NOT_ACTIVE')
    expect(cardRow(w, card.id).pinTries).toBe(0)
    set(w, 'cards', card.id, "status = 'ACTIVE', status_reason = NULL")
    expect(declineOf(await simAuthorize(w, card.id, { amount: 100, pin: '0000' }))).toBe('INCORRECT_PIN')
    expect(declineOf(await simAuthorize(w, card.id, { amount: 100, pin: '1234' }))).toBe('INSUFFICIENT_FUNDS')
  })
})
