import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { CARDS, cardRow } from '../helpers/cards'
import { BY_PASS, fetchResource } from '../helpers/money'
import { isLuhnValid } from '../../src/state/card-secrets'

// Scenario files declare cards in any status on a consumer's ledgers; the loader answers their ids.

const load = (w: TestWorld, cards: unknown[], settings: Record<string, unknown> = {}) => w.call('POST', '/_sim/scenarios', {
  body: {
    partners: [{
      name: 'sandbox', settings,
      consumers: [{ ref: 'carol', firstName: 'Carol', lastName: 'Ngô', kycStatus: 'VALIDATED', phoneVerified: true, ledgers: [{ ref: 'carol-main', balance: 50, cards }] }],
    }],
  },
})

describe('scenario cards', () => {
  it('consumers[].ledgers[].cards seeds cards in any status; the loader answers their ids by ref', async () => {
    const w = makeWorld()
    const res = await load(w, [
      { ref: 'carol-card', status: 'ACTIVE', friendlyName: 'Main', pin: '1357' },
      { type: 'VIRTUAL', status: 'SUSPENDED', reason: 'LOST', operator: 'END_USER', scheme: 'VISA' },
      { status: 'CREATING' },
      { status: 'EXPIRED' },
      { status: 'ACTIVE', pinStatus: 'LOCKED', nameOnCard: 'CAROL' },
    ])
    expect(res.status, await res.clone().text()).toBe(201)
    const { partners } = (await res.json()) as { partners: { sandbox: { cards: Record<string, string>; ledgers: Record<string, string> } } }
    const ids = partners.sandbox.cards
    expect(Object.keys(ids)).toEqual(['carol-card', 'carol-main.card1', 'carol-main.card2', 'carol-main.card3', 'carol-main.card4'])
    const token = await w.partnerToken()
    const get = (id: string) => fetchResource(w, token, `${CARDS}/{cardId}`, id)
    const main = await get(ids['carol-card']!)
    expect(main).toMatchObject({
      ledgerId: partners.sandbox.ledgers['carol-main'], friendlyName: 'Main', nameOnCard: 'CAROL NGO', type: 'PHYSICAL', scheme: 'MASTERCARD',
      status: { value: 'ACTIVE' }, pinStatus: 'UNLOCKED', truncatedPan: cardRow(w, ids['carol-card']!).panLast4,
      profile: { name: 'Mastercard Debit Classic Midnight Blue (scenario)' },
    })
    expect(isLuhnValid(cardRow(w, ids['carol-card']!).pan)).toBe(true)
    expect(await (await w.call('GET', `${CARDS}/${ids['carol-card']}/pin`, { token, headers: BY_PASS })).json()).toEqual({ pin: '1357' })
    const virtual = await get(ids['carol-main.card1']!)
    expect(virtual).toMatchObject({ type: 'VIRTUAL', scheme: 'VISA', status: { value: 'SUSPENDED', reason: 'LOST', operator: 'END_USER' } })
    expect(cardRow(w, ids['carol-main.card1']!).pan).toMatch(/^4/)
    expect((await get(ids['carol-main.card2']!)).status).toEqual({ value: 'CREATING' })
    expect((await get(ids['carol-main.card3']!)).status).toEqual({ value: 'EXPIRED' })
    expect((await get(ids['carol-main.card3']!)).expiryDate).toBe('2025-12')
    expect((await get(ids['carol-main.card4']!)).pinStatus).toBe('LOCKED')
    w.store.clock.advance(3000)
    expect((await get(ids['carol-main.card2']!)).status).toEqual({ value: 'AWAITING_ACTIVATION' })
    // Seeded cards share one default profile per design.
    expect(main.profile.id).toBe((await get(ids['carol-main.card2']!)).profile.id)
  })

  it('rejects impossible cards with the path of the field', async () => {
    const w = makeWorld()
    const virtualAwaiting = await load(w, [{ type: 'VIRTUAL', status: 'AWAITING_ACTIVATION' }])
    expect(virtualAwaiting.status).toBe(400)
    expect(JSON.stringify(await virtualAwaiting.json())).toContain('partners[0].consumers[0].ledgers[0].cards[0].status')
    const unknownProfile = await load(w, [{ profile: 'No such profile' }])
    expect(unknownProfile.status).toBe(400)
    expect(JSON.stringify(await unknownProfile.json())).toContain('partners[0].consumers[0].ledgers[0].cards[0].profile')
    const badStatus = await load(w, [{ status: 'LOCKED' }])
    expect(badStatus.status).toBe(400)
    expect((await load(w, [{ status: 'ACTIVE' }], { cardCreationSeconds: 0, panDisplayEnabled: false })).status).toBe(201)
    expect((await load(w, [], { cardCreationSeconds: -1 })).status).toBe(400)
  })

  it('the demo scenario gives alice an active physical card', async () => {
    const w = makeWorld({ scenarioFile: 'fixtures/demo.json' })
    const id = w.loaded.partners.sandbox!.cards['alice-card']!
    expect(cardRow(w, id)).toMatchObject({ type: 'PHYSICAL', status: 'ACTIVE', nameOnCard: 'ALICE MARTIN', endUserId: w.loaded.partners.sandbox!.consumers['alice-validated'] })
  })
})
