import { describe, expect, it } from 'vitest'
import { makeWorld, OTHER, type TestWorld } from '../helpers/app'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import {
  advanceClock, balancesCents, createdId, fetchTransaction, insertBankingConsumer, insertLedger, insertMandate, listTransactionsPage, mandateRow,
  setPartnerSettings, standingMessage, type LedgerRow, type StandingCode,
} from '../helpers/money'

const PATH = '/api/partner/transactions/direct-debit'
const MONDAY = '2026-01-19' // the world starts on Thursday 2026-01-15 10:00 UTC: the first TARGET day at J+2 or later
const HOURS = 3600 * 1000

/** A creditor (jane) with an ACTIVE ledger, and the helpers to collect on her mandates. */
function creditorWorld() {
  const w = makeWorld()
  const jane = insertBankingConsumer(w, { firstName: 'Jane', lastName: 'Creditor' })
  const ledger = insertLedger(w, { consumerId: jane.id })
  return { w, jane, ledger }
}

const collect = (w: TestWorld, token: string, b: Record<string, unknown>) => w.call('POST', PATH, { token, body: b })
const order = (mandateId: string, ledgerId: string, extra: Record<string, unknown> = {}) =>
  ({ mandateId, ledgerId, date: MONDAY, amount: 30.25, reference: 'Invoice 42', ...extra })

const collected = async (w: TestWorld, token: string, b: Record<string, unknown>): Promise<string> => createdId(await collect(w, token, b), PATH)

/** Moves the clock to the collection date (midnight UTC) and lets the world catch up. */
async function reachMonday(w: TestWorld): Promise<void> {
  w.store.clock.set(Date.parse(`${MONDAY}T00:00:00Z`))
  await w.call('GET', '/api/partner/transactions')
}

const debtorOf = (l: LedgerRow) => ({ debtorIban: l.iban, debtorBic: l.bicOrSwift, debtorLedgerId: l.id })

