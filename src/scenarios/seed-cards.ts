import { and, eq, or } from 'drizzle-orm'
import { z } from 'zod'
import { CARD_DESIGNS } from '../state/card-designs'
import { createCardProfile, type CardProfileRow } from '../state/card-profiles'
import { endOfMonth, expiryFrom, newCvv, newPan, newPin } from '../state/card-secrets'
import type { CardRow } from '../state/cards'
import { defaultNameOnCard } from '../state/cards-create'
import { cardSettings } from '../state/cards-settings'
import { cardProfiles, cards } from '../state/db/schema'
import { CARD_STATUSES, PIN_STATUSES } from '../state/db/tables/cards'
import type { LedgerRow } from '../state/ledgers'
import { endUserById } from '../state/end-users'
import { schedule } from '../state/scheduler'
import type { Store } from '../state/store'
import { ScenarioError } from './scenario-error'

// Scenario support for cards: consumers[].ledgers[].cards declares cards in any status, so a demo
// starts with a card already delivered and active, suspended, expired, with a locked PIN, ...

const DAY_MS = 24 * 3600 * 1000

/** consumers[].ledgers[].cards[]: a card of the ledger. */
export const CardSeedSchema = z.strictObject({
  /** A name for this card inside the scenario; the loader answers its id under it. */
  ref: z.string().optional(),
  type: z.enum(['PHYSICAL', 'VIRTUAL']).default('PHYSICAL'),
  status: z.enum(CARD_STATUSES).default('ACTIVE'),
  /** The card profile: an id or a name among the partner's profiles (default: one made for the ledger type and card type). */
  profile: z.string().optional(),
  scheme: z.enum(['MASTERCARD', 'VISA']).optional(),
  friendlyName: z.string().max(255).optional(),
  nameOnCard: z.string().regex(/^[A-Z\s]{1,21}$/).optional(),
  deliveryMethod: z.enum(['FRENCH_MAIL', 'FRENCH_MAIL_TRACKING', 'INTERNATIONAL_MAIL']).optional(),
  /** Why and by whom a SUSPENDED or CLOSED card was stopped (default: PARTNER, no reason). */
  reason: z.enum(['STOLEN', 'LOST', 'DAMAGED', 'OTHER', 'LEDGER_CLOSED']).optional(),
  otherReason: z.string().max(511).optional(),
  operator: z.enum(['END_USER', 'PARTNER', 'LINKCY']).optional(),
  /** A fixed PIN for demos (default: drawn from the seed). */
  pin: z.string().regex(/^[0-9]{4}$/).optional(),
  pinStatus: z.enum(PIN_STATUSES).optional(),
})

export type CardSeed = z.infer<typeof CardSeedSchema>

/** Creates the declared cards of a seeded ledger; answers their ids by ref (or `<ledger ref>.card<index>`). */
export function seedCards(store: Store, ledger: LedgerRow, seeds: CardSeed[], path: string, refPrefix: string): Record<string, string> {
  const ids: Record<string, string> = {}
  seeds.forEach((seed, i) => {
    ids[seed.ref ?? `${refPrefix}.card${i}`] = seedCard(store, ledger, seed, `${path}[${i}]`)
  })
  return ids
}

