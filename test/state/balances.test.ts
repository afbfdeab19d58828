import { describe, expect, it } from 'vitest'
import { ledgers } from '../../src/state/db/schema'
import { balancesOf, credit, release, tryDebit, tryReserve, trySettle } from '../../src/state/balances'
import { AMOUNT_OUT_OF_BOUNDS, centsOf, fromCents, toCents } from '../../src/state/money'
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
    expect(toCents(0.3)).toBe(30)
    expect(toCents(1.1)).toBe(110)
    expect(toCents(250000)).toBe(25_000_000)
    expect(toCents(-5.5)).toBe(-550)
    expect(toCents(9_999_999_999_999.99)).toBe(999_999_999_999_999) // DECIMAL(15,2): 13 integer digits
    expect(fromCents(1234)).toBe(12.34)
    expect(() => toCents(1.001)).toThrow(ValidationError)
    expect(() => toCents(Number.NaN)).toThrow(ValidationError)
  })

  it('never rounds: more than 2 decimals (however tiny) or more than 13 integer digits is refused', () => {
    // Each of these used to be rounded to a bookable amount (0, 0.10, 1000.00, ...409.9).
    for (const amount of [1e-9, 0.100000001, 999.999999999, 0.1 + 0.2, 90071992547409.91, 10_000_000_000_000, 1e21, Number.POSITIVE_INFINITY]) {
      expect(centsOf(amount), String(amount)).toBeNull()
      expect(() => toCents(amount), String(amount)).toThrow(ValidationError)
    }
    try {
      toCents(1e-9, 'limits.transactionLimit')
    } catch (error) {
      expect((error as ValidationError).details).toEqual([{ field: 'limits.transactionLimit', rejectedValue: 1e-9, message: AMOUNT_OUT_OF_BOUNDS }])
    }
    expect(AMOUNT_OUT_OF_BOUNDS).toBe('numeric value out of bounds (<13 digits>.<2 digits> expected)')
  })
})
