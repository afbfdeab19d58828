import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { checkCardPin } from '../../src/state/cards-pin'
import { tx } from '../../src/state/store'
import { makeWorld, requester, type TestWorld } from '../helpers/app'
import { CARDS, cardRow, cardSetup, insertCard, postCard, setCardSettings } from '../helpers/cards'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectError } from '../helpers/errors'
import { BY_PASS, createdId, insertBankingConsumer, insertLedger } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { bodyOf, makeScaWorld } from '../helpers/sca-world'
import { MESSAGES } from '../helpers/sca-cases'

// The card's secrets: the PIN (after SCA), PIN attempts and their reset, PAN display credentials and
// the page that redeems them, the sandbox truncated PAN, and no secret in any other response or log.

const get = (w: TestWorld, token: string, path: string, headers: Record<string, string> = BY_PASS) => w.call('GET', path, { token, headers })
const mustBe = (kind: 'active' | 'physical', id: string, value: string) => kind === 'active'
  ? `Card with id ${id} must be active in order to perform this operation. Current card status is ${value}.`
  : `Card with id ${id} must be physical in order to realize this operation. Card type is ${value}.`

describe('GET /api/partner/cards/{cardId}/pin and POST /pin/reset', () => {
  it('an ACTIVE physical card\'s PIN; 409 CARD_MUST_BE_PHYSICAL, CARD_MUST_BE_ACTIVE; 404 CARD_NOT_FOUND', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const card = insertCard(w, { ledgerId: s.ledger.id, pin: '4821' })
    const res = await get(w, s.token, `${CARDS}/${card.id}/pin`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({ pin: '4821' })
    expect(referenceErrors('GET', `${CARDS}/{cardId}/pin`, 200, body)).toEqual([])
    expect(await (await get(w, await consumerToken(w, s.consumer), `${CARDS}/${card.id}/pin`)).json()).toEqual({ pin: '4821' })

    const virtual = insertCard(w, { ledgerId: s.ledger.id, type: 'VIRTUAL' })
    const suspended = insertCard(w, { ledgerId: s.ledger.id, status: 'SUSPENDED' })
    for (const [path, method] of [['pin', 'GET'], ['pin/reset', 'POST']] as const) {
      const call = (id: string) => w.call(method, `${CARDS}/${id}/${path}`, { token: s.token, headers: BY_PASS })
      const physical = await expectError(await call(virtual.id), 409, 'CARD_MUST_BE_PHYSICAL', mustBe('physical', virtual.id, 'VIRTUAL'))
      const active = await expectError(await call(suspended.id), 409, 'CARD_MUST_BE_ACTIVE', mustBe('active', suspended.id, 'SUSPENDED'))
      const missing = await expectError(await call(MISSING_ID), 404, 'CARD_NOT_FOUND', `Card ${MISSING_ID} was not found.`)
      for (const [status, b] of [[409, physical], [409, active], [404, missing]] as const) expect(referenceErrors(method, `${CARDS}/{cardId}/${path}`, status, b)).toEqual([])
    }
    const stranger = await consumerToken(w, insertBankingConsumer(w))
    await expectError(await get(w, stranger, `${CARDS}/${card.id}/pin`), 404, 'CARD_NOT_FOUND', `Card ${card.id} was not found.`)
  })

  it('three wrong PINs lock it; pin/reset: UNLOCKING, then WAITING_ONLINE_TRANSACTION; the right PIN online unlocks it', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const card = insertCard(w, { ledgerId: s.ledger.id, pin: '1234' })
    const check = (pin: string) => tx(w.store, () => checkCardPin(w.store, cardRow(w, card.id), pin))
    expect([check('0000'), check('1111')]).toEqual(['WRONG', 'WRONG'])
    expect(check('1234')).toBe('OK')
    expect(cardRow(w, card.id).pinTries).toBe(0)
    expect([check('0000'), check('1111'), check('2222'), check('1234')]).toEqual(['WRONG', 'WRONG', 'WRONG', 'LOCKED'])
    const pinStatus = async () => ((await (await w.call('GET', `${CARDS}/${card.id}`, { token: s.token })).json()) as { pinStatus: string }).pinStatus
    expect(await pinStatus()).toBe('LOCKED')

    const reset = await w.call('POST', `${CARDS}/${card.id}/pin/reset`, { token: s.token, headers: BY_PASS })
    expect(reset.status).toBe(204)
    expect(await pinStatus()).toBe('UNLOCKING')
    expect(check('1234')).toBe('LOCKED')
    w.store.clock.advance(1000)
    expect(await pinStatus()).toBe('WAITING_ONLINE_TRANSACTION')
    expect(cardRow(w, card.id).pinTries).toBe(0)
    expect(check('1234')).toBe('OK')
    expect(await pinStatus()).toBe('UNLOCKED')
    // A reset of an unlocked PIN clears the counter only.
    check('9999')
    expect((await w.call('POST', `${CARDS}/${card.id}/pin/reset`, { token: s.token, headers: BY_PASS })).status).toBe(204)
    expect(cardRow(w, card.id)).toMatchObject({ pinTries: 0, pinStatus: 'UNLOCKED' })
  })
})

