import { describe, expect, it } from 'vitest'
import { eq, or } from 'drizzle-orm'
import { makeWorld } from '../helpers/app'
import { abaCheckDigit, belgianCheck, newAccountIdentifiers, ribKey } from '../../src/state/iban-generator'
import { ibanProblem, mod97 } from '../../src/state/iban'
import { transactions } from '../../src/state/db/schema'
import { tx } from '../../src/state/store'
import { ledgerRow } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

describe('account identifiers of simulated ledgers', () => {
  it('national check digits follow the published algorithms', () => {
    expect(ribKey('20041', '01005', '0500013M026')).toBe('06') // FR14 2004 1010 0505 0001 3M02 606
    expect(ribKey('30006', '00001', '12345678901')).toBe('89') // FR76 3000 6000 0112 3456 7890 189
    expect(belgianCheck('5390075470')).toBe('34') // BE68 5390 0754 7034
    expect(belgianCheck('0000000097')).toBe('97')
    expect(abaCheckDigit('02100002')).toBe('1') // 021000021
  })

  it('every generated IBAN is valid ISO 13616 with its national key, and unique', () => {
    const w = makeWorld({ seed: 7 })
    const seen = new Set<string>()
    for (const type of ['EUR_FRANCE', 'EUR_BELGIUM', 'EUR_LITHUANIA', 'GBP_GREAT_BRITAIN'] as const) {
      for (let i = 0; i < 50; i++) {
        const { iban } = tx(w.store, () => newAccountIdentifiers(w.store, type))
        expect(ibanProblem(iban!)).toBeNull()
        seen.add(iban!)
        if (type === 'EUR_FRANCE') expect(ribKey(iban!.slice(4, 9), iban!.slice(9, 14), iban!.slice(14, 25))).toBe(iban!.slice(25))
        if (type === 'EUR_BELGIUM') expect(Number(iban!.slice(14)) % 97 === 0 ? 97 : Number(iban!.slice(14))).toBe(mod97(iban!.slice(4, 14)) || 97)
      }
    }
    expect(seen.size).toBe(200)
  })
})