describe('POST /api/partner/transactions/direct-debit', () => {
  it('books a PENDING collection; at the date money leaves the debtor\'s simulated ledger and arrives on the creditor\'s', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    const john = insertBankingConsumer(w, { firstName: 'John', lastName: 'Debtor' })
    const johnLedger = insertLedger(w, { consumerId: john.id, available: 100 })
    const mandate = insertMandate(w, { consumerId: jane.id, ...debtorOf(johnLedger) })
    const id = await collected(w, token, order(mandate.id, ledger.id))

    expect(await fetchTransaction(w, token, id)).toMatchObject({
      type: 'SEPA_DIRECT_DEBIT', paymentType: 'SDD_SEND', status: 'PENDING', amount: 30.25, currency: 'EUR',
      information: { reference: 'Invoice 42', sequence: 'FIRST' },
      sender: { name: 'John Debtor', iban: johnLedger.iban, ledgerId: johnLedger.id, endUserId: john.id },
      receiver: { ledgerId: ledger.id, endUserId: jane.id },
    })
    expect(balancesCents(w, ledger.id).total).toBe(0)
    w.store.clock.advance(24 * HOURS) // Friday: not yet
    await w.call('GET', '/api/partner/transactions')
    expect(balancesCents(w, johnLedger.id).total).toBe(10_000)

    await reachMonday(w)
    token = await w.partnerToken() // access tokens live one hour
    expect(await fetchTransaction(w, token, id)).toMatchObject({ status: 'APPROVED', information: { clearingDate: '2026-01-19T00:00:00.000Z' } })
    expect(balancesCents(w, ledger.id)).toEqual({ available: 3025, reserved: 0, total: 3025 })
    expect(balancesCents(w, johnLedger.id)).toEqual({ available: 6975, reserved: 0, total: 6975 })
    const johnsList = await listTransactionsPage(w, await consumerToken(w, john))
    expect(johnsList.content).toHaveLength(1)
    expect(johnsList.content[0]).toMatchObject({
      type: 'SEPA_DIRECT_DEBIT', paymentType: 'SDD_RECEIVE', status: 'APPROVED', amount: 30.25,
      sender: { ledgerId: johnLedger.id }, receiver: { ledgerId: ledger.id },
    })
    // The next collection on this recurring mandate is a RECURRING one.
    const next = await collected(w, token, order(mandate.id, ledger.id, { date: '2026-01-21' }))
    expect((await fetchTransaction(w, token, next)).information.sequence).toBe('RECURRING')
  })

  it('an external debtor always pays; an end-user collects on its own mandate (ledgerToId of newer versions accepted)', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await consumerToken(w, jane)
    const mandate = insertMandate(w, { consumerId: jane.id, recurring: false })
    const id = await collected(w, token, { mandateId: mandate.id, ledgerToId: ledger.id, date: MONDAY, amount: 12, reference: 'Once' })
    expect((await fetchTransaction(w, token, id)).information.sequence).toBe('ONE_OFF')
    await reachMonday(w)
    token = await consumerToken(w, jane) // access tokens live one hour
    expect((await fetchTransaction(w, token, id)).status).toBe('APPROVED')
    expect(balancesCents(w, ledger.id).available).toBe(1200)
  })

  it('an end-user cannot take another end-user\'s money by itself: its mandate on their ledger FAILS and their ledger id stays hidden', async () => {
    const { w, jane, ledger } = creditorWorld()
    setPartnerSettings(w, 'sandbox', { mandatesForConsumers: true })
    const carol = insertBankingConsumer(w, { firstName: 'Carol', lastName: 'Debtor' })
    const carolLedger = insertLedger(w, { consumerId: carol.id, available: 500 })
    const janeSavings = insertLedger(w, { consumerId: jane.id, available: 500 })
    const janeToken = await consumerToken(w, jane)
    const mandateOn = async (l: LedgerRow): Promise<string> => createdId(await w.call('POST', '/api/partner/mandates', {
      token: janeToken, body: { friendlyName: 'Pull', recurring: true, debtor: { type: 'PERSON', name: 'Debtor', bankingDetails: { iban: l.iban, bic: l.bicOrSwift } } },
    }), '/api/partner/mandates')
    const onCarol = await mandateOn(carolLedger)
    const onOwn = await mandateOn(janeSavings)
    const debtorSeenBy = async (token: string, id: string) => ((await (await w.call('GET', `/api/partner/mandates/${id}`, { token })).json()) as { debtor: Record<string, unknown> }).debtor
    // Another end-user's ledger id is never shown to an end-user token; its own is, and the partner sees both.
    expect(await debtorSeenBy(janeToken, onCarol)).not.toHaveProperty('ledgerId')
    expect((await debtorSeenBy(janeToken, onOwn)).ledgerId).toBe(janeSavings.id)
    expect((await debtorSeenBy(await w.partnerToken(), onCarol)).ledgerId).toBe(carolLedger.id)
    const listed = (await (await w.call('GET', '/api/partner/mandates', { token: janeToken })).json()) as { content: { id: string; debtor: Record<string, unknown> }[] }
    expect(listed.content.find((m) => m.id === onCarol)!.debtor).not.toHaveProperty('ledgerId')

    // Activated with jane's own token: LinkCy (also carol's bank) refuses a mandate on carol's ledger.
    for (const id of [onCarol, onOwn]) expect((await w.call('POST', `/api/partner/mandates/${id}/activate`, { token: janeToken })).status).toBe(200)
    await advanceClock(w, 2)
    expect(mandateRow(w, onCarol).status).toBe('FAILED')
    expect(mandateRow(w, onOwn).status).toBe('ACTIVATED')
    await expectError(await collect(w, janeToken, order(onCarol, ledger.id)), 409, 'MANDATE_MUST_BE_ACTIVE', `Direct debit mandate with id ${onCarol} must be validated`)
    await collected(w, janeToken, order(onOwn, ledger.id, { amount: 10 }))

    // Activated by the partner (which holds the signed mandate), the collection is honoured.
    expect((await w.call('POST', `/api/partner/mandates/${onCarol}/activate`, { token: await w.partnerToken() })).status).toBe(200)
    await advanceClock(w, 2)
    expect(mandateRow(w, onCarol).status).toBe('ACTIVATED')
    await collected(w, janeToken, order(onCarol, ledger.id, { amount: 20 }))
    await reachMonday(w)
    expect(balancesCents(w, carolLedger.id).total).toBe(48_000)
    expect(balancesCents(w, janeSavings.id).total).toBe(49_000)
    expect(balancesCents(w, ledger.id).total).toBe(3_000)
  })

  it('declines when the debtor\'s ledger is short (INSUFFICIENT_FUNDS) or suspended (TRANSACTION_UNAUTHORISED); nothing moves', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    const poor = insertLedger(w, { consumerId: insertBankingConsumer(w).id, available: 30.24 })
    const frozen = insertLedger(w, { consumerId: insertBankingConsumer(w).id, available: 500, status: 'SUSPENDED' })
    const short = await collected(w, token, order(insertMandate(w, { consumerId: jane.id, ...debtorOf(poor) }).id, ledger.id))
    const blocked = await collected(w, token, order(insertMandate(w, { consumerId: jane.id, ...debtorOf(frozen) }).id, ledger.id))
    await reachMonday(w)
    token = await w.partnerToken() // access tokens live one hour
    expect(await fetchTransaction(w, token, short)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'INSUFFICIENT_FUNDS' } })
    expect(await fetchTransaction(w, token, blocked)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'TRANSACTION_UNAUTHORISED' } })
    expect(balancesCents(w, ledger.id).total).toBe(0)
    expect(balancesCents(w, poor.id).total).toBe(3024)
    expect(balancesCents(w, frozen.id).total).toBe(50_000)
    const poorSide = (await listTransactionsPage(w, token, `ledgerId=${poor.id}`)).content
    expect(poorSide.map((t) => [t.paymentType, t.status, t.information.declineReason])).toEqual([['SDD_RECEIVE', 'DECLINED', 'INSUFFICIENT_FUNDS']])
  })

  it('a debtor ledger of another partner is debited without disclosing ids across partners', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    const olga = insertBankingConsumer(w, { partner: 'other-sandbox' })
    const olgaLedger = insertLedger(w, { consumerId: olga.id, available: 50 })
    const id = await collected(w, token, order(insertMandate(w, { consumerId: jane.id, ...debtorOf(olgaLedger) }).id, ledger.id))
    expect((await fetchTransaction(w, token, id)).sender).not.toHaveProperty('ledgerId')
    await reachMonday(w)
    token = await w.partnerToken() // access tokens live one hour
    expect(balancesCents(w, olgaLedger.id).total).toBe(5000 - 3025)
    const otherSide = (await listTransactionsPage(w, await w.partnerToken(OTHER))).content
    expect(otherSide).toHaveLength(1)
    expect(otherSide[0]).toMatchObject({ paymentType: 'SDD_RECEIVE', status: 'APPROVED', sender: { ledgerId: olgaLedger.id }, receiver: { iban: ledger.iban } })
    expect(otherSide[0]!.receiver).not.toHaveProperty('ledgerId')
  })

  it('a collection on a mandate cancelled before its date is declined (TRANSACTION_CANCELLED)', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    const mandate = insertMandate(w, { consumerId: jane.id })
    const id = await collected(w, token, order(mandate.id, ledger.id))
    expect((await w.call('POST', `/api/partner/mandates/${mandate.id}/cancel`, { token })).status).toBe(200)
    await reachMonday(w)
    token = await w.partnerToken() // access tokens live one hour
    expect(await fetchTransaction(w, token, id)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'TRANSACTION_CANCELLED' } })
    expect(balancesCents(w, ledger.id).total).toBe(0)
  })

  it('over ddTransactionLimit or ddMonthlyLimit the collection is booked DECLINED (LIMITS_EXCEEDED)', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    w.store.sqlite.prepare('UPDATE ledgers SET limits = ? WHERE id = ?').run(JSON.stringify({ ddTransactionLimit: 5000, ddMonthlyLimit: 8000 }), ledger.id)
    const mandate = insertMandate(w, { consumerId: jane.id })
    const tooBig = await collected(w, token, order(mandate.id, ledger.id, { amount: 50.01 }))
    expect(await fetchTransaction(w, token, tooBig)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'LIMITS_EXCEEDED' } })
    const first = await collected(w, token, order(mandate.id, ledger.id, { amount: 50 }))
    const monthly = await collected(w, token, order(mandate.id, ledger.id, { amount: 30.01 }))
    expect((await fetchTransaction(w, token, first)).status).toBe('PENDING')
    expect((await fetchTransaction(w, token, monthly)).information.declineReason).toBe('LIMITS_EXCEEDED')
    await reachMonday(w)
    token = await w.partnerToken() // access tokens live one hour
    expect(balancesCents(w, ledger.id).total).toBe(5000)
  })

  it('400 MANDATE_NOT_FOUND and LEDGER_NOT_FOUND (unknown, another partner\'s, another end-user\'s, not the creditor\'s ledger)', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    const mandate = insertMandate(w, { consumerId: jane.id })
    const john = insertBankingConsumer(w)
    const johns = insertMandate(w, { consumerId: john.id })
    const johnLedger = insertLedger(w, { consumerId: john.id })
    const mandateMissing = (id: string) => `Direct debit mandate with id ${id} was not found.`
    const ledgerMissing = (id: string) => `Ledger with id ${id} was not found.`
    await expectError(await collect(w, token, order(MISSING_ID, ledger.id)), 400, 'MANDATE_NOT_FOUND', mandateMissing(MISSING_ID), { field: 'mandateId', rejectedValue: MISSING_ID })
    await expectBusiness400(await collect(w, await w.partnerToken(OTHER), order(mandate.id, ledger.id)), 'MANDATE_NOT_FOUND', 'mandateId', mandateMissing(mandate.id))
    await expectBusiness400(await collect(w, await consumerToken(w, jane), order(johns.id, ledger.id)), 'MANDATE_NOT_FOUND', 'mandateId', mandateMissing(johns.id))
    await expectError(await collect(w, token, order(mandate.id, MISSING_ID)), 400, 'LEDGER_NOT_FOUND', ledgerMissing(MISSING_ID), { field: 'ledgerId', rejectedValue: MISSING_ID })
    await expectBusiness400(await collect(w, token, order(mandate.id, johnLedger.id)), 'LEDGER_NOT_FOUND', 'ledgerId', ledgerMissing(johnLedger.id))
    const { ledgerId: _l, ...withoutLedger } = order(mandate.id, ledger.id)
    await expectBusiness400(await collect(w, token, { ...withoutLedger, ledgerToId: johnLedger.id }), 'LEDGER_NOT_FOUND', 'ledgerToId', ledgerMissing(johnLedger.id))
    expect(w.store.sqlite.prepare("SELECT count(*) AS n FROM transactions").get()).toEqual({ n: 0 })
  })

  it('400 INVALID_DATE before J+2 or on a day SEPA does not settle (weekend, TARGET holiday)', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    const mandate = insertMandate(w, { consumerId: jane.id })
    for (const date of ['2026-01-14', '2026-01-15', '2026-01-16', '2026-01-17', '2026-01-18', '2026-05-01', '2026-04-06']) {
      await expectError(await collect(w, token, order(mandate.id, ledger.id, { date })), 400, 'INVALID_DATE',
        'The specified date is invalid. Please choose a later date that is at least two days from today (J+2).', { field: 'date', rejectedValue: date })
    }
    await collected(w, token, order(mandate.id, ledger.id, { date: '2026-04-07' }))
  })

  it('409 MANDATE_MUST_BE_ACTIVE, LEDGER_MUST_BE_ACTIVE, LEDGER_MUST_BE_UPGRADED, MANDATE_NOT_RECURRING', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    const waiting = insertMandate(w, { consumerId: jane.id, status: 'AWAITING_ACTIVATION' })
    await expectError(await collect(w, token, order(waiting.id, ledger.id)), 409, 'MANDATE_MUST_BE_ACTIVE', `Direct debit mandate with id ${waiting.id} must be validated`)
    const expiring = insertMandate(w, { consumerId: jane.id, expirationDate: '2026-01-18' })
    await expectError(await collect(w, token, order(expiring.id, ledger.id)), 409, 'MANDATE_MUST_BE_ACTIVE', `Direct debit mandate with id ${expiring.id} must be validated`)
    const active = insertMandate(w, { consumerId: jane.id, recurring: false })
    const suspended = insertLedger(w, { consumerId: jane.id, status: 'SUSPENDED' })
    await expectError(await collect(w, token, order(active.id, suspended.id)), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    const bare = insertLedger(w, { consumerId: jane.id, isUpgraded: false, iban: null, bicOrSwift: null })
    await expectError(await collect(w, token, order(active.id, bare.id)), 409, 'LEDGER_MUST_BE_UPGRADED', 'Ledger must be upgraded to do this operation.')
    await collected(w, token, order(active.id, ledger.id))
    await expectError(await collect(w, token, order(active.id, ledger.id)), 409, 'MANDATE_NOT_RECURRING', 'More than one transaction is not permited on a non-recurring mandate')
  })

  it('409 when the creditor may not bank (LinkCy status, suspension, banking status)', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const cases: [Record<string, unknown>, StandingCode][] = [
      [{ linkcyStatus: 'PENDING' }, 'LINKCY_STATUS_MUST_BE_VALIDATED'],
      [{ suspensionStatus: 'SUSPENDED' }, 'END_USER_MUST_NOT_BE_SUSPENDED'],
      [{ bankingStatus: 'BLOCKED' }, 'BANKING_STATUS_MUST_BE_VALIDATED'],
    ]
    for (const [columns, code] of cases) {
      const consumer = insertBankingConsumer(w, columns)
      const l = insertLedger(w, { consumerId: consumer.id })
      await expectError(await collect(w, token, order(insertMandate(w, { consumerId: consumer.id }).id, l.id)), 409, code, standingMessage(code, consumer))
    }
  })

  it('400 on bad input (amount with 3 decimals or not positive, no ledger, malformed date or ids)', async () => {
    const { w, jane, ledger } = creditorWorld()
    let token = await w.partnerToken()
    const mandate = insertMandate(w, { consumerId: jane.id })
    const { ledgerId: _l, ...withoutLedger } = order(mandate.id, ledger.id)
    for (const [b, field] of [
      [order(mandate.id, ledger.id, { amount: 1.234 }), 'amount'],
      [order(mandate.id, ledger.id, { amount: 0.010000001 }), 'amount'], // never rounded to 0.01
      [order(mandate.id, ledger.id, { amount: 90071992547409.91 }), 'amount'], // beyond DECIMAL(15,2)
      [order(mandate.id, ledger.id, { amount: 0 }), 'amount'],
      [order(mandate.id, ledger.id, { amount: '12' }), 'amount'],
      [withoutLedger, 'ledgerId'],
      [order(mandate.id, ledger.id, { date: '19/01/2026' }), 'date'],
      [order('nope', ledger.id), 'mandateId'],
      [order(mandate.id, ledger.id, { reference: undefined }), 'reference'],
    ] as const) {
      const res = await collect(w, token, b as Record<string, unknown>)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toContain(field)
    }
    expect(w.store.sqlite.prepare("SELECT count(*) AS n FROM transactions").get()).toEqual({ n: 0 })
  })
})