describe('GET /api/partner/cards/{cardId}/pan/credentials and the display page', () => {
  it('credentials (token, secret, ttl PT1M) show the full card on /pages/card-display until they expire', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const card = insertCard(w, { ledgerId: s.ledger.id, nameOnCard: 'JANE DOE' })
    const res = await get(w, s.token, `${CARDS}/${card.id}/pan/credentials`)
    expect(res.status).toBe(200)
    const creds = (await res.json()) as { token: string; secret: string; ttl: string }
    expect(referenceErrors('GET', `${CARDS}/{cardId}/pan/credentials`, 200, creds)).toEqual([])
    expect(creds).toEqual({ token: expect.stringMatching(/^\d{9}$/), secret: expect.stringMatching(/^\d{3}#\d{8}$/), ttl: 'PT1M' })
    const display = (token = creds.token, secret = creds.secret, accept = 'application/json') =>
      w.call('GET', `/pages/card-display?token=${encodeURIComponent(token)}&secret=${encodeURIComponent(secret)}`, { headers: { Accept: accept } })
    const shown = await display()
    expect(shown.status).toBe(200)
    expect(shown.headers.get('Cache-Control')).toBe('no-store')
    const expiry = `${String(card.expiryMonth).padStart(2, '0')}/${String(card.expiryYear % 100)}`
    expect(await shown.json()).toEqual({
      pan: card.pan, cvv: card.cvv, expiryDate: expiry, nameOnCard: 'JANE DOE', scheme: 'MASTERCARD', type: 'PHYSICAL', status: 'ACTIVE', expiresAt: '2026-01-15T10:01:00.000Z',
    })
    const html = await (await display(creds.token, creds.secret, 'text/html')).text()
    expect(html).toContain(card.pan.replace(/(\d{4})(?=\d)/g, '$1 '))
    expect(html).toContain(card.cvv)
    expect((await display(creds.token, '000#00000000')).status).toBe(404)
    expect((await display('123', creds.secret)).status).toBe(404)
    w.store.clock.advance(60_000)
    expect((await display()).status).toBe(410)
    // A new call, new credentials.
    const again = (await (await get(w, await consumerToken(w, s.consumer), `${CARDS}/${card.id}/pan/credentials`)).json()) as { token: string }
    expect(again.token).not.toBe(creds.token)
  })

  it('409 OPERATION_NOT_ALLOWED when the partner has no PAN display or the card is closed; CARD_STILL_CREATING; 404', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const card = insertCard(w, { ledgerId: s.ledger.id })
    const closed = insertCard(w, { ledgerId: s.ledger.id, status: 'CLOSED' })
    const creating = insertCard(w, { ledgerId: s.ledger.id, status: 'CREATING', type: 'VIRTUAL' })
    const path = (id: string) => `${CARDS}/${id}/pan/credentials`
    const message = 'This operation is not allowed by your current configuration.'
    await expectError(await get(w, s.token, path(closed.id)), 409, 'OPERATION_NOT_ALLOWED', message)
    await expectError(await get(w, s.token, path(creating.id)), 409, 'CARD_STILL_CREATING', `Card with id ${creating.id} is still being created and therefore this operation is not yet available.`)
    await expectError(await get(w, s.token, path(MISSING_ID)), 404, 'CARD_NOT_FOUND', `Card ${MISSING_ID} was not found.`)
    setCardSettings(w, s.partnerId, { panDisplayEnabled: false })
    const body = await expectError(await get(w, s.token, path(card.id)), 409, 'OPERATION_NOT_ALLOWED', message)
    expect(referenceErrors('GET', `${CARDS}/{cardId}/pan/credentials`, 409, body)).toEqual([])
  })
})

describe('sandbox GET /api/partner/cards/{cardId}/pan', () => {
  it('the last four digits of a physical card; 409 CARD_MUST_BE_PHYSICAL, CARD_STILL_CREATING; 404 CARD_NOT_FOUND', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const id = await createdId(await postCard(w, s.token, { ledgerId: s.ledger.id, profileId: s.physical.id, deliveryMethod: 'FRENCH_MAIL' }), CARDS)
    const path = (cardId: string) => `${CARDS}/${cardId}/pan`
    const still = await expectError(await get(w, s.token, path(id)), 409, 'CARD_STILL_CREATING', `Card with id ${id} is still being created and therefore this operation is not yet available.`)
    expect(referenceErrors('GET', `${CARDS}/{cardId}/pan`, 409, still)).toEqual([])
    w.store.clock.advance(3000)
    const res = await get(w, s.token, path(id))
    expect(res.status).toBe(200)
    const last4 = await res.json()
    expect(referenceErrors('GET', `${CARDS}/{cardId}/pan`, 200, last4)).toEqual([])
    expect(last4).toBe(cardRow(w, id).pan.slice(-4))
    expect((await w.call('POST', `${CARDS}/${id}/activate`, { token: s.token, body: { truncatedPan: last4 } })).status).toBe(204)
    const virtual = insertCard(w, { ledgerId: s.ledger.id, type: 'VIRTUAL' })
    const physical = await expectError(await get(w, s.token, path(virtual.id)), 409, 'CARD_MUST_BE_PHYSICAL', mustBe('physical', virtual.id, 'VIRTUAL'))
    expect(referenceErrors('GET', `${CARDS}/{cardId}/pan`, 409, physical)).toEqual([])
    const missing = await expectError(await get(w, s.token, path(MISSING_ID)), 404, 'CARD_NOT_FOUND', `Card ${MISSING_ID} was not found.`)
    expect(referenceErrors('GET', `${CARDS}/{cardId}/pan`, 404, missing)).toEqual([])
  })
})

