import { describe, expect, it } from 'vitest'
import { corporates } from '../../src/state/db/schema'
import { makeWorld, type TestWorld } from '../helpers/app'
import { insertCardProfile, postCard } from '../helpers/cards'
import { CORPORATES, corporateBody, corporateRow, corporateToken, createCorporate, setKyb } from '../helpers/corporates'
import { upload } from '../helpers/end-user-documents'
import { advanceClock, BY_PASS, createdId, EXTERNAL_SEPA, insertBankingConsumer, insertLedger } from '../helpers/money'
import { referenceErrors } from '../helpers/reference'

// Review of the corporate area as an integrator meets it: the legal type wrapper, scenario legal
// types, and a sandbox deletion that leaves no row behind in any table.

const MEMBERS = 'austriaValue, belgiumValue, bulgariaValue, cyprusValue, czechiaValue, germanyValue, denmarkValue, estoniaValue, spainValue, finlandValue, franceValue'

/** A 400 validation body (no errorCode) with one detail; returns the detail. */
async function validation(res: Response, field: string): Promise<{ field: string; rejectedValue: string; message: string }> {
  expect(res.status, await res.clone().text()).toBe(400)
  const body = (await res.json()) as { details: { field: string; rejectedValue: string; message: string }[]; error: string; status: number; errorCode?: string }
  expect(body).toMatchObject({ error: 'linkcy.bad.request', status: 400 })
  expect(body.errorCode).toBeUndefined()
  expect(body.details).toHaveLength(1)
  expect(body.details[0]!.field).toBe(field)
  return body.details[0]!
}

const corporateCount = (w: TestWorld) => w.store.db.select().from(corporates).all().length

describe('legalType: one country member, exactly', () => {
  it('a misspelt member, {}, a null value or two countries is a 400 on legalType itself; nothing is created', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const before = corporateCount(w)
    const cases: [unknown, string][] = [
      [{ franceVal: 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS' }, '{"franceVal":"FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS"}'],
      [{}, '{}'],
      [{ franceValue: null }, '{"franceValue":null}'],
      [{ franceValue: 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS', germanyValue: 'DE_GESELLSCHAFT_MIT_BESCHRANKTER_HAFTUNG_GMBH' },
        '{"franceValue":"FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS","germanyValue":"DE_GESELLSCHAFT_MIT_BESCHRANKTER_HAFTUNG_GMBH"}'],
    ]
    for (const [legalType, rejectedValue] of cases) {
      const detail = await validation(await w.call('POST', CORPORATES, { token, body: corporateBody({ legalType }) }), 'legalType')
      expect(detail.rejectedValue).toBe(rejectedValue)
      expect(detail.message).toMatch(new RegExp(`^must contain exactly one of \\[${MEMBERS}, `))
    }
    // A value outside its country's list is refused on the member.
    const wrong = await validation(await w.call('POST', CORPORATES, { token, body: corporateBody({ legalType: { franceValue: 'DE_GMBH' } }) }), 'legalType.franceValue')
    expect(wrong).toMatchObject({ rejectedValue: 'DE_GMBH', message: expect.stringMatching(/^must be one of \[FR_ASSOCIATION_DECLAREE, /) })
    expect(corporateCount(w)).toBe(before)

    // One member: created, and GET shows the bare value; a PATCH naming two countries changes nothing.
    const created = await createCorporate(w, { legalType: { belgiumValue: 'BE_NAAMLOZE_VENNOOTSCHAP_NV' } }, token)
    const patch = await w.call('PATCH', `${CORPORATES}/${created.corporateId}`, { token, body: { legalType: { belgiumValue: 'BE_NAAMLOZE_VENNOOTSCHAP_NV', franceValue: 'FR_SOCIETE_PAR_ACTIONS_SIMPLIFIEE_SAS' } } })
    await validation(patch, 'legalType')
    const got = await w.call('GET', `${CORPORATES}/${created.corporateId}`, { token })
    const body = (await got.json()) as Record<string, unknown>
    expect(referenceErrors('GET', `${CORPORATES}/{corporateId}`, 200, body)).toEqual([])
    expect(body.legalType).toBe('BE_NAAMLOZE_VENNOOTSCHAP_NV')
    expect(corporateRow(w, created.corporateId).profile.legalType).toBe('BE_NAAMLOZE_VENNOOTSCHAP_NV')
  })

  it('a scenario corporate’s legal type must be one of LinkCy’s values (GET shows it as is)', async () => {
    const w = makeWorld()
    const bad = await w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'sandbox', corporates: [{ ref: 'x', legalType: 'FR_SARL' }] }] } })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('partners[0].corporates[0].legalType')
    const before = corporateCount(w)
    const good = await w.call('POST', '/_sim/scenarios', { body: { partners: [{ name: 'sandbox', corporates: [{ ref: 'x', incorporationCountry: 'DEU', legalType: 'DE_AKTIENGESELLSCHAFT_AG' }] }] } })
    expect(good.status, await good.clone().text()).toBe(201)
    const id = ((await good.json()) as { partners: Record<string, { corporates: Record<string, string> }> }).partners.sandbox!.corporates.x!
    const body = (await (await w.call('GET', `${CORPORATES}/${id}`, { token: await w.partnerToken() })).json()) as Record<string, unknown>
    expect(referenceErrors('GET', `${CORPORATES}/{corporateId}`, 200, body)).toEqual([])
    expect(body).toMatchObject({ incorporationCountry: 'DEU', legalType: 'DE_AKTIENGESELLSCHAFT_AG' })
    expect(corporateCount(w)).toBeGreaterThanOrEqual(before)
  })
})