function seedCard(store: Store, ledger: LedgerRow, seed: CardSeed, path: string): string {
  const profile = seedProfile(store, ledger, seed, path)
  if (profile.cardType !== seed.type) {
    throw new ScenarioError([{ path: `${path}.profile`, message: `the profile makes ${profile.cardType} cards`, rejectedValue: seed.profile }])
  }
  const physical = seed.type === 'PHYSICAL'
  if (!physical && (seed.status === 'AWAITING_ACTIVATION' || seed.status === 'ACTIVATING')) {
    throw new ScenarioError([{ path: `${path}.status`, message: 'a virtual card is active once created', rejectedValue: seed.status }])
  }
  const now = store.clock.nowMs()
  const holder = endUserById(store, ledger.endUserId)!
  const settings = cardSettings(store, ledger.partnerId)
  const issued = seed.status === 'CREATING' ? now : now - 7 * DAY_MS
  let expiry = expiryFrom(issued, settings.cardValidityYears)
  if (seed.status === 'EXPIRED') {
    const d = new Date(now)
    const month = d.getUTCMonth() === 0 ? 12 : d.getUTCMonth()
    const year = d.getUTCMonth() === 0 ? d.getUTCFullYear() - 1 : d.getUTCFullYear()
    expiry = { expiryMonth: month, expiryYear: year, expiresAt: endOfMonth(year, month) }
  }
  const activated = ['ACTIVE', 'SUSPENDING', 'SUSPENDED', 'REACTIVATING'].includes(seed.status) || (seed.status === 'EXPIRED' || seed.status === 'CLOSED')
  const stopped = ['SUSPENDING', 'SUSPENDED', 'CLOSING', 'CLOSED'].includes(seed.status)
  const pan = newPan(store, profile.scheme as CardRow['scheme'])
  const address = holder.address
  const row: CardRow = {
    id: store.rng.uuid(), partnerId: ledger.partnerId, endUserId: ledger.endUserId, ledgerId: ledger.id, profileId: profile.id,
    type: seed.type, scheme: profile.scheme as CardRow['scheme'], currency: ledger.currency, status: seed.status,
    statusReason: stopped ? (seed.reason ?? null) : null, statusOtherReason: stopped ? (seed.otherReason ?? null) : null,
    statusOperator: stopped ? (seed.operator ?? 'PARTNER') : null,
    nameOnCard: seed.nameOnCard ?? defaultNameOnCard(holder.firstName ?? null, holder.lastName ?? null), friendlyName: seed.friendlyName ?? null,
    deliveryMethod: physical ? (seed.deliveryMethod ?? 'FRENCH_MAIL') : null,
    deliveryAddress: physical && address ? { ...address } : null,
    deliveryShipmentDate: physical && seed.status !== 'CREATING' ? new Date(issued).toISOString().slice(0, 10) : null, deliveryTrackingNumber: null,
    pan, panLast4: pan.slice(-4), cvv: newCvv(store), ...expiry, pin: seed.pin ?? newPin(store),
    pinStatus: seed.pinStatus ?? 'UNLOCKED', pinTries: seed.pinStatus === 'LOCKED' ? 3 : 0,
    activationDate: activated ? issued + DAY_MS : null, creationDate: issued, updateDate: now,
  }
  store.db.insert(cards).values(row).run()
  if (seed.status === 'CREATING') schedule(store, row.partnerId, 'CARD_CREATION', now + settings.cardCreationSeconds * 1000, { cardId: row.id })
  if (['ACTIVATING', 'REACTIVATING', 'SUSPENDING', 'CLOSING'].includes(seed.status)) {
    schedule(store, row.partnerId, 'CARD_STATUS_CHANGE', now + settings.cardStatusChangeSeconds * 1000, { cardId: row.id })
  }
  if (seed.pinStatus === 'UNLOCKING') schedule(store, row.partnerId, 'CARD_PIN_UNLOCK', now + settings.cardStatusChangeSeconds * 1000, { cardId: row.id })
  if (!['CREATING', 'CLOSED', 'EXPIRED', 'FAILED'].includes(seed.status)) schedule(store, row.partnerId, 'CARD_EXPIRY', row.expiresAt, { cardId: row.id })
  return row.id
}

/**
 * The profile of a seeded card: the partner's profile named by id or name, else a default profile
 * for the ledger type and card type (made once per partner and design, on the scheme asked for).
 */
function seedProfile(store: Store, ledger: LedgerRow, seed: CardSeed, path: string): CardProfileRow {
  if (seed.profile) {
    const named = store.db.select().from(cardProfiles)
      .where(and(eq(cardProfiles.partnerId, ledger.partnerId), or(eq(cardProfiles.id, seed.profile.toLowerCase()), eq(cardProfiles.name, seed.profile)))).get()
    if (!named) throw new ScenarioError([{ path: `${path}.profile`, message: 'no card profile of the partner has this id or name', rejectedValue: seed.profile }])
    return named
  }
  const designs = CARD_DESIGNS.filter((d) => d.ledgerType === ledger.type && d.cardType === seed.type && d.userType === ledger.endUserKind)
  const design = designs.find((d) => !seed.scheme || d.scheme === seed.scheme)
  if (!design) {
    throw new ScenarioError([{ path: `${path}.type`, message: `no ${seed.scheme ?? ''} ${seed.type} card design for ledger type ${ledger.type}`.replace('  ', ' '), rejectedValue: seed.type }])
  }
  const existing = store.db.select().from(cardProfiles).where(and(eq(cardProfiles.partnerId, ledger.partnerId), eq(cardProfiles.designId, design.id))).get()
  if (existing) return existing
  const name = `${design.friendlyName} (scenario)`
  return createCardProfile(store, { partnerId: ledger.partnerId, principal: null }, { name, cardDesignId: design.id })
}
