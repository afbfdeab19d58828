import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { consumers } from '../../src/state/db/schema'
import { insertBeneficiary, insertLedger } from './money'
import { insertCard } from './cards'
import { cardRulesOf } from '../../src/state/card-rules'
import { errorBody } from './app'
import { expectError } from './errors'
import { loginBody, type ScaWorld, type Who } from './sca-world'
import { DESIGNS, insertCardProfile, setCardSettings } from './cards'

// The SCA-eligible operations the SCA tests run through, table-driven. A later issue adds its
// operation here (one entry) and every SCA outcome is checked for it.

export interface ScaRequest {
  method: string
  path: string
  body: unknown
  token?: string
}

export interface ScaCase {
  name: string
  /** The reference operation, for referenceErrors. */
  ref: { method: string; path: string }
  success: number
  /** Exempt by default while the end-user has no active device (an onboarding operation). */
  exemptWithoutDevice: boolean
  /** The payload itself is single-use (a refresh token): once run, a repeat is refused by the operation (401). */
  singleUse?: boolean
  /**
   * Members that make the request body invalid (each merged into a valid body): the operation's
   * validation answers 400 before SCA is considered.
   */
  invalid: Record<string, unknown>[]
  /** A request for `who`; another `variant` gives the same call with a different payload. */
  request(w: ScaWorld, who: Who, variant?: number): Promise<ScaRequest>
  /** Checks the operation's effect after a success. */
  verify(w: ScaWorld, who: Who, res: Response): Promise<void>
}

const tokenBody = async (w: ScaWorld, who: Who, res: Response) => {
  expect(await res.json()).toMatchObject({ token: expect.any(String), refreshToken: expect.any(String), endUserId: w.ids[who] })
}

const patchConsumer = (asPartner: boolean): ScaCase => ({
  name: `PATCH consumer (${asPartner ? 'partner' : 'end-user'} token)`,
  ref: { method: 'PATCH', path: '/api/partner/consumers/{consumerId}' },
  success: 200,
  exemptWithoutDevice: true,
  invalid: [{ address: [] }, { externalId: 5 }, { occupation: 'ASTRONAUT' }, { emailAddress: 'not-an-email' }, { accountPurposes: 'SAVINGS' }],
  async request(w, who, variant = 0) {
    const token = asPartner ? await w.partnerToken() : (await w.consumerTokens(who)).token
    return { method: 'PATCH', path: `/api/partner/consumers/${w.ids[who]}`, body: { externalId: `ext-${variant}` }, token }
  },
  async verify(w, who, res) {
    expect(await res.json()).toMatchObject({ id: w.ids[who] })
    const row = w.store.db.select().from(consumers).where(eq(consumers.id, w.ids[who])).get()!
    expect(row.profile.externalId).toBe('ext-0')
  },
})

const createCard = (asPartner: boolean): ScaCase => ({
  name: `card creation (${asPartner ? 'partner' : 'end-user'} token)`,
  ref: { method: 'POST', path: '/api/partner/cards' },
  success: 201,
  exemptWithoutDevice: false,
  invalid: [{ friendlyName: 7 }, { friendlyName: 'x'.repeat(256) }, { ledgerId: 'not-a-uuid' }, { nameOnCard: 'lower case' }],
  async request(w, who, variant = 0) {
    const { ledgerId, profileId } = cardHolder(w, who)
    const token = asPartner ? await w.partnerToken() : (await w.consumerTokens(who)).token
    return { method: 'POST', path: '/api/partner/cards', body: { ledgerId, profileId, friendlyName: `card-${variant}` }, token }
  },
  async verify(w, who, res) {
    const { id } = (await res.json()) as { id: string }
    const row = w.store.sqlite.prepare('SELECT ledger_id AS ledgerId, friendly_name AS friendlyName, status FROM cards WHERE id = ?').get(id)
    expect(row).toEqual({ ledgerId: cardHolder(w, who).ledgerId, friendlyName: 'card-0', status: 'ACTIVE' })
  },
})

/**
 * A card-ready holder for the card cases: `who` gets validated statuses (as the money sender), an
 * active ledger 'sca-cards' and the partner a virtual card profile; cards are created at once.
 */