/** Every row of every table, by table. */
function dump(w: TestWorld): Record<string, Record<string, unknown>[]> {
  const tables = w.store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]
  return Object.fromEntries(tables.map(({ name }) => [name, w.store.sqlite.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]]))
}

/** The ids of every row that mentions one of `seeds`, and of the rows that mention those, and so on. */
function closure(rows: Record<string, Record<string, unknown>[]>, seeds: string[]): Set<string> {
  const ids = new Set(seeds)
  for (let grew = true; grew;) {
    grew = false
    for (const row of Object.values(rows).flat()) {
      const text = JSON.stringify(row)
      if (![...ids].some((id) => text.includes(id))) continue
      for (const key of ['id', 'token_hash', 'secret']) {
        const value = row[key]
        if (typeof value === 'string' && !ids.has(value)) {
          ids.add(value)
          grew = true
        }
      }
    }
  }
  return ids
}

/** The rows, by table, that mention one of `ids`. */
function mentioning(rows: Record<string, Record<string, unknown>[]>, ids: Set<string>): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [table, list] of Object.entries(rows)) {
    const hits = list.filter((r) => [...ids].some((id) => JSON.stringify(r).includes(id))).map((r) => String(r.id ?? r.token_hash ?? r.secret))
    if (hits.length > 0) out[table] = hits
  }
  return out
}

