import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { partners } from '../../src/state/db/schema'
import { exceededLimit } from '../../src/state/limits'
import { tx } from '../../src/state/store'
import { recordTransaction } from '../../src/state/transactions'
import { makeWorld, type TestWorld } from '../helpers/app'
import {
  balancesCents, fetchTransaction, insertBankingConsumer, insertBeneficiary, insertLedger, insertMandate, postInterLedger, postTransfer, setPartnerSettings,
} from '../helpers/money'

// Ledger limits: per transaction, per UTC day and per UTC month of the simulator clock; the
// ledger's own limits or its partner's defaults. A breach books the transfer DECLINED with the
// documented declineReason LIMITS_EXCEEDED (LinkCy documents no error code for it).

async function getTx(w: TestWorld, token: string, res: Response): Promise<Record<string, any>> {
  expect(res.status, await res.clone().text()).toBe(201)
  return fetchTransaction(w, token, ((await res.json()) as { id: string }).id)
}

async function setUp(w: TestWorld, limits: Record<string, number> | null) {
  setPartnerSettings(w, 'sandbox', { accessTokenTtlSeconds: 365 * 24 * 3600 })
  const token = await w.partnerToken()
  const alice = insertBankingConsumer(w)
  const bob = insertBankingConsumer(w)
  const from = insertLedger(w, { consumerId: alice.id, available: 20_000, limits })
  const to = insertLedger(w, { consumerId: bob.id })
  const payee = insertBeneficiary(w, { consumerId: alice.id })
  return { token, from, to, payee }
}

const declined = { status: 'DECLINED', information: { declineReason: 'LIMITS_EXCEEDED' } }

