import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { insertCard, type CardRowT } from '../helpers/cards'
import { declineOf, fundedCard, simAuthorizationAction, simAuthorize } from '../helpers/card-payments'
import { BY_PASS, insertBankingConsumer, insertLedger } from '../helpers/money'
import { evaluateCardRules, upsertRule, windowStart } from '../../src/state/card-rules'
import type { CardRuleType } from '../../src/state/db/tables/card-profiles'
import { tx } from '../../src/state/store'
import { recordTransaction, type TransactionStatus } from '../../src/state/transactions'

// The spend-rule evaluator card payments call: windows (UTC day, Monday-started week, month) on the
// simulator clock, what counts as spent, and the most restrictive rule winning.

const at = (text: string) => Date.parse(text)
const DECLINED = { allowed: false, declineReason: 'EXCEEDS_WITHDRAWAL_LIMIT' }

function setup(w: TestWorld): CardRowT {
  const jane = insertBankingConsumer(w)
  return insertCard(w, { ledgerId: insertLedger(w, { consumerId: jane.id, available: 10_000 }).id })
}

function rule(w: TestWorld, card: CardRowT, type: CardRuleType, value: number, creator: 'PARTNER' | 'END_USER' = 'PARTNER'): void {
  tx(w.store, () => upsertRule(w.store, card.partnerId, 'CARD', card.id, creator, { type, value }))
}

/** Books a card transaction row dated `when` (as card payments would). */
function spend(
  w: TestWorld, card: CardRowT, when: string, cents: number,
  more: { type?: string; status?: TransactionStatus; related?: string; direction?: 'DEBIT' | 'CREDIT'; paymentType?: string } = {},
): string {
  return tx(w.store, () => recordTransaction(w.store, {
    partnerId: card.partnerId, type: more.type ?? 'CARD_AUTHORIZATION', paymentType: more.paymentType ?? 'PURCHASE', status: more.status ?? 'APPROVED',
    amountCents: cents, currency: 'EUR', senderLedgerId: card.ledgerId, cardId: card.id, relatedTransactionId: more.related ?? null,
    details: { direction: more.direction ?? 'DEBIT' }, creationDate: at(when),
  }).id)
}