describe('no secret outside the secret endpoints', () => {
  it('the request log shows method, path and status only, and no response but the secret ones carries PAN, CVV or PIN', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const lines: string[] = []
    const call = requester(createApp(w.store, { log: (line) => lines.push(line) }))
    const card = insertCard(w, { ledgerId: s.ledger.id, pin: '7305' })
    const bodies: string[] = []
    for (const path of [`${CARDS}/${card.id}`, CARDS, `/api/partner/transactions`, `/api/partner/ledgers/${s.ledger.id}`]) {
      bodies.push(await (await call('GET', path, { token: s.token })).text())
    }
    const creds = (await (await call('GET', `${CARDS}/${card.id}/pan/credentials`, { token: s.token, headers: BY_PASS })).json()) as { token: string; secret: string }
    await call('GET', `/pages/card-display?token=${creds.token}&secret=${encodeURIComponent(creds.secret)}`)
    await call('GET', `${CARDS}/${card.id}/pin`, { token: s.token, headers: BY_PASS })
    for (const secret of [card.pan, card.cvv, '7305', creds.secret, creds.token]) {
      expect(lines.join('\n')).not.toContain(secret)
    }
    for (const secret of [card.pan, card.cvv, '7305']) for (const body of bodies) expect(body).not.toContain(secret)
    expect(lines).toContain(lines.find((l) => l.startsWith('GET /pages/card-display 200')))
  })
})

