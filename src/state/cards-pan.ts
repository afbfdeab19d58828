import { and, eq, lte } from 'drizzle-orm'
import { cardPanCredentials } from './db/schema'
import { formatExpiry } from './card-secrets'
import { cardById, getCard, type CardRow } from './cards'
import { cardSettings } from './cards-settings'
import { SimError } from './errors'
import type { Scope } from './scope'
import type { Store } from './store'

// The card's full PAN and CVV never travel through the partner API: LinkCy hands out short-lived
// display credentials (token, secret, ttl) that its display SDK redeems. The simulator redeems them
// on its own page (/pages/card-display). The sandbox also tells a card's last four digits, so a test
// can activate a physical card without holding it.

export interface PanCredentials {
  token: string
  secret: string
  /** ISO-8601 duration, e.g. PT1M. */
  ttl: string
  expiresAt: number
}

/** Statuses in which a card has no PAN worth showing any more. */
const GONE: readonly string[] = ['CLOSING', 'CLOSED', 'FAILED']

/**
 * GET /cards/{cardId}/pan/credentials (Card_getPanCredentials): new display credentials for the card,
 * valid the partner's `panCredentialsTtlSeconds` (default one minute). 409 OPERATION_NOT_ALLOWED when
 * the partner's configuration does not include PAN display (`panDisplayEnabled: false`) or the card is
 * closed; 409 CARD_STILL_CREATING while the card is being created (SIM: both choices in docs/fidelity.md).
 */
export function getPanCredentials(store: Store, scope: Scope, cardId: string): PanCredentials {
  const card = getCard(store, scope, cardId)
  const settings = cardSettings(store, card.partnerId)
  if (!settings.panDisplayEnabled || GONE.includes(card.status)) throw new SimError('OPERATION_NOT_ALLOWED')
  if (card.status === 'CREATING') throw new SimError('CARD_STILL_CREATING', [card.id])
  const now = store.clock.nowMs()
  store.db.delete(cardPanCredentials).where(lte(cardPanCredentials.expiresAt, now)).run()
  const token = store.rng.digits(9)
  const secret = `${store.rng.digits(3)}#${store.rng.digits(8)}`
  const expiresAt = now + settings.panCredentialsTtlSeconds * 1000
  store.db.insert(cardPanCredentials).values({ token, partnerId: card.partnerId, cardId: card.id, secret, createdAt: now, expiresAt }).run()
  return { token, secret, ttl: isoDuration(settings.panCredentialsTtlSeconds), expiresAt }
}

/** Seconds as an ISO-8601 duration the way Java's Duration prints it (PT1M, PT1H30M, PT45S). */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`
}

/** What the display page shows of a card. */
export interface CardDisplay {
  pan: string
  cvv: string
  expiryDate: string
  nameOnCard: string | null
  scheme: CardRow['scheme']
  type: CardRow['type']
  status: CardRow['status']
}

export type CardDisplayResult = { kind: 'OK'; card: CardDisplay; expiresAt: number } | { kind: 'UNKNOWN' } | { kind: 'EXPIRED' }

/**
 * Redeems display credentials (the control-plane page): the full card for a known token with its
 * secret while it is valid; UNKNOWN for a wrong pair (no hint which half is wrong), EXPIRED after ttl.
 */
export function redeemPanCredentials(store: Store, token: string, secret: string): CardDisplayResult {
  const row = store.db.select().from(cardPanCredentials).where(and(eq(cardPanCredentials.token, token), eq(cardPanCredentials.secret, secret))).get()
  if (!row) return { kind: 'UNKNOWN' }
  if (row.expiresAt <= store.clock.nowMs()) return { kind: 'EXPIRED' }
  const card = cardById(store, row.cardId)
  if (!card) return { kind: 'UNKNOWN' }
  return {
    kind: 'OK', expiresAt: row.expiresAt,
    card: { pan: card.pan, cvv: card.cvv, expiryDate: formatExpiry(card.expiryMonth, card.expiryYear), nameOnCard: card.nameOnCard, scheme: card.scheme, type: card.type, status: card.status },
  }
}

/**
 * Sandbox GET /cards/{cardId}/pan (Sandbox_getTruncatedPAN): the last four digits of a physical
 * card's PAN, what activation asks for. 409 CARD_MUST_BE_PHYSICAL, CARD_STILL_CREATING.
 */
export function getSandboxTruncatedPan(store: Store, scope: Scope, cardId: string): string {
  const card = getCard(store, scope, cardId)
  if (card.type !== 'PHYSICAL') throw new SimError('CARD_MUST_BE_PHYSICAL', [card.id, card.type])
  if (card.status === 'CREATING') throw new SimError('CARD_STILL_CREATING', [card.id])
  return card.panLast4
}