describe('DELETE /corporates/{id} leaves no orphan row', () => {
  it('related persons and entities, KYCs, verifications, messages, SCA, documents, links, pages, money, cards and login all go', async () => {
    const w = makeWorld()
    const partner = await w.partnerToken()
    const created = await createCorporate(w, {}, partner)
    const related = `${CORPORATES}/${created.corporateId}/related`
    const bob = await createdId(await w.call('POST', related, { token: partner, body: { info: { firstName: 'Bob', lastName: 'Ubo' }, isDirector: false, sharesInfo: [{ percentage: 30 }] } }), `${CORPORATES}/{corporateId}/related`)
    await createdId(await w.call('POST', related, { token: partner, body: { info: { registeredName: 'Holding SA', incorporationCountry: 'FRA', incorporationCode: 'H-1' }, isDirector: false, sharesInfo: [{ percentage: 20 }] } }), `${CORPORATES}/{corporateId}/related`)
    setKyb(w, created.corporateId, 'VALIDATED')
    const token = await corporateToken(w, created)
    const ok = async (res: Response, status = 200) => {
      expect(res.status, `${res.url} ${await res.clone().text()}`).toBe(status)
      const text = await res.text()
      return text ? (JSON.parse(text) as Record<string, any>) : {}
    }
    const ledgerId = await createdId(await w.call('POST', '/api/partner/ledgers', { token, body: { type: 'EUR_FRANCE', autoUpgrade: true } }), '/api/partner/ledgers')
    await advanceClock(w, 5)
    await ok(await w.call('POST', '/api/partner/ledgers/credit', { token: partner, body: { ledgerId, amount: 100 } }))
    const profile = insertCardProfile(w, w.loaded.partners.sandbox!.id, '0beccf6d-aa19-4bfc-87fe-c83f26eebcf5', { name: 'Business virtual' })
    await createdId(await postCard(w, token, { ledgerId, profileId: profile.id }), '/api/partner/cards')
    const supplier = await createdId(await w.call('POST', '/api/partner/beneficiaries', { token, headers: BY_PASS, body: { type: 'COMPANY', name: 'Supplier', bankingDetails: EXTERNAL_SEPA } }), '/api/partner/beneficiaries')
    await createdId(await w.call('POST', '/api/partner/transactions', { token, headers: BY_PASS, body: { ledgerFromId: ledgerId, beneficiaryId: supplier, amount: 10, reference: 'Invoice' } }), '/api/partner/transactions')
    const jane = insertLedger(w, { consumerId: insertBankingConsumer(w).id })
    const janePayee = await createdId(await w.call('POST', '/api/partner/beneficiaries', { token, headers: BY_PASS, body: { type: 'PERSON', name: 'Jane Doe', bankingDetails: { iban: jane.iban, bic: jane.bicOrSwift } } }), '/api/partner/beneficiaries')
    const toJane = await createdId(await w.call('POST', '/api/partner/transactions', { token, headers: BY_PASS, body: { ledgerFromId: ledgerId, beneficiaryId: janePayee, amount: 5, reference: 'Pay' } }), '/api/partner/transactions')
    await createdId(await w.call('POST', '/api/partner/mandates', { token, body: { debtor: { type: 'COMPANY', name: 'Customer SA', bankingDetails: EXTERNAL_SEPA }, recurring: true } }), '/api/partner/mandates')
    await ok(await w.call('POST', '/api/partner/sca', { token, body: { endpointId: 'owner-phone' } }), 201)
    await ok(await w.call('POST', '/api/partner/verifications/phone/send', { token: partner, body: { relatedPhysicalPersonId: created.accountOwnerId } }))
    await ok(await w.call('POST', '/api/partner/verifications/email/send', { token: partner, body: { relatedPhysicalPersonId: created.accountOwnerId } }))
    expect((await upload(w, token, { type: 'PASSPORT', endUserId: created.corporateId })).status).toBe(201)
    await ok(await w.call('POST', '/api/partner/kyc/simulate', { token: partner, body: { relatedPhysicalPersonId: bob, kycStatus: 'VALIDATED' } }), 201)
    const review = await ok(await w.call('GET', `/api/partner/documents/diligence-review/${created.corporateId}`, { token: partner }))
    const load = await ok(await w.call('POST', '/api/partner/acquiring/account-load', { token: partner, body: { amount: 33.33, targetLedgerId: ledgerId, reference: 'Top-up', redirectUrl: 'https://app.test/done' } }))
    expect((await w.call('POST', `/api/partner/end-users/${created.corporateId}/suspensions`, { token: partner, body: { reason: 'Review' } })).status).toBe(204)
    await advanceClock(w, 60)

    const before = dump(w)
    const ids = closure(before, [created.corporateId, created.accountOwnerId, bob])
    const touched = mentioning(before, ids)
    for (const table of ['corporates', 'corporate_related', 'corporate_shares', 'credentials', 'refresh_tokens', 'ledgers', 'transactions', 'beneficiaries', 'mandates', 'cards',
      'sca_devices', 'phone_verifications', 'email_verifications', 'kyc_applications', 'outbox', 'end_user_documents', 'file_links', 'web_pages', 'end_user_suspensions']) {
      expect(touched[table], `the journey wrote to ${table}`).toBeDefined()
    }

    expect((await w.call('DELETE', `${CORPORATES}/${created.corporateId}`, { token: partner })).status).toBe(200)
    // Only the transfer Jane received stays: it is her ledger's history.
    expect(mentioning(dump(w), ids)).toEqual({ transactions: [toJane] })
    expect((await w.app.request(new URL(review.url as string).pathname)).status).toBe(404)
    expect((await w.app.request(`/pages/acquiring/${load.id as string}`)).status).toBe(404)
  })
})