describe('scenario ledgers', () => {
  it('consumers[].ledgers seeds ledgers with a balance and past transactions; the loader answers their ids', async () => {
    const w = makeWorld()
    const res = await w.call('POST', '/_sim/scenarios', {
      body: {
        partners: [{
          name: 'sandbox',
          consumers: [{
            ref: 'carol', firstName: 'Carol', lastName: 'King', kycStatus: 'VALIDATED', phoneVerified: true,
            ledgers: [
              {
                ref: 'carol-main', friendlyName: 'Main', balance: 1250.5,
                transactions: [
                  { amount: 2000, direction: 'CREDIT', reference: 'Salary', counterpartyName: 'ACME', daysAgo: 20 },
                  { amount: 800, direction: 'DEBIT', label: 'Rent', counterpartyName: 'Landlord', daysAgo: 10 },
                ],
              },
              { type: 'EUR_BELGIUM', status: 'PENDING', isUpgraded: false },
            ],
          }],
        }],
      },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const loaded = (await res.json()) as { partners: { sandbox: { consumers: Record<string, string>; ledgers: Record<string, string> } } }
    const { ledgers } = loaded.partners.sandbox
    expect(Object.keys(ledgers)).toEqual(['carol-main', 'carol.1'])
    const main = ledgerRow(w, ledgers['carol-main']!)
    expect(main).toMatchObject({ status: 'ACTIVE', isUpgraded: true, availableCents: 125_050, reservedCents: 0, friendlyName: 'Main' })
    const rows = w.store.db.select().from(transactions).where(or(eq(transactions.senderLedgerId, main.id), eq(transactions.receiverLedgerId, main.id))).orderBy(transactions.creationDate).all()
    expect(rows.map((r) => [r.paymentType, r.amountCents, (r.information as { reference?: string }).reference])).toEqual([
      ['SCT_RECEIVE', 5_050, 'Opening balance'], ['SCT_RECEIVE', 200_000, 'Salary'], ['SCT_SEND', 80_000, 'Rent'],
    ])
    expect(rows[2]!.receiver).toMatchObject({ name: 'Landlord' })
    const token = await w.partnerToken()
    const shown = (await (await w.call('GET', `/api/partner/ledgers/${main.id}`, { token })).json()) as Record<string, unknown>
    expect(shown).toMatchObject({ availableAmount: 1250.5, totalAmount: 1250.5, endUserId: loaded.partners.sandbox.consumers.carol })
    // The pending one activates on the clock; /_sim shows its IBAN before it is upgraded.
    const sim = (await (await w.call('GET', `/_sim/ledgers/${ledgers['carol.1']}`)).json()) as Record<string, unknown>
    expect(sim).toMatchObject({ status: 'PENDING', isUpgraded: false, balancesInCents: { available: 0, reserved: 0, total: 0 } })
    expect(ibanProblem(sim.iban as string)).toBeNull()
    w.store.clock.advance(2000)
    expect(((await (await w.call('GET', `/_sim/ledgers/${ledgers['carol.1']}`)).json()) as { status: string }).status).toBe('ACTIVE')
    expect((await w.call('GET', '/_sim/ledgers/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })

  it('a ledger without a SEPA account gets its history as INTER_LEDGER account loads / money transfers, a GBP one as Faster Payments', async () => {
    const w = makeWorld()
    const history = [{ amount: 100, direction: 'CREDIT', reference: 'In' }, { amount: 30, direction: 'DEBIT', reference: 'Out' }]
    const res = await w.call('POST', '/_sim/scenarios', {
      body: {
        partners: [{
          name: 'sandbox',
          consumers: [{
            ref: 'dan', kycStatus: 'VALIDATED', phoneVerified: true,
            ledgers: [
              { ref: 'plain', isUpgraded: false, transactions: history },
              { ref: 'pound', type: 'GBP_GREAT_BRITAIN', transactions: history },
              { ref: 'euro', transactions: history },
            ],
          }],
        }],
      },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const { ledgers } = ((await res.json()) as { partners: { sandbox: { ledgers: Record<string, string> } } }).partners.sandbox
    const kinds = (id: string) => w.store.db.select().from(transactions).where(or(eq(transactions.senderLedgerId, id), eq(transactions.receiverLedgerId, id)))
      .orderBy(transactions.creationDate).all().map((r) => [r.type, r.paymentType])
    expect(kinds(ledgers.plain!)).toEqual([['INTER_LEDGER', 'ACCOUNT_LOAD'], ['INTER_LEDGER', 'MONEY_TRANSFER']])
    expect(kinds(ledgers.pound!)).toEqual([['UK_CREDIT_TRANSFER', 'FASTER_PAYMENT_RECEIVE'], ['UK_CREDIT_TRANSFER', 'FASTER_PAYMENT_SEND']])
    expect(kinds(ledgers.euro!)).toEqual([['SEPA_CREDIT_TRANSFER', 'SCT_RECEIVE'], ['SEPA_CREDIT_TRANSFER', 'SCT_SEND']])
    const token = await w.partnerToken()
    const page = await (await w.call('GET', `/api/partner/transactions?ledgerId=${ledgers.plain}`, { token })).json()
    expect(referenceErrors('GET', '/api/partner/transactions', 200, page)).toEqual([])
  })

  it('rejects a history the balance cannot hold, with the path of the field', async () => {
    const w = makeWorld()
    const load = (ledger: Record<string, unknown>) => w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'sandbox', consumers: [{ kycStatus: 'VALIDATED', ledgers: [ledger] }] }] } })
    const over = await load({ balance: 10, transactions: [{ amount: 50, direction: 'CREDIT' }] })
    expect(over.status).toBe(400)
    expect(JSON.stringify(await over.json())).toContain('partners[0].consumers[0].ledgers[0].balance')
    const overdrawn = await load({ transactions: [{ amount: 50, direction: 'DEBIT', daysAgo: 9 }, { amount: 50, direction: 'CREDIT', daysAgo: 3 }] })
    expect(overdrawn.status).toBe(400)
    expect(JSON.stringify(await overdrawn.json())).toContain('partners[0].consumers[0].ledgers[0].transactions')
    // A debit larger than the credits is covered by an opening balance.
    expect((await load({ balance: 10, transactions: [{ amount: 50, direction: 'DEBIT' }] })).status).toBe(201)
  })

  it('the demo scenario gives alice a funded ledger', async () => {
    const w = makeWorld({ scenarioFile: 'fixtures/demo.json' })
    const ledgers = Object.values(w.loaded.partners.sandbox?.ledgers ?? {}).map((id) => ledgerRow(w, id))
    expect(ledgers.some((l) => l.status === 'ACTIVE' && l.availableCents > 0)).toBe(true)
  })
})
