import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { ERROR_KINDS } from '../helpers/errors'
import {
  advanceClock, balancesCents, insertBankingConsumer, insertBeneficiary, insertLedger, listTransactionsPage, postInterLedger, postTransfer, setPartnerSettings,
} from '../helpers/money'

// The money invariants under load: hundreds of debits and credits fired at one ledger at once. The
// final balance is initial + credits − accepted debits to the cent, no balance is ever negative,
// available + reserved = total at every read, and every refused debit got LinkCy's documented body.

const cents = (amount: number) => Math.round(amount * 100)

describe('money invariants', () => {
  it('250 parallel debits and 90 credits at one ledger: exact, never negative, every refusal documented', async () => {
    const w = makeWorld()
    setPartnerSettings(w, 'sandbox', { accessTokenTtlSeconds: 365 * 24 * 3600 })
    const token = await w.partnerToken()
    const alice = insertBankingConsumer(w)
    const bob = insertBankingConsumer(w)
    const carol = insertBankingConsumer(w)
    const hot = insertLedger(w, { consumerId: alice.id, available: 150 })
    const sink = insertLedger(w, { consumerId: bob.id })
    const source = insertLedger(w, { consumerId: carol.id, available: 1000 })
    const payee = insertBeneficiary(w, { consumerId: alice.id })
    const initial = balancesCents(w, hot.id).total

    // Amounts with cents that floats would get wrong (0.1, 0.7, 1.13, ...).
    const debitAmount = (i: number) => [0.1, 0.7, 1.13, 2.29, 3.33, 0.01, 4.99][i % 7]!
    const creditAmount = (i: number) => [0.3, 1.17, 0.05][i % 3]!
    type Op = { kind: 'debit' | 'credit'; interLedger: boolean; amount: number; run: () => Promise<Response> }
    const ops: Op[] = []
    for (let i = 0; i < 250; i++) {
      const amount = debitAmount(i)
      const run = i % 2 === 0
        ? () => postTransfer(w, token, { amount, ledgerFromId: hot.id, beneficiaryId: payee.id, reference: `D${i}` })
        : () => postInterLedger(w, token, { amount, ledgerFromId: hot.id, ledgerToId: sink.id })
      ops.push({ kind: 'debit', interLedger: i % 2 === 1, amount, run })
    }
    for (let i = 0; i < 90; i++) {
      const amount = creditAmount(i)
      const run = i % 2 === 0
        ? () => postInterLedger(w, token, { amount, ledgerFromId: source.id, ledgerToId: hot.id })
        : () => w.call('POST', `/_sim/ledgers/${hot.id}/incoming-transfer`, { body: { amount, debtorName: 'Payer', debtorIban: 'DE89370400440532013000' } })
      ops.push({ kind: 'credit', interLedger: i % 2 === 0, amount, run })
    }
    // Interleave credits among debits, and reads among both.
    const order = ops.map((op, i) => ({ op, key: (i * 7919) % ops.length })).sort((a, b) => a.key - b.key).map((x) => x.op)
    const reads: Promise<Response>[] = []
    const results = await Promise.all(order.map((op, i) => {
      if (i % 10 === 0) reads.push(w.call('GET', `/api/partner/ledgers/${hot.id}`, { token }))
      return op.run().then(async (res) => ({ op, status: res.status, body: (await res.json()) as Record<string, unknown> }))
    }))

    let accepted = 0
    let credited = 0
    let refused = 0
    let toSink = 0
    let fromSource = 0
    for (const { op, status, body } of results) {
      if (op.kind === 'credit') {
        expect(status).toBe(201)
        credited += cents(op.amount)
        if (op.interLedger) fromSource += cents(op.amount)
      } else if (status === 201) {
        accepted += cents(op.amount)
        if (op.interLedger) toSink += cents(op.amount)
      } else {
        refused += 1
        const { timestamp, ...rest } = body
        expect(typeof timestamp).toBe('string')
        expect(rest).toEqual({ errorCode: 'LEDGER_MUST_BE_PROVISIONED', message: 'Ledger must be provisioned to perform this operation.', error: ERROR_KINDS[409], status: 409 })
      }
    }
    expect(refused).toBeGreaterThan(0) // the ledger ran dry at some point
    expect(accepted).toBeGreaterThan(initial) // credits were spent too

    for (const res of await Promise.all(reads)) {
      expect(res.status).toBe(200)
      const l = (await res.json()) as { totalAmount: number; availableAmount: number; reservedAmount: number }
      expect(cents(l.availableAmount) + cents(l.reservedAmount)).toBe(cents(l.totalAmount))
      expect(l.availableAmount).toBeGreaterThanOrEqual(0)
      expect(l.reservedAmount).toBeGreaterThanOrEqual(0)
    }

    const now = balancesCents(w, hot.id)
    // Accepted SCTs are held (reserved) until they settle; inter-ledger debits left at once.
    expect(now.available).toBe(initial + credited - accepted)
    expect(now.reserved).toBe(accepted - toSink)
    expect(now.total).toBe(now.available + now.reserved)
    // Pending SCTs still hold their amounts; after settlement nothing is reserved and the total is unchanged.
    await advanceClock(w, 4 * 24 * 3600)
    expect(balancesCents(w, hot.id)).toEqual({ available: initial + credited - accepted, reserved: 0, total: initial + credited - accepted })

    // The books agree with the balances: every accepted debit and every credit is a transaction of the ledger.
    const listed = await listTransactionsPage(w, token, `ledgerId=${hot.id}&pageSize=100&showDeclinedTransaction=false`)
    expect(listed.totalElements).toBe(results.filter((r) => r.status === 201).length)
    let sum = 0
    for (let page = 0; page * 100 < listed.totalElements; page++) {
      for (const t of (await listTransactionsPage(w, token, `ledgerId=${hot.id}&pageSize=100&page=${page}&showDeclinedTransaction=false`)).content) {
        sum += (t.receiver?.ledgerId === hot.id ? 1 : -1) * cents(t.amount as number)
      }
    }
    expect(initial + sum).toBe(balancesCents(w, hot.id).total)
    // Money is conserved inside the simulator: what left `source` arrived on `hot`; what `hot` sent inter-ledger is on `sink`.
    expect(balancesCents(w, source.id).total).toBe(100_000 - fromSource)
    expect(balancesCents(w, sink.id).total).toBe(toSink)
  })
})
