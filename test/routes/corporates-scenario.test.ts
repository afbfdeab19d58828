import { describe, expect, it } from 'vitest'
import { loadScenario, parseScenario } from '../../src/scenarios/loader'
import { ScenarioError } from '../../src/scenarios/scenario-error'
import { openStore } from '../../src/state/store'
import { makeWorld } from '../helpers/app'
import { CORPORATES, corporateRow, loginAccountOwner } from '../helpers/corporates'
import { fetchResource, ledgerRow } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// partners[].corporates of a scenario file: corporates in a declared KYB state, with their account
// owner's login, ledgers (balances, history) and cards.

describe('scenario corporates', () => {
  it('demo.json: Globex is VALIDATED, its owner logs in, its funded ledger and its card are there', async () => {
    const w = makeWorld({ scenarioFile: 'fixtures/demo.json' })
    const sandbox = w.loaded.partners.sandbox!
    const globex = sandbox.corporates.globex!
    expect(corporateRow(w, globex)).toMatchObject({ registeredName: 'Globex Trading SAS', kybStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED' })
    // Its owner has an SCA device: the login waits for SCA unless bypassed.
    const waiting = await w.call('POST', '/api/partner/login', { body: { partnerName: 'sandbox', accountOwnerPhone: '33698765001', password: 'Globex-Password-1' } })
    expect(waiting.status).toBe(202)
    const { token, endUserId } = await loginAccountOwner(w, '33698765001', 'Globex-Password-1')
    expect(endUserId).toBe(globex)
    const info = await fetchResource(w, token, `${CORPORATES}/{corporateId}`, globex)
    expect(info).toMatchObject({ externalId: 'demo-globex', industry: 'ECOMMERCE_TRADER_FOR_GENERAL_GOODS', termsAccepted: true, status: { overall: { value: 'ACTIVE' } } })
    expect(info.strongAuthentication).toMatchObject({ pinStatus: 'SET', biometryStatus: 'SET' })
    const ledgerId = sandbox.ledgers['globex-main']!
    expect(ledgerRow(w, ledgerId)).toMatchObject({ endUserId: globex, endUserKind: 'CORPORATE', status: 'ACTIVE', availableCents: 1_845_000 })
    const card = await fetchResource(w, token, '/api/partner/cards/{cardId}', sandbox.cards['globex-card']!)
    expect(card).toMatchObject({ status: { value: 'ACTIVE' }, nameOnCard: 'HELENE GARNIER' })
    const list = await w.call('GET', `${CORPORATES}?kybStatus=VALIDATED`, { token: await w.partnerToken() })
    const page = (await list.json()) as { content: { id: string }[] }
    expect(referenceErrors('GET', CORPORATES, 200, page)).toEqual([])
    expect(page.content.map((c) => c.id)).toEqual([globex])
  })

  it('faker fills what a corporate seed leaves out; statuses follow the KYB unless given', () => {
    const store = openStore({ dbPath: ':memory:', seed: 3 })
    const loaded = loadScenario(store, parseScenario({
      partners: [{ name: 'p', corporates: [{ ref: 'a' }, { ref: 'b', kybStatus: 'PENDING_VERIFICATION', suspensionStatus: 'SUSPENDED' }] }],
    }))
    const rows = store.sqlite.prepare('SELECT id, registered_name AS name, kyb_status AS kyb, compliance_status AS compliance, suspension_status AS suspension FROM corporates ORDER BY rowid').all() as Record<string, string>[]
    expect(rows.map((r) => r.id)).toEqual([loaded.partners.p!.corporates.a, loaded.partners.p!.corporates.b])
    expect(rows[0]).toMatchObject({ kyb: 'NOT_STARTED', compliance: 'PENDING', suspension: 'NOT_SUSPENDED' })
    expect(rows[0]!.name).toMatch(/SAS$/)
    expect(rows[1]).toMatchObject({ kyb: 'PENDING_VERIFICATION', compliance: 'PENDING_REVIEW', suspension: 'SUSPENDED' })
  })

  it('refuses a bad corporate seed with the path of the problem', () => {
    expect(() => parseScenario({ partners: [{ name: 'p', corporates: [{ kybStatus: 'DONE' }] }] })).toThrow(ScenarioError)
    const store = openStore({ dbPath: ':memory:', seed: 3 })
    const twice = { incorporationCode: '123', accountOwner: { phone: { countryCode: '33', number: '611111111' } } }
    try {
      loadScenario(store, parseScenario({ partners: [{ name: 'p', corporates: [twice, { ...twice, incorporationCode: '456' }] }] }))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError)
      expect((error as ScenarioError).issues[0]).toMatchObject({ path: 'partners[0].corporates[1]', message: 'A corporate with phone +33 611111111 already exists.' })
    }
  })
})
