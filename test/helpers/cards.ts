import { eq } from 'drizzle-orm'
import { cards, ledgers, partners } from '../../src/state/db/schema'
import { expiryFrom, newCvv, newPan, newPin } from '../../src/state/card-secrets'
import { createCardProfile, type CardProfileRow } from '../../src/state/card-profiles'
import { tx } from '../../src/state/store'
import type { TestWorld } from './app'
import type { ConsumerRow } from '../../src/state/persons'
import { fetchResource, insertBankingConsumer, insertLedger, type LedgerRow } from './money'

// Card fixtures shared by the card, card-rule and card-payment tests: rows inserted straight into the
// database (independent of the routes under test). Others ADD exports with str_replace, never rewrite.

export type CardRowT = typeof cards.$inferSelect
export const CARDS = '/api/partner/cards'

export interface CardOptions extends Partial<CardRowT> {
  /** The ledger the card is issued on; partner and end-user are taken from the ledger row. */
  ledgerId: string
}

/**
 * Inserts a card row: PHYSICAL MASTERCARD, ACTIVE, PIN unlocked, with a fresh Luhn-valid PAN, CVV,
 * PIN and a three-year expiry; any column may be overridden (status, type, pin, pinStatus, ...).
 * `profileId` defaults to a random uuid (no profile row is needed to read or pay with a card).
 */
export function insertCard(w: Pick<TestWorld, 'store'>, options: CardOptions): CardRowT {
  const { ledgerId, ...columns } = options
  const now = w.store.clock.nowMs()
  return tx(w.store, () => {
    const ledger = w.store.db.select().from(ledgers).where(eq(ledgers.id, ledgerId)).get()
    if (!ledger) throw new Error(`insertCard: no ledger ${ledgerId}`)
    const scheme = columns.scheme ?? 'MASTERCARD'
    const pan = columns.pan ?? newPan(w.store, scheme)
    const type = columns.type ?? 'PHYSICAL'
    const row: CardRowT = {
      id: w.store.rng.uuid(), partnerId: ledger.partnerId, endUserId: ledger.endUserId, ledgerId, profileId: w.store.rng.uuid(),
      type, scheme, currency: ledger.currency, status: 'ACTIVE', statusReason: null, statusOtherReason: null, statusOperator: null,
      nameOnCard: 'JANE DOE', friendlyName: null, deliveryMethod: type === 'PHYSICAL' ? 'FRENCH_MAIL' : null, deliveryAddress: null,
      deliveryShipmentDate: null, deliveryTrackingNumber: null,
      pan, panLast4: pan.slice(-4), cvv: newCvv(w.store), ...expiryFrom(now), pin: newPin(w.store), pinStatus: 'UNLOCKED', pinTries: 0,
      activationDate: now, creationDate: now, updateDate: now,
      ...columns,
    }
    if (columns.pan && !columns.panLast4) row.panLast4 = columns.pan.slice(-4)
    w.store.db.insert(cards).values(row).run()
    return row
  })
}

/** The card row as stored now. */
export function cardRow(w: Pick<TestWorld, 'store'>, id: string): CardRowT {
  return w.store.db.select().from(cards).where(eq(cards.id, id)).get()!
}

/** Design ids of the static catalogue (state/card-designs.ts) the card tests use. */
export const DESIGNS = {
  /** MASTERCARD PHYSICAL CONSUMER EUR_FRANCE (France + EEA + Monaco). */
  physical: '409d49ce-38c8-4565-8c52-813029b54a50',
  /** MASTERCARD VIRTUAL CONSUMER EUR_FRANCE. */
  virtual: '9adbffb3-7b06-4a60-ae08-2a4b48f73c4a',
  /** VISA PHYSICAL CONSUMER EUR_FRANCE. */
  visaPhysical: '583178a3-3479-4f00-81fb-5c36a343495b',
  /** MASTERCARD PHYSICAL CORPORATE EUR_FRANCE. */
  corporatePhysical: '7cc2359a-bb60-47b1-ae7a-2b02a212b69d',
  /** MASTERCARD PHYSICAL CONSUMER EUR_BELGIUM. */
  belgiumPhysical: '6ea6dfeb-9d7b-486c-99dc-3cdcdbcd2801',
  /** VISA PHYSICAL CONSUMER USD_USA (USA only). */
  usdPhysical: 'f52dd4b3-8a53-4b0a-84d9-dffc6b7530db',
} as const

/** Inserts a card profile of `partnerId` on a design (active unless said), as POST /card-profiles would. */
export function insertCardProfile(w: Pick<TestWorld, 'store'>, partnerId: string, designId: string, options: { name?: string; active?: boolean } = {}): CardProfileRow {
  return tx(w.store, () => createCardProfile(w.store, { partnerId, principal: null }, { name: options.name ?? `profile ${designId.slice(0, 8)}`, cardDesignId: designId, active: options.active ?? true }))
}

/** Merges card settings into a partner's settings by partner id (cardCreationSeconds, panDisplayEnabled, ...). */
export function setCardSettings(w: Pick<TestWorld, 'store'>, partnerId: string, settings: Record<string, unknown>): void {
  const row = w.store.db.select().from(partners).where(eq(partners.id, partnerId)).get()!
  tx(w.store, () => w.store.db.update(partners).set({ settings: { ...(row.settings as object), ...settings } }).where(eq(partners.id, partnerId)).run())
}

/** A card-ready world: a banking consumer (Jane Doe, French address), her funded ACTIVE ledger, and a physical and a virtual profile. */
export interface CardSetup {
  token: string
  partnerId: string
  consumer: ConsumerRow
  ledger: LedgerRow
  physical: CardProfileRow
  virtual: CardProfileRow
}

/** Builds a CardSetup in the sandbox partner (ledger balance `available` euros, default 100). */
export async function cardSetup(w: TestWorld, available = 100): Promise<CardSetup> {
  const token = await w.partnerToken()
  const partnerId = w.loaded.partners.sandbox!.id
  const consumer = insertBankingConsumer(w, { address: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75011', street: 'Rue Oberkampf', number: '12', status: 'VALID' } })
  const ledger = insertLedger(w, { consumerId: consumer.id, available })
  const physical = insertCardProfile(w, partnerId, DESIGNS.physical, { name: 'Classic' })
  const virtual = insertCardProfile(w, partnerId, DESIGNS.virtual, { name: 'Online' })
  return { token, partnerId, consumer, ledger, physical, virtual }
}

/** POST /cards with BY_PASS as `token`: the response. */
export function postCard(w: TestWorld, token: string, body: Record<string, unknown>): Promise<Response> {
  return w.call('POST', CARDS, { token, body, headers: { 'Linkcy-SCA-Strategy': 'BY_PASS' } })
}

/** LinkCy's CARD_NOT_FOUND message for `id`. */
export const cardNotFound = (id: string) => `Card ${id} was not found.`

/** GET /cards/{cardId} as `token`, checked against the reference: the card as LinkCy shows it. */
export const fetchCard = (w: TestWorld, token: string, id: string) => fetchResource(w, token, `${CARDS}/{cardId}`, id)