function cardHolder(w: ScaWorld, who: Who): { ledgerId: string; profileId: string } {
  const id = w.ids[who]
  const partnerId = w.loaded.partners.sandbox!.id
  const find = () => (w.store.sqlite.prepare('SELECT id FROM ledgers WHERE end_user_id = ? AND friendly_name = ?').get(id, 'sca-cards') as { id: string } | undefined)?.id
  if (!find()) {
    moneySender(w, who)
    insertLedger(w, { consumerId: id, friendlyName: 'sca-cards' })
  }
  const profile = w.store.sqlite.prepare("SELECT id FROM card_profiles WHERE partner_id = ? AND name = 'sca-virtual'").get(partnerId) as { id: string } | undefined
  const profileId = profile?.id ?? insertCardProfile(w, partnerId, DESIGNS.virtual, { name: 'sca-virtual' }).id
  setCardSettings(w, partnerId, { cardCreationSeconds: 0 })
  return { ledgerId: find()!, profileId }
}

/**
 * A banking-ready sender for the money cases: `who` gets validated statuses (once), a funded ledger
 * 'sca-from', a second ledger 'sca-to' and an external beneficiary.
 */
function moneySender(w: ScaWorld, who: Who): { from: string; to: string; beneficiary: string } {
  const id = w.ids[who]
  const find = (name: string) => (w.store.sqlite.prepare('SELECT id FROM ledgers WHERE end_user_id = ? AND friendly_name = ?').get(id, name) as { id: string } | undefined)?.id
  if (!find('sca-from')) {
    const validated = { kycStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED', complianceStatus: 'VALIDATED', lastTermsAccepted: '1.0' } as const
    w.store.db.update(consumers).set(validated).where(eq(consumers.id, id)).run()
    insertLedger(w, { consumerId: id, available: 100, friendlyName: 'sca-from' })
    insertLedger(w, { consumerId: id, friendlyName: 'sca-to' })
    insertBeneficiary(w, { consumerId: id, data: { sca: true } })
  }
  const beneficiary = (w.store.sqlite.prepare('SELECT id FROM beneficiaries WHERE end_user_id = ?').get(id) as { id: string }).id
  return { from: find('sca-from')!, to: find('sca-to')!, beneficiary }
}

/** The money operations: a transfer to a beneficiary (end-user token) and an inter-ledger transfer (partner token). */
const moneyTransfer = (interLedger: boolean): ScaCase => ({
  name: interLedger ? 'inter-ledger transfer (partner token)' : 'transfer to a beneficiary (end-user token)',
  ref: { method: 'POST', path: interLedger ? '/api/partner/transactions/inter-ledger' : '/api/partner/transactions' },
  success: 201,
  exemptWithoutDevice: false,
  invalid: [{ amount: 0.001 }, { amount: 'ten' }, { ledgerFromId: 'nope' }, { reference: 'semi;colon' }],
  async request(w, who, variant = 0) {
    const { from, to, beneficiary } = moneySender(w, who)
    const token = interLedger ? await w.partnerToken() : (await w.consumerTokens(who)).token
    const body = interLedger ? { ledgerFromId: from, ledgerToId: to, amount: 1 + variant } : { ledgerFromId: from, beneficiaryId: beneficiary, amount: 1 + variant }
    return { method: 'POST', path: interLedger ? '/api/partner/transactions/inter-ledger' : '/api/partner/transactions', body, token }
  },
  async verify(w, who, res) {
    const { id } = (await res.json()) as { id: string }
    const row = w.store.sqlite.prepare('SELECT amount_cents AS cents, sender_ledger_id AS sender FROM transactions WHERE id = ?').get(id) as { cents: number; sender: string }
    expect(row).toEqual({ cents: 100, sender: moneySender(w, who).from })
  },
})

/** `who`'s card for the card-rule cases (a ledger 'sca-card' and an ACTIVE card on it, made once). */
function scaCardOf(w: ScaWorld, who: Who): string {
  const find = () => (w.store.sqlite.prepare("SELECT c.id FROM cards c JOIN ledgers l ON l.id = c.ledger_id WHERE l.end_user_id = ? AND l.friendly_name = 'sca-card'")
    .get(w.ids[who]) as { id: string } | undefined)?.id
  return find() ?? insertCard(w, { ledgerId: insertLedger(w, { consumerId: w.ids[who], friendlyName: 'sca-card' }).id }).id
}

/** PUT /cards/{cardId}/rules (CARD_RULES_UPDATE) with an end-user token: the holder's own DAILY_MAX_SPEND. */
const cardRulePut: ScaCase = {
  name: 'card rule update (end-user token)',
  ref: { method: 'PUT', path: '/api/partner/cards/{cardId}/rules' },
  success: 204,
  exemptWithoutDevice: false,
  invalid: [{ value: 0 }, { type: 'DAILY_MAX_COUNT' }, { value: 'ten' }, { creatorType: 'BANK' }],
  async request(w, who, variant = 0) {
    const path = `/api/partner/cards/${scaCardOf(w, who)}/rules`
    return { method: 'PUT', path, body: { type: 'DAILY_MAX_SPEND', value: 100 + variant }, token: (await w.consumerTokens(who)).token }
  },
  async verify(w, who) {
    expect(cardRulesOf(w.store, scaCardOf(w, who)).map((r) => [r.type, r.creator, r.value])).toEqual([['DAILY_MAX_SPEND', 'END_USER', 100]])
  },
}

export const SCA_CASES: ScaCase[] = [
  {
    name: 'consumer login',
    ref: { method: 'POST', path: '/api/partner/login' },
    success: 200,
    exemptWithoutDevice: true,
    invalid: [{ consumerPhone: 33612000001 }, { password: ['x'] }, { partnerName: null }],
    async request(_w, who, variant = 0) {
      // Another payload for the same login: an extra member the login ignores.
      return { method: 'POST', path: '/api/partner/login', body: variant ? { ...loginBody(who), device: `v${variant}` } : loginBody(who) }
    },
    verify: tokenBody,
  },
  {
    name: 'consumer refresh',
    ref: { method: 'POST', path: '/api/partner/refresh' },
    success: 200,
    exemptWithoutDevice: true,
    singleUse: true,
    invalid: [{ refreshToken: 42 }, { refreshToken: null }],
    async request(w, who) {
      return { method: 'POST', path: '/api/partner/refresh', body: { refreshToken: (await w.consumerTokens(who)).refreshToken } }
    },
    verify: tokenBody,
  },
  patchConsumer(false),
  patchConsumer(true),
  createCard(true),
  createCard(false),
  moneyTransfer(false),
  moneyTransfer(true),
  cardRulePut,
]

/**
 * The case's request with each of its invalid bodies, plus bodies every JSON operation refuses
 * (malformed JSON, a JSON array), each with the `field` LinkCy's 400 names.
 */
export function invalidRequests(op: ScaCase, req: ScaRequest): { req: ScaRequest; field: string }[] {
  const valid = req.body as Record<string, unknown>
  return [
    ...op.invalid.map((members) => ({ req: { ...req, body: { ...valid, ...members } }, field: Object.keys(members)[0]! })),
    { req: { ...req, body: '{"oops": ' }, field: 'body' },
    { req: { ...req, body: [] }, field: '' },
  ]
}

/** Sends a case's request with SCA headers. */
export function send(w: ScaWorld, req: ScaRequest, headers: Record<string, string> = {}): Promise<Response> {
  return w.call(req.method, req.path, { body: req.body, token: req.token, headers })
}

/**
 * A repeat of an operation that already ran: the SCA error, or for a single-use payload the
 * operation's own 401 (its end-user can no longer be resolved, so SCA does not even apply).
 */
export async function expectRepeatRefused(op: ScaCase, res: Response, errorCode: string, message: string): Promise<void> {
  if (!op.singleUse) {
    await expectError(res, res.status === 401 ? 401 : 409, errorCode, message)
    return
  }
  expect(res.status).toBe(401)
  expect(await errorBody(res)).toMatchObject({ error: 'linkcy.unauthorized' })
}

export const MESSAGES = {
  required: (s: string) => `The operation you are trying to do requires SCA, current strategy ${s}.`,
  deviceNotSet: 'The operation requires SCA but the corresponding user has no SCA device set up.',
  factorNotSet: 'The user has a sca device set up, but the factor requested is not enrolled yet. You must either enroll it or change the factor.',
  notFound: 'The specified id could not be found.',
  notCompleted: 'The SCA interaction is not completed (pending).',
  declined: 'The SCA interaction was declined by user or expired.',
  consumed: 'The SCA interaction has already been used, you need to create a new one.',
  mismatch: 'The SCA interaction does not match the one you are trying to make. Body or url is different.',
  signatureMismatch: "The sca signature provided doesn't match the one required for this operation",
  noActiveDevice: 'No active SCA device could be found.',
  deviceNotValid: 'The device cannot be used to sign this data.',
  signatureFormat: 'The signature format for data signing SCA strategy is invalid: HTTP header validation failed.',
  signatureMissing: 'The signature required for data signing SCA strategy is missing.',
} as const
