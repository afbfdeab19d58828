import { expect } from 'vitest'
import type { TestWorld } from './app'
import { insertCard, type CardOptions, type CardRowT } from './cards'
import { insertBankingConsumer, insertLedger, listTransactionsPage, setPartnerSettings, type LedgerRow } from './money'
import type { ConsumerRow } from '../../src/state/persons'

// Card payment fixtures: a funded ledger with a card, the sandbox simulate and /_sim payment calls,
// and the check that a ledger's balances agree with its transaction list.

export const SIMULATE = '/api/partner/transactions/simulate'

const cents = (amount: number) => Math.round(amount * 100)

export interface PaymentWorld {
  token: string
  alice: ConsumerRow
  ledger: LedgerRow
  card: CardRowT
}

/**
 * A banking consumer with an ACTIVE EUR ledger funded with `funds` euros through the sandbox credit
 * (so the transaction list explains the balance) and a card on it (ACTIVE physical unless `card` says).
 * Partner tokens of the sandbox partner live a year (tests move the clock by days).
 */
export async function fundedCard(w: TestWorld, funds = 100, card: Partial<CardOptions> = {}): Promise<PaymentWorld> {
  setPartnerSettings(w, 'sandbox', { accessTokenTtlSeconds: 365 * 24 * 3600 }) // the clock moves by days
  const token = await w.partnerToken()
  const alice = insertBankingConsumer(w)
  const ledger = insertLedger(w, { consumerId: alice.id, friendlyName: 'Main' })
  for (let left = funds; left > 0; left -= 1000) {
    const res = await w.call('POST', SIMULATE, { token, body: { ledgerId: ledger.id, amount: Math.min(left, 1000) } })
    expect(res.status, await res.clone().text()).toBe(200)
  }
  return { token, alice, ledger, card: insertCard(w, { ledgerId: ledger.id, ...card }) }
}

/** POST /_sim/cards/{cardId}/authorizations, asserting 201: the transaction as LinkCy shows it. */
export async function simAuthorize(w: TestWorld, cardId: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await w.call('POST', `/_sim/cards/${cardId}/authorizations`, { body })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as Record<string, any>
}

/** POST /_sim/cards/authorizations/{id}/{action} with a body, asserting `status`: the transaction. */
export async function simAuthorizationAction(w: TestWorld, transactionId: string, action: 'clear' | 'release' | 'reverse', body?: Record<string, unknown>, status = action === 'clear' ? 201 : 200): Promise<Record<string, any>> {
  const res = await w.call('POST', `/_sim/cards/authorizations/${transactionId}/${action}`, { body })
  expect(res.status, await res.clone().text()).toBe(status)
  return (await res.json()) as Record<string, any>
}

/** The decline reason of a presented transaction (undefined when approved). */
export const declineOf = (t: Record<string, any>): string | undefined => t.information?.declineReason

/**
 * Asserts that GET /ledgers/{id} agrees with GET /transactions?ledgerId: total = approved credits −
 * approved debits (card clearings by direction; authorizations move nothing), reserved = the APPROVED
 * card authorizations (still holding), available = total − reserved. Returns the balances in cents.
 */
export async function expectLedgerAgrees(w: TestWorld, token: string, ledgerId: string): Promise<{ available: number; reserved: number; total: number }> {
  const res = await w.call('GET', `/api/partner/ledgers/${ledgerId}`, { token })
  expect(res.status).toBe(200)
  const ledger = (await res.json()) as { totalAmount: number; availableAmount: number; reservedAmount: number }
  const page = await listTransactionsPage(w, token, `ledgerId=${ledgerId}&pageSize=100`)
  expect(page.totalElements).toBeLessThanOrEqual(100)
  let total = 0
  let reserved = 0
  for (const t of page.content) {
    const amount = cents(t.amount as number)
    if (t.type === 'CARD_AUTHORIZATION') {
      if (t.status === 'APPROVED') reserved += amount
    } else if (t.status === 'APPROVED') {
      const incoming = t.type === 'CARD_CLEARING' ? t.direction === 'CREDIT' : t.receiver?.ledgerId === ledgerId
      total += incoming ? amount : -amount
    }
  }
  const balances = { available: cents(ledger.availableAmount), reserved: cents(ledger.reservedAmount), total: cents(ledger.totalAmount) }
  expect(balances).toEqual({ available: total - reserved, reserved, total })
  return balances
}
