import { describe, expect, it } from 'vitest'
import { makeWorld, type TestWorld } from '../helpers/app'
import { CARDS, cardRow, cardSetup, DESIGNS, insertCard, insertCardProfile, postCard, setCardSettings, fetchCard, type CardSetup } from '../helpers/cards'
import { consumerToken, MISSING_ID } from '../helpers/consumers'
import { expectBusiness400, expectError } from '../helpers/errors'
import { createdId, insertBankingConsumer, insertLedger, standingMessage, type StandingCode } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'
import { isLuhnValid, panMatchesScheme } from '../../src/state/card-secrets'

// POST /api/partner/cards: the card lifecycle's start (CREATING → AWAITING_ACTIVATION / ACTIVE on the
// clock) and every documented refusal, in the documented order.

const create = async (w: TestWorld, token: string, body: Record<string, unknown>) => createdId(await postCard(w, token, body), CARDS)
const physicalBody = (s: CardSetup, extra: Record<string, unknown> = {}) => ({ ledgerId: s.ledger.id, profileId: s.physical.id, deliveryMethod: 'FRENCH_MAIL', ...extra })
const virtualBody = (s: CardSetup, extra: Record<string, unknown> = {}) => ({ ledgerId: s.ledger.id, profileId: s.virtual.id, ...extra })