describe('SCA on the secret operations', () => {
  const world = () => {
    const w = makeScaWorld()
    const ledger = insertLedger(w, { consumerId: w.ids.alice })
    return { w, card: insertCard(w, { ledgerId: ledger.id, pin: '2468' }) }
  }
  const cases = [
    { name: 'GET pin', method: 'GET', suffix: 'pin', ref: `${CARDS}/{cardId}/pin`, success: 200 },
    { name: 'POST pin/reset', method: 'POST', suffix: 'pin/reset', ref: `${CARDS}/{cardId}/pin/reset`, success: 204 },
    { name: 'GET pan/credentials', method: 'GET', suffix: 'pan/credentials', ref: `${CARDS}/{cardId}/pan/credentials`, success: 200 },
  ] as const

  it.each(cases)('$name: 202 Waiting SCA for the holder\'s device, runs once approved, BY_PASS runs, FAIL is 409 SCA_REQUIRED', async (op) => {
    const { w, card } = world()
    for (const token of [await w.partnerToken(), (await w.consumerTokens('alice')).token]) {
      const path = `${CARDS}/${card.id}/${op.suffix}`
      const send = (headers: Record<string, string> = {}) => w.call(op.method, path, { token, headers })
      const waiting = await send()
      expect(waiting.status).toBe(202)
      const challenge = await bodyOf(waiting)
      expect(referenceErrors(op.method, op.ref, 202, challenge)).toEqual([])
      expect(challenge.scaDeviceId).toBe(w.deviceOf('alice'))
      await expectError(await send({ 'Linkcy-SCA-Id': String(challenge.scaId) }), 409, 'SCA_INTERACTION_NOT_COMPLETED', MESSAGES.notCompleted)
      expect((await w.call('POST', `/_sim/sca/interactions/${String(challenge.scaId)}/approve`)).status).toBe(200)
      const ok = await send({ 'Linkcy-SCA-Id': String(challenge.scaId) })
      expect(ok.status).toBe(op.success)
      if (op.suffix === 'pin') expect(await ok.json()).toEqual({ pin: '2468' })
      await expectError(await send({ 'Linkcy-SCA-Id': String(challenge.scaId) }), 409, 'SCA_INTERACTION_ALREADY_CONSUMED', MESSAGES.consumed)
      expect((await send({ 'Linkcy-SCA-Strategy': 'BY_PASS' })).status).toBe(op.success)
      await expectError(await send({ 'Linkcy-SCA-Strategy': 'FAIL' }), 409, 'SCA_REQUIRED', MESSAGES.required('FAIL'))
    }
  })

  it('another card\'s approval does not open this one (409 SCA_INTERACTION_DOES_NOT_MATCH); an unknown card is 404 whatever the SCA', async () => {
    const { w, card } = world()
    const other = insertCard(w, { ledgerId: card.ledgerId })
    const token = await w.partnerToken()
    const { scaId } = (await bodyOf(await w.call('GET', `${CARDS}/${other.id}/pin`, { token }))) as { scaId: string }
    await w.call('POST', `/_sim/sca/interactions/${scaId}/approve`)
    await expectError(await w.call('GET', `${CARDS}/${card.id}/pin`, { token, headers: { 'Linkcy-SCA-Id': scaId } }), 409, 'SCA_INTERACTION_DOES_NOT_MATCH', MESSAGES.mismatch)
    await expectError(await w.call('GET', `${CARDS}/${MISSING_ID}/pin`, { token }), 404, 'CARD_NOT_FOUND', `Card ${MISSING_ID} was not found.`)
  })
})
