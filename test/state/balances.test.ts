import { describe, expect, it } from 'vitest'
import { ledgers } from '../../src/state/db/schema'
import { balancesOf, credit, release, tryDebit, tryReserve, trySettle } from '../../src/state/balances'
import { fromCents, toCents } from '../../src/state/money'
import { openStore, tx } from '../../src/state/store'
import { ValidationError } from '../../src/state/errors'

function storeWithLedger() {
  const store = openStore({ dbPath: ':memory:', seed: 3 })
  store.sqlite.pragma('foreign_keys = OFF') // a bare ledger row, without partner and end-user
  store.db.insert(ledgers).values({
    id: 'L', partnerId: 'P', endUserId: 'U', endUserKind: 'CONSUMER', type: 'EUR_FRANCE', country: 'FRANCE', currency: 'EUR',
    status: 'ACTIVE', isUpgraded: true, autoUpgrade: false, suspensions: [], creationDate: 0, updateDate: 0,
  }).run()
  return store
}

describe('balances', () => {
  it('keep available + reserved = total through credit, reserve, settle, release and debit', () => {
    const store = storeWithLedger()
    tx(store, () => credit(store, 'L', 10_000))
    expect(tx(store, () => tryReserve(store, 'L', 2_500))).toBe(true)
    expect(balancesOf(store, 'L')).toEqual({ available: 7_500, reserved: 2_500, total: 10_000 })
    expect(tx(store, () => trySettle(store, 'L', 2_500, 2_000))).toBe(true) // cleared for less
    expect(balancesOf(store, 'L')).toEqual({ available: 8_000, reserved: 0, total: 8_000 })
    tx(store, () => { tryReserve(store, 'L', 1_000); release(store, 'L', 1_000) })
    expect(balancesOf(store, 'L')).toEqual({ available: 8_000, reserved: 0, total: 8_000 })
    expect(tx(store, () => tryDebit(store, 'L', 8_000))).toBe(true)
    expect(balancesOf(store, 'L').total).toBe(0)
  })

  it('never go negative: a debit, reserve or over-settlement beyond available changes nothing', () => {
    const store = storeWithLedger()
    tx(store, () => credit(store, 'L', 500))
    expect(tx(store, () => tryDebit(store, 'L', 501))).toBe(false)
    expect(tx(store, () => tryReserve(store, 'L', 501))).toBe(false)
    tx(store, () => tryReserve(store, 'L', 400))
    expect(tx(store, () => trySettle(store, 'L', 400, 600))).toBe(false) // needs 200 more, only 100 available
    expect(balancesOf(store, 'L')).toEqual({ available: 100, reserved: 400, total: 500 })
  })
})

describe('money', () => {
  it('converts API amounts to exact cents and back', () => {
    expect(toCents(12.34)).toBe(1234)
    expect(toCents(0.1 + 0.2)).toBe(30)
    expect(toCents(250000)).toBe(25_000_000)
    expect(fromCents(1234)).toBe(12.34)
    expect(() => toCents(1.001)).toThrow(ValidationError)
    expect(() => toCents(Number.NaN)).toThrow(ValidationError)
  })
})
