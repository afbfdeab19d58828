import { describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { cardRow, DESIGNS, insertCardProfile, postCard } from '../helpers/cards'
import { CORPORATES, corporateRow, createCorporate, setKyb } from '../helpers/corporates'
import { expectError } from '../helpers/errors'
import { advanceClock, BY_PASS, createdId, EXTERNAL_SEPA, fetchResource, fetchTransaction, postTransfer } from '../helpers/money'

// A corporate from creation to its first card: created by the partner, KYB validated, its account
// owner logs in, opens a ledger (ACTIVE on the clock), is credited in the sandbox, pays a supplier
// and orders a physical card that it activates with the card's last four digits.

describe('corporate journey', () => {
  it('partner creates → KYB VALIDATED → owner logs in → ledger ACTIVE → credit → transfer → card created and activated', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const corp = await createCorporate(w, { registeredName: 'Initech SARL' }, partner)

    // Before its KYB the corporate cannot bank.
    const early = await w.call('POST', '/api/partner/ledgers', { token: partner, body: { endUserId: corp.corporateId, type: 'EUR_FRANCE' } })
    await expectError(early, 409, 'CORPORATE_KYB_MUST_BE_VALIDATED', 'Corporate kyb must be validated.')
    setKyb(w, corp.corporateId, 'VALIDATED')
    const info = await fetchResource(w, partner, `${CORPORATES}/{corporateId}`, corp.corporateId)
    expect(info.status).toMatchObject({ kyb: { value: 'VALIDATED' }, linkcy: { value: 'VALIDATED' }, banking: { value: 'VALIDATED' }, overall: { value: 'ACTIVE' } })

    // The account owner sets its password and logs in as the corporate.
    const reset = await w.call('POST', '/api/partner/passwords/reset/sandbox', { token: partner, body: { partnerName: 'sandbox', accountOwnerPhone: corp.phoneDigits } })
    const { passwordChangeSecret } = (await reset.json()) as { passwordChangeSecret: string }
    expect((await w.call('POST', '/api/partner/passwords/change', { body: { passwordChangeSecret, newPassword: 'Initech-Owner-1' } })).status).toBe(200)
    const login = await w.call('POST', '/api/partner/login', { body: { partnerName: 'sandbox', accountOwnerPhone: corp.phoneDigits, password: 'Initech-Owner-1' } })
    expect(login.status).toBe(200)
    const { token, endUserId } = (await login.json()) as { token: string; endUserId: string }
    expect(endUserId).toBe(corp.corporateId)

    // Its ledger opens PENDING and becomes ACTIVE on the clock.
    const ledgerId = await createdId(await w.call('POST', '/api/partner/ledgers', { token, body: { type: 'EUR_FRANCE', friendlyName: 'Operations', autoUpgrade: true } }), '/api/partner/ledgers')
    expect((await fetchResource(w, token, '/api/partner/ledgers/{ledgerId}', ledgerId)).status).toBe('PENDING')
    await advanceClock(w, 5)
    const ledger = await fetchResource(w, token, '/api/partner/ledgers/{ledgerId}', ledgerId)
    expect(ledger).toMatchObject({ status: 'ACTIVE', endUserId: corp.corporateId })

    // The sandbox credits it; the corporate pays a supplier.
    const credit = await w.call('POST', '/api/partner/ledgers/credit', { token: partner, body: { ledgerId, amount: 250 } })
    expect(credit.status, await credit.clone().text()).toBe(200)
    const profile = insertCardProfile(w, w.loaded.partners.sandbox!.id, DESIGNS.corporatePhysical, { name: 'Business' })
    const cardId = await createdId(await postCard(w, token, { ledgerId, profileId: profile.id, deliveryMethod: 'FRENCH_MAIL' }), '/api/partner/cards')
    const supplier = await createdId(await w.call('POST', '/api/partner/beneficiaries', {
      token, headers: BY_PASS, body: { type: 'COMPANY', name: 'Paper Supplies SA', bankingDetails: EXTERNAL_SEPA },
    }), '/api/partner/beneficiaries')
    const transfer = await createdId(await postTransfer(w, token, { ledgerFromId: ledgerId, beneficiaryId: supplier, amount: 40, reference: 'Paper' }), '/api/partner/transactions')
    expect(await fetchTransaction(w, token, transfer)).toMatchObject({ sender: { name: 'Initech SARL', ledgerId }, receiver: { name: 'Paper Supplies SA' } })

    // The physical card is made, delivered to the registered address, and activated with its last four digits.
    await advanceClock(w, 5)
    const made = await fetchResource(w, token, '/api/partner/cards/{cardId}', cardId)
    expect(made).toMatchObject({ status: { value: 'AWAITING_ACTIVATION' }, nameOnCard: 'ALICE MARTIN' })
    expect(cardRow(w, cardId).deliveryAddress).toMatchObject({ isoCountryCode: 'FRA', city: 'Paris', street: 'Rue de la Paix' })
    const pan = await w.call('GET', `/api/partner/cards/${cardId}/pan`, { token })
    expect(pan.status).toBe(200)
    expect((await w.call('POST', `/api/partner/cards/${cardId}/activate`, { token, body: { truncatedPan: await pan.json() }, headers: BY_PASS })).status).toBe(204)
    await advanceClock(w, 5)
    expect(await fetchResource(w, token, '/api/partner/cards/{cardId}', cardId)).toMatchObject({ status: { value: 'ACTIVE' } })
    // The card reached the corporate: its registered address is now VERIFIED.
    expect(corporateRow(w, corp.corporateId).profile.registeredAddress?.status).toBe('VERIFIED')
  })
})