describe('ledger limits', () => {
  it('transactionLimit (the ledger\'s own, in cents): above it the transfer is booked DECLINED, nothing is held', async () => {
    const w = makeWorld()
    const { token, from, to, payee } = await setUp(w, { transactionLimit: 5000 })
    expect(await getTx(w, token, await postTransfer(w, token, { amount: 50.01, ledgerFromId: from.id, beneficiaryId: payee.id }))).toMatchObject({ ...declined, paymentType: 'SCT_SEND' })
    expect(await getTx(w, token, await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 50.01 }))).toMatchObject({ ...declined, type: 'INTER_LEDGER' })
    expect(balancesCents(w, from.id)).toEqual({ available: 2_000_000, reserved: 0, total: 2_000_000 })
    expect(await getTx(w, token, await postTransfer(w, token, { amount: 50, ledgerFromId: from.id, beneficiaryId: payee.id }))).toMatchObject({ status: 'PENDING' })
  })

  it('transactionDailyLimit: pending and approved transfers of the UTC day count, declined ones do not; a new day starts afresh', async () => {
    const w = makeWorld()
    const { token, from, to, payee } = await setUp(w, { transactionDailyLimit: 10_000 })
    expect((await getTx(w, token, await postTransfer(w, token, { amount: 60, ledgerFromId: from.id, beneficiaryId: payee.id }))).status).toBe('PENDING')
    expect(await getTx(w, token, await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 40.01 }))).toMatchObject(declined)
    expect((await getTx(w, token, await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 40 }))).status).toBe('APPROVED')
    expect(await getTx(w, token, await postTransfer(w, token, { amount: 0.01, ledgerFromId: from.id, beneficiaryId: payee.id }))).toMatchObject(declined)
    w.store.clock.set(Date.parse('2026-01-16T00:00:00Z'))
    expect((await getTx(w, token, await postTransfer(w, token, { amount: 100, ledgerFromId: from.id, beneficiaryId: payee.id }))).status).toBe('PENDING')
  })

  it('transactionMonthlyLimit over the UTC calendar month', async () => {
    const w = makeWorld({ now: '2026-01-31T23:00:00Z' })
    const { token, from, to } = await setUp(w, { transactionMonthlyLimit: 20_000, transactionDailyLimit: 1_000_000 })
    w.store.clock.set(Date.parse('2026-01-02T08:00:00Z'))
    expect((await getTx(w, token, await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 150 }))).status).toBe('APPROVED')
    w.store.clock.set(Date.parse('2026-01-31T23:59:00Z'))
    expect(await getTx(w, token, await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 50.01 }))).toMatchObject(declined)
    expect((await getTx(w, token, await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 50 }))).status).toBe('APPROVED')
    w.store.clock.set(Date.parse('2026-02-01T00:00:00Z'))
    expect((await getTx(w, token, await postInterLedger(w, token, { ledgerFromId: from.id, ledgerToId: to.id, amount: 200 }))).status).toBe('APPROVED')
  })

  it('without limits of its own a ledger takes its partner\'s defaults (the partner configuration, in euros)', async () => {
    const w = makeWorld()
    const sandboxId = w.loaded.partners.sandbox!.id
    tx(w.store, () => w.store.db.update(partners).set({ limits: { ledger: { transactionLimit: 20 } } }).where(eq(partners.id, sandboxId)).run())
    const { token, from, payee } = await setUp(w, null)
    expect(await getTx(w, token, await postTransfer(w, token, { amount: 20.01, ledgerFromId: from.id, beneficiaryId: payee.id }))).toMatchObject(declined)
    expect((await getTx(w, token, await postTransfer(w, token, { amount: 20, ledgerFromId: from.id, beneficiaryId: payee.id }))).status).toBe('PENDING')
    // The built-in default daily limit (10 000 EUR) applies too.
    const { token: t2, from: rich, payee: p2 } = await setUp(w, { transactionLimit: 1_000_000 })
    expect(await getTx(w, t2, await postTransfer(w, t2, { amount: 10_000.01, ledgerFromId: rich.id, beneficiaryId: p2.id }))).toMatchObject(declined)
  })

  it('funds are checked before limits: an unfunded transfer above a limit is LEDGER_MUST_BE_PROVISIONED', async () => {
    const w = makeWorld()
    const { token, from, payee } = await setUp(w, { transactionLimit: 100 })
    const res = await postTransfer(w, token, { amount: 20_000.01, ledgerFromId: from.id, beneficiaryId: payee.id })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { errorCode: string }).errorCode).toBe('LEDGER_MUST_BE_PROVISIONED')
  })

  it('direct-debit limits (ddTransactionLimit, ddMonthlyLimit) count the collections a creditor ledger received this month', () => {
    const w = makeWorld()
    const alice = insertBankingConsumer(w)
    const creditor = insertLedger(w, { consumerId: alice.id, limits: { ddTransactionLimit: 10_000, ddMonthlyLimit: 15_000 } })
    expect(exceededLimit(w.store, creditor, 10_001, 'DIRECT_DEBIT')).toBe('ddTransactionLimit')
    expect(exceededLimit(w.store, creditor, 10_000, 'DIRECT_DEBIT')).toBeNull()
    tx(w.store, () => recordTransaction(w.store, {
      partnerId: creditor.partnerId, type: 'SEPA_DIRECT_DEBIT', paymentType: 'SDD_SEND', status: 'PENDING', amountCents: 9_000,
      currency: 'EUR', receiverLedgerId: creditor.id, mandateId: '11111111-1111-4111-8111-111111111111',
      details: { collectionDate: '2026-01-20' },
    }))
    expect(exceededLimit(w.store, creditor, 6_001, 'DIRECT_DEBIT')).toBe('ddMonthlyLimit')
    expect(exceededLimit(w.store, creditor, 6_000, 'DIRECT_DEBIT')).toBeNull()
    // Transfer limits are separate.
    expect(exceededLimit(w.store, creditor, 6_001, 'TRANSFER')).toBeNull()
  })

  it('ddMonthlyLimit counts collections in the month of their collection date, not of their request', async () => {
    const w = makeWorld({ now: '2026-01-26T10:00:00Z' })
    const token = await w.partnerToken()
    setPartnerSettings(w, 'sandbox', { mandatesForConsumers: true })
    const alice = insertBankingConsumer(w)
    const creditor = insertLedger(w, { consumerId: alice.id, limits: { ddTransactionLimit: 10_000, ddMonthlyLimit: 15_000 } })
    const mandate = insertMandate(w, { consumerId: alice.id })
    const collect = async (date: string, amount: number) => getTx(w, token, await w.call('POST', '/api/partner/transactions/direct-debit', {
      token, body: { mandateId: mandate.id, ledgerId: creditor.id, date, amount, reference: `DD ${date}` },
    }))
    // Requested in January, collected in February: it counts against February, not January.
    expect(await collect('2026-02-02', 90)).toMatchObject({ status: 'PENDING' })
    expect(await collect('2026-01-30', 100)).toMatchObject({ status: 'PENDING' }) // January: 100 of 150
    expect(await collect('2026-02-03', 61)).toMatchObject({ status: 'DECLINED', information: { declineReason: 'LIMITS_EXCEEDED' } }) // February: 90 + 61 > 150
    expect(await collect('2026-02-03', 55)).toMatchObject({ status: 'PENDING' }) // February: 90 + 55
    expect(exceededLimit(w.store, creditor, 5_001, 'DIRECT_DEBIT', Date.parse('2026-01-30T00:00:00Z'))).toBe('ddMonthlyLimit')
    expect(exceededLimit(w.store, creditor, 5_000, 'DIRECT_DEBIT', Date.parse('2026-01-30T00:00:00Z'))).toBeNull()
  })
})