describe('POST /api/partner/cards: creation and the lifecycle on the clock', () => {
  it('a physical card is CREATING, then AWAITING_ACTIVATION after 3 s, shipped, with the reference shape and no secret shown', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const id = await create(w, s.token, physicalBody(s, { friendlyName: 'Daily', rules: [{ type: 'DAILY_MAX_SPEND', value: 50, name: 'day' }] }))
    const creating = await fetchCard(w, s.token, id)
    expect(creating).toEqual({
      id, endUserId: s.consumer.id, ledgerId: s.ledger.id, profile: { id: s.physical.id, name: 'Classic' }, expiryDate: '2029-01',
      nameOnCard: 'JANE DOE', friendlyName: 'Daily',
      deliveryAddress: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75011', street: 'Rue Oberkampf', number: '12', status: 'VALID' },
      deliveryMethod: 'FRENCH_MAIL', type: 'PHYSICAL', scheme: 'MASTERCARD', currency: 'EUR', status: { value: 'CREATING' },
      creationDate: '2026-01-15T10:00:00.000Z', updateDate: '2026-01-15T10:00:00.000Z', pinStatus: 'UNLOCKED',
      rules: [{ type: 'DAILY_MAX_SPEND', name: 'day', value: 50, creator: 'PARTNER' }],
    })
    w.store.clock.advance(2999)
    expect((await fetchCard(w, s.token, id)).status).toEqual({ value: 'CREATING' })
    w.store.clock.advance(1)
    const awaiting = await fetchCard(w, s.token, id)
    expect(awaiting).toMatchObject({ status: { value: 'AWAITING_ACTIVATION' }, deliveryShipmentDate: '2026-01-15', updateDate: '2026-01-15T10:00:03.000Z' })
    expect(awaiting.truncatedPan).toBeUndefined()
    const row = cardRow(w, id)
    expect(isLuhnValid(row.pan) && panMatchesScheme(row.pan, 'MASTERCARD')).toBe(true)
    expect(row.pin).toMatch(/^\d{4}$/)
    const text = JSON.stringify(awaiting)
    for (const secret of [row.pan, row.cvv, row.panLast4]) expect(text).not.toContain(secret)
  })

  it('a virtual card is ACTIVE once created; the tracked method gets a tracking number; VISA PANs start with 4', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const id = await create(w, s.token, virtualBody(s, { nameOnCard: 'JANE ONLINE', deliveryMethod: 'FRENCH_MAIL' }))
    w.store.clock.advance(3000)
    const virtual = await fetchCard(w, s.token, id)
    expect(virtual).toMatchObject({ type: 'VIRTUAL', status: { value: 'ACTIVE' }, nameOnCard: 'JANE ONLINE', truncatedPan: cardRow(w, id).panLast4 })
    expect(virtual.deliveryMethod).toBeUndefined()

    const visa = insertCardProfile(w, s.partnerId, DESIGNS.visaPhysical, { name: 'Visa' })
    const tracked = await create(w, s.token, { ledgerId: s.ledger.id, profileId: visa.id, deliveryMethod: 'FRENCH_MAIL_TRACKING' })
    w.store.clock.advance(3000)
    expect((await fetchCard(w, s.token, tracked)).deliveryTrackingNumber).toMatch(/^LA\d{9}FR$/)
    expect(cardRow(w, tracked).pan).toMatch(/^4\d{15}$/)
    expect(isLuhnValid(cardRow(w, tracked).pan)).toBe(true)
  })

  it('the name on the card defaults to the holder\'s names in basic Latin capitals; a bad nameOnCard is a 400', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const consumer = insertBankingConsumer(w, { firstName: 'Zoé-Hélène', lastName: "d'Aubigné de la Rochefoucauld" })
    const ledger = insertLedger(w, { consumerId: consumer.id })
    const id = await create(w, s.token, { ledgerId: ledger.id, profileId: s.virtual.id })
    expect(cardRow(w, id).nameOnCard).toBe('ZOE HELENE D AUBIGNE')
    for (const nameOnCard of ['jane doe', 'JANE-DOE', 'A'.repeat(22), '']) {
      const res = await postCard(w, s.token, virtualBody(s, { nameOnCard }))
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: 'linkcy.bad.request', details: [{ field: 'nameOnCard' }] })
    }
    for (const body of [{ ledgerId: 'nope', profileId: s.virtual.id }, { ledgerId: s.ledger.id }, virtualBody(s, { rules: [{ type: 'DAILY_MAX_SPEND', value: 0 }] }),
      virtualBody(s, { rules: [{ type: 'LIFETIME_MAX_SPEND', value: 5 }] }), virtualBody(s, { deliveryMethod: 'DHL' })]) {
      const res = await postCard(w, s.token, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(referenceErrors('POST', CARDS, 400, await res.json())).toEqual([])
    }
  })

  it('the profile\'s default rules are copied; the partner\'s own rule of a type replaces it; an end-user\'s sits beside it', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    await w.call('PUT', `/api/partner/card-profiles/${s.virtual.id}/rules`, { token: s.token, body: { type: 'MONTHLY_MAX_SPEND', value: 900 } })
    await w.call('PUT', `/api/partner/card-profiles/${s.virtual.id}/rules`, { token: s.token, body: { type: 'WEEKLY_MAX_SPEND', value: 300 } })
    const id = await create(w, s.token, virtualBody(s, { rules: [{ type: 'WEEKLY_MAX_SPEND', value: 200 }] }))
    expect((await fetchCard(w, s.token, id)).rules).toEqual([
      { type: 'MONTHLY_MAX_SPEND', value: 900, creator: 'PARTNER' }, { type: 'WEEKLY_MAX_SPEND', value: 200, creator: 'PARTNER' },
    ])
    const endUser = await consumerToken(w, s.consumer)
    w.store.clock.advance(3000)
    const own = await create(w, endUser, virtualBody(s, { rules: [{ type: 'MONTHLY_MAX_SPEND', value: 100 }] }))
    expect((await fetchCard(w, endUser, own)).rules).toEqual([
      { type: 'MONTHLY_MAX_SPEND', value: 100, creator: 'END_USER' }, { type: 'MONTHLY_MAX_SPEND', value: 900, creator: 'PARTNER' },
      { type: 'WEEKLY_MAX_SPEND', value: 300, creator: 'PARTNER' },
    ])
  })

  it('an end-user token creates a card on its own ledger only; a partner on its own partner\'s ledgers only', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const stranger = insertBankingConsumer(w)
    const strangerToken = await consumerToken(w, stranger)
    await expectBusiness400(await postCard(w, strangerToken, virtualBody(s)), 'LEDGER_NOT_FOUND', 'ledgerId', `Ledger with id ${s.ledger.id} was not found.`)
    const other = insertBankingConsumer(w, { partner: 'other-sandbox' })
    const foreign = insertLedger(w, { consumerId: other.id })
    await expectBusiness400(await postCard(w, s.token, { ledgerId: foreign.id, profileId: s.virtual.id }), 'LEDGER_NOT_FOUND', 'ledgerId', `Ledger with id ${foreign.id} was not found.`)
    const otherToken = await w.partnerToken({ partnerName: 'other-sandbox', username: 'partner@other.test', password: 'Other-Password-1' })
    await expectBusiness400(await postCard(w, otherToken, { ledgerId: foreign.id, profileId: s.virtual.id }), 'CARD_PROFILE_NOT_FOUND', 'profileId', `Card profile with id ${s.virtual.id} was not found.`)
    expect(await createdId(await postCard(w, await consumerToken(w, s.consumer), virtualBody(s)), CARDS)).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('POST /api/partner/cards: every documented refusal', () => {
  it('400s: ledger, profile (unknown, inactive), user type, delivery method, friendly name, duplicate rules, delivery country', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    await expectBusiness400(await postCard(w, s.token, { ledgerId: MISSING_ID, profileId: s.virtual.id }), 'LEDGER_NOT_FOUND', 'ledgerId', `Ledger with id ${MISSING_ID} was not found.`)
    await expectBusiness400(await postCard(w, s.token, virtualBody(s, { profileId: MISSING_ID })), 'CARD_PROFILE_NOT_FOUND', 'profileId', `Card profile with id ${MISSING_ID} was not found.`)
    const inactive = insertCardProfile(w, s.partnerId, DESIGNS.virtual, { active: false })
    await expectBusiness400(await postCard(w, s.token, virtualBody(s, { profileId: inactive.id })), 'CARD_PROFILE_NOT_ACTIVE', 'profileId', `No active card profile with id ${inactive.id} was found.`)
    const corporate = insertCardProfile(w, s.partnerId, DESIGNS.corporatePhysical)
    await expectBusiness400(await postCard(w, await consumerToken(w, s.consumer), physicalBody(s, { profileId: corporate.id })),
      'CARD_PROGRAM_NOT_COMPATIBLE_END_USER', 'profileId', 'This card program is not compatible with this type of user. Required CORPORATE, got CONSUMER.')
    await expectBusiness400(await postCard(w, s.token, physicalBody(s, { deliveryMethod: undefined })), 'DELIVERY_METHOD_REQUIRED', 'deliveryMethod', 'A delivery method is required to create a physical card.')
    insertCard(w, { ledgerId: s.ledger.id, friendlyName: 'Mine' })
    await expectBusiness400(await postCard(w, s.token, virtualBody(s, { friendlyName: 'Mine' })), 'FRIENDLY_NAME_ALREADY_TAKEN', 'friendlyName', 'Card with this friendly name already exists.')
    await expectBusiness400(await postCard(w, s.token, virtualBody(s, { rules: [{ type: 'DAILY_MAX_SPEND', value: 5 }, { type: 'DAILY_MAX_SPEND', value: 9 }] })),
      'CARD_RULE_NOT_UNIQUE', 'rules', 'Can not add two card rules of the same type.')
    const res = await postCard(w, s.token, physicalBody(s, { deliveryMethod: 'INTERNATIONAL_MAIL' }))
    const body = await expectBusiness400(res, 'INVALID_DELIVERY_METHOD', 'deliveryMethod', 'Delivery method INTERNATIONAL_MAIL is not valid with address country FRA.')
    expect(referenceErrors('POST', CARDS, 400, body)).toEqual([])
    const abroad = insertBankingConsumer(w, { address: { isoCountryCode: 'DEU', city: 'Berlin', postalCode: '10115', street: 'Invalidenstrasse', status: 'VALID' } })
    const abroadLedger = insertLedger(w, { consumerId: abroad.id })
    await expectBusiness400(await postCard(w, s.token, { ledgerId: abroadLedger.id, profileId: s.physical.id, deliveryMethod: 'FRENCH_MAIL' }),
      'INVALID_DELIVERY_METHOD', 'deliveryMethod', 'Delivery method FRENCH_MAIL is not valid with address country DEU.')
    expect(await createdId(await postCard(w, s.token, { ledgerId: abroadLedger.id, profileId: s.physical.id, deliveryMethod: 'INTERNATIONAL_MAIL' }), CARDS)).toBeTruthy()
  })

  it.each([
    ['CONSUMER_KYC_MUST_BE_VALIDATED', { kycStatus: 'PROCESSING' }],
    ['LINKCY_STATUS_MUST_BE_VALIDATED', { linkcyStatus: 'PENDING' }],
    ['END_USER_MUST_NOT_BE_SUSPENDED', { suspensionStatus: 'SUSPENDED' }],
    ['BANKING_STATUS_MUST_BE_VALIDATED', { bankingStatus: 'NOT_CREATED' }],
    ['TERMS_AND_CONDITIONS_NOT_ACCEPTED', { lastTermsAccepted: null }],
  ] as const)('409 %s: the holder\'s standing', async (code, columns) => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const holder = insertBankingConsumer(w, columns)
    const ledger = insertLedger(w, { consumerId: holder.id })
    const body = await expectError(await postCard(w, s.token, { ledgerId: ledger.id, profileId: s.virtual.id }), 409, code, standingMessage(code as StandingCode, holder))
    expect(referenceErrors('POST', CARDS, 409, body)).toEqual([])
  })

  it('409s: program vs ledger type and user type, ledger state, card type, program countries, partner delivery methods', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const belgian = insertCardProfile(w, s.partnerId, DESIGNS.belgiumPhysical)
    await expectError(await postCard(w, s.token, physicalBody(s, { profileId: belgian.id })), 409, 'CARD_PROGRAM_NOT_COMPATIBLE_LEDGER', 'This card program can not handle ledger type EUR_FRANCE.')
    const corporate = insertCardProfile(w, s.partnerId, DESIGNS.corporatePhysical)
    await expectError(await postCard(w, s.token, physicalBody(s, { profileId: corporate.id })), 409, 'CARD_PROGRAM_NOT_COMPATIBLE_END_USER',
      'This card program is not compatible with this type of user. Required CORPORATE, got CONSUMER.')
    const pending = insertLedger(w, { consumerId: s.consumer.id, status: 'PENDING', activationDate: null })
    await expectError(await postCard(w, s.token, physicalBody(s, { ledgerId: pending.id })), 409, 'LEDGER_MUST_BE_ACTIVE', 'Ledger must be active to do this operation.')
    await expectError(await postCard(w, s.token, physicalBody(s, { type: 'VIRTUAL' })), 409, 'INVALID_CARD_PROGRAM_TYPE', 'Unable to create card of type VIRTUAL with card program of type PHYSICAL.')
    const suspended = insertLedger(w, { consumerId: s.consumer.id, status: 'SUSPENDED', suspensions: [{ operator: 'PARTNER', reason: 'x', date: 0 }] })
    await expectError(await postCard(w, s.token, physicalBody(s, { ledgerId: suspended.id })), 409, 'LEDGER_MUST_NOT_BE_SUSPENDED', 'Ledger must not be suspended to do this operation.')
    const swiss = insertBankingConsumer(w, { address: { isoCountryCode: 'CHE', city: 'Genève', postalCode: '1201', street: 'Rue du Rhône', status: 'VALID' } })
    const swissLedger = insertLedger(w, { consumerId: swiss.id })
    const res = await postCard(w, s.token, { ledgerId: swissLedger.id, profileId: s.physical.id, deliveryMethod: 'INTERNATIONAL_MAIL' })
    const body = await expectError(res, 409, 'INVALID_CARD_PROGRAM_COUNTRY',
      'Unable to create card for this delivery country, program supported countries: [AUT, BEL, BGR, CYP, CZE, DEU, DNK, ESP, EST, FIN, FRA, GRC, HRV, HUN, IRL, ISL, ITA, LIE, LTU, LUX, LVA, MCO, MLT, NLD, NOR, POL, PRT, ROU, SVK, SVN, SWE].')
    expect(referenceErrors('POST', CARDS, 409, body)).toEqual([])
    setCardSettings(w, s.partnerId, { cardDeliveryMethods: ['FRENCH_MAIL'] })
    await expectError(await postCard(w, s.token, physicalBody(s, { deliveryMethod: 'FRENCH_MAIL_TRACKING' })), 409, 'UNSUPPORTED_DELIVERY_METHOD',
      'Delivery method FRENCH_MAIL_TRACKING is not supported with the current partner configuration.')
  })

  it('409 RESERVED_BALANCE_MUST_BE_EMPTY_WHEN_CREATING_FIRST_CARD only for a ledger\'s first card; OTHER_CARD_BEING_CREATED_FOR_SAME_LEDGER while one is CREATING', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const held = insertLedger(w, { consumerId: s.consumer.id, available: 10, reservedCents: 500 })
    await expectError(await postCard(w, s.token, virtualBody(s, { ledgerId: held.id })), 409, 'RESERVED_BALANCE_MUST_BE_EMPTY_WHEN_CREATING_FIRST_CARD',
      'In order to create the first card, the ledger reserved balance must be zero.')
    const first = await create(w, s.token, virtualBody(s))
    await expectError(await postCard(w, s.token, physicalBody(s)), 409, 'OTHER_CARD_BEING_CREATED_FOR_SAME_LEDGER',
      `A card is already being created for this ledger (card with id ${first}). Only one card can be created at a time for the same ledger.`)
    w.store.clock.advance(3000)
    insertCard(w, { ledgerId: held.id, status: 'CLOSED' })
    expect(await create(w, s.token, physicalBody(s))).not.toBe(first)
    expect(await create(w, s.token, virtualBody(s, { ledgerId: held.id }))).toBeTruthy()
  })

  it('the checks come in the documented order: a request wrong in every way gets the first refusal', async () => {
    const w = makeWorld()
    const s = await cardSetup(w)
    const holder = insertBankingConsumer(w, { kycStatus: 'PROCESSING' })
    const ledger = insertLedger(w, { consumerId: holder.id, status: 'SUSPENDED' })
    const belgian = insertCardProfile(w, s.partnerId, DESIGNS.belgiumPhysical)
    const body = { ledgerId: ledger.id, profileId: belgian.id, deliveryMethod: 'FRENCH_MAIL', type: 'VIRTUAL' }
    // No delivery address: INVALID_DELIVERY_METHOD (400) comes before the holder's KYC (409).
    await expectBusiness400(await postCard(w, s.token, body), 'INVALID_DELIVERY_METHOD', 'deliveryMethod', 'Delivery method FRENCH_MAIL is not valid with address country null.')
    await expectError(await postCard(w, s.token, { ...body, profileId: s.virtual.id }), 409, 'CONSUMER_KYC_MUST_BE_VALIDATED', 'Consumer kyc must be validated.')
  })
})