describe('evaluateCardRules', () => {
  it('windows: the UTC day, the week from Monday 00:00 UTC, the calendar month', () => {
    expect(windowStart('DAILY_MAX_SPEND', at('2026-01-15T23:59:59.999Z'))).toBe(at('2026-01-15T00:00:00Z'))
    expect(windowStart('WEEKLY_MAX_SPEND', at('2026-01-15T10:00:00Z'))).toBe(at('2026-01-12T00:00:00Z')) // a Thursday
    expect(windowStart('WEEKLY_MAX_SPEND', at('2026-01-18T23:00:00Z'))).toBe(at('2026-01-12T00:00:00Z')) // Sunday
    expect(windowStart('WEEKLY_MAX_SPEND', at('2026-01-19T00:00:00Z'))).toBe(at('2026-01-19T00:00:00Z')) // Monday
    expect(windowStart('MONTHLY_MAX_SPEND', at('2026-02-28T12:00:00Z'))).toBe(at('2026-02-01T00:00:00Z'))
  })

  it('no rule: everything is allowed', () => {
    const w = makeWorld()
    const card = setup(w)
    expect(evaluateCardRules(w.store, card, 1_000_000_00, at('2026-01-15T10:00:00Z'))).toEqual({ allowed: true })
  })

  it('a daily rule (value in whole euros) allows up to the limit within the day and resets at midnight UTC', () => {
    const w = makeWorld()
    const card = setup(w)
    rule(w, card, 'DAILY_MAX_SPEND', 100)
    spend(w, card, '2026-01-15T08:00:00Z', 60_00)
    spend(w, card, '2026-01-14T23:59:59Z', 90_00) // yesterday
    expect(evaluateCardRules(w.store, card, 40_00, at('2026-01-15T10:00:00Z'))).toEqual({ allowed: true })
    expect(evaluateCardRules(w.store, card, 40_01, at('2026-01-15T10:00:00Z'))).toEqual({ ...DECLINED, ruleType: 'DAILY_MAX_SPEND' })
    expect(evaluateCardRules(w.store, card, 100_00, at('2026-01-16T00:00:00Z'))).toEqual({ allowed: true })
  })

  it('a weekly rule counts Monday to the instant; a monthly rule the calendar month', () => {
    const w = makeWorld()
    const card = setup(w)
    rule(w, card, 'WEEKLY_MAX_SPEND', 200)
    rule(w, card, 'MONTHLY_MAX_SPEND', 500)
    spend(w, card, '2026-01-11T12:00:00Z', 150_00) // previous week's Sunday
    spend(w, card, '2026-01-12T00:00:00Z', 150_00) // Monday
    expect(evaluateCardRules(w.store, card, 50_00, at('2026-01-18T23:00:00Z'))).toEqual({ allowed: true })
    expect(evaluateCardRules(w.store, card, 50_01, at('2026-01-18T23:00:00Z'))).toEqual({ ...DECLINED, ruleType: 'WEEKLY_MAX_SPEND' })
    expect(evaluateCardRules(w.store, card, 200_00, at('2026-01-19T09:00:00Z'))).toEqual({ allowed: true })
    spend(w, card, '2026-01-20T00:00:00Z', 190_00)
    // January: 150 + 150 + 190 = 490 spent; 10 left this month, a fresh month on February 1st.
    expect(evaluateCardRules(w.store, card, 10_01, at('2026-01-31T10:00:00Z'))).toEqual({ ...DECLINED, ruleType: 'MONTHLY_MAX_SPEND' })
    expect(evaluateCardRules(w.store, card, 200_00, at('2026-02-02T10:00:00Z'))).toEqual({ allowed: true })
  })

  it('counts approved holds and clearings (at the authorization’s date); not declines, releases, reversals or refunds', () => {
    const w = makeWorld()
    const card = setup(w)
    rule(w, card, 'DAILY_MAX_SPEND', 100)
    spend(w, card, '2026-01-15T01:00:00Z', 500_00, { status: 'DECLINED' })
    spend(w, card, '2026-01-15T02:00:00Z', 500_00, { status: 'RELEASED' }) // released without a clearing
    spend(w, card, '2026-01-15T03:00:00Z', 500_00, { status: 'REVERSED' })
    const cleared = spend(w, card, '2026-01-15T04:00:00Z', 50_00, { status: 'RELEASED' })
    spend(w, card, '2026-01-16T09:00:00Z', 30_00, { type: 'CARD_CLEARING', related: cleared }) // cleared the next day for less
    spend(w, card, '2026-01-15T05:00:00Z', 20_00, { type: 'CARD_CLEARING' }) // a clearing without authorization
    spend(w, card, '2026-01-15T06:00:00Z', 45_00, { type: 'CARD_CLEARING', direction: 'CREDIT', paymentType: 'PURCHASE_RETURN_OR_REFUND' })
    // Spent on the 15th: 30 (the clearing, dated by its authorization) + 20 = 50.
    expect(evaluateCardRules(w.store, card, 50_00, at('2026-01-16T10:00:00Z'))).toEqual({ allowed: true })
    expect(evaluateCardRules(w.store, card, 50_00, at('2026-01-15T10:00:00Z'))).toEqual({ allowed: true })
    expect(evaluateCardRules(w.store, card, 50_01, at('2026-01-15T10:00:00Z'))).toMatchObject({ allowed: false })
  })

  it('the more restrictive of the partner’s and the end-user’s rule applies; LinkCy’s 0 blocks everything', () => {
    const w = makeWorld()
    const card = setup(w)
    rule(w, card, 'DAILY_MAX_SPEND', 100, 'PARTNER')
    rule(w, card, 'DAILY_MAX_SPEND', 30, 'END_USER')
    const now = at('2026-01-15T10:00:00Z')
    expect(evaluateCardRules(w.store, card, 30_01, now)).toEqual({ ...DECLINED, ruleType: 'DAILY_MAX_SPEND' })
    expect(evaluateCardRules(w.store, card, 30_00, now)).toEqual({ allowed: true })
    tx(w.store, () => upsertRule(w.store, card.partnerId, 'CARD', card.id, 'LINKCY', { type: 'DAILY_MAX_SPEND', value: 0, name: 'LEDGER_SUSPENSION' }))
    expect(evaluateCardRules(w.store, card, 1, now)).toEqual({ ...DECLINED, ruleType: 'DAILY_MAX_SPEND' })
  })
})

describe('a daily-spend rule through card payments', () => {
  it('declines the payment that crosses it, and no other', async () => {
    const w = makeWorld()
    const { token, card } = await fundedCard(w, 1000)
    expect((await w.call('PUT', `/api/partner/cards/${card.id}/rules`, { token, body: { type: 'DAILY_MAX_SPEND', value: 100 }, headers: BY_PASS })).status).toBe(204)

    const first = await simAuthorize(w, card.id, { amount: 60 })
    expect(first.status).toBe('APPROVED')
    await simAuthorizationAction(w, first.id, 'clear')
    const second = await simAuthorize(w, card.id, { amount: 30 })
    expect(second.status).toBe('APPROVED')
    const crossing = await simAuthorize(w, card.id, { amount: 10.01 })
    expect(crossing.status).toBe('DECLINED')
    expect(declineOf(crossing)).toBe('EXCEEDS_WITHDRAWAL_LIMIT')
    const fits = await simAuthorize(w, card.id, { amount: 10 })
    expect(fits.status).toBe('APPROVED')
    expect(declineOf(fits)).toBeUndefined()

    // The next UTC day starts afresh.
    await w.store.clock.advance(24 * 3600_000)
    const tomorrow = await simAuthorize(w, card.id, { amount: 100 })
    expect(tomorrow.status).toBe('APPROVED')
  })
})
