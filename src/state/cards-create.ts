import { and, eq } from 'drizzle-orm'
import { cards } from './db/schema'
import type { CardRuleType } from './db/tables/card-profiles'
import { findCardProfile, profileRulesForNewCard } from './card-profiles'
import { upsertRule, type CardRuleInput } from './card-rules'
import { expiryFrom, newCvv, newPan, newPin } from './card-secrets'
import { assertCardFriendlyNameFree, type CardRow } from './cards'
import { finishCardCreation } from './cards-lifecycle'
import { cardSettings, type CardDeliveryMethod } from './cards-settings'
import { ALL_BANKING_CHECKS, assertMayBank, getBankingEndUser } from './end-user-checks'
import { SimError } from './errors'
import { getLedger } from './ledgers'
import { schedule } from './scheduler'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'
import { cardData, emitEvent } from './webhooks'

// POST /cards (Card_createForLedger): a physical or virtual card on a ledger, from a card profile.
// The card starts CREATING; the CARD_CREATION job (state/cards-lifecycle.ts) makes it
// AWAITING_ACTIVATION (physical) or ACTIVE (virtual) after the partner's `cardCreationSeconds`.

export interface CardCreateRequest {
  ledgerId: string
  profileId: string
  nameOnCard?: string
  friendlyName?: string
  rules?: CardRuleInput[]
  deliveryMethod?: CardDeliveryMethod
  /** SIM: not in the reference; when given it must be the profile's card type (INVALID_CARD_PROGRAM_TYPE). */
  type?: 'PHYSICAL' | 'VIRTUAL'
}

/** Countries French domestic mail (FRENCH_MAIL, FRENCH_MAIL_TRACKING) delivers to: France, Monaco and the overseas departments. */
export const FRENCH_MAIL_COUNTRIES: readonly string[] = ['FRA', 'MCO', 'GLP', 'MTQ', 'GUF', 'REU', 'MYT', 'SPM', 'BLM', 'MAF']

/** Whether a delivery method can reach an address in `country` (INTERNATIONAL_MAIL: anywhere else). */
export function deliveryMethodReaches(method: CardDeliveryMethod, country: string | undefined): boolean {
  if (!country) return false
  return method === 'INTERNATIONAL_MAIL' ? !FRENCH_MAIL_COUNTRIES.includes(country) : FRENCH_MAIL_COUNTRIES.includes(country)
}

/**
 * The default name printed on a card: the holder's first and last names, upper-case basic Latin
 * letters and spaces only (the reference's pattern ^[A-Z\s]{1,21}$), cut to 21 characters.
 */
export function defaultNameOnCard(firstName: string | null, lastName: string | null): string {
  const text = `${firstName ?? ''} ${lastName ?? ''}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase()
  const name = text.replace(/[^A-Z\s]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 21).trim()
  return name || 'FIRSTNAME LASTNAME'
}

const bad400 = (field: string, rejectedValue: unknown) => ({ status: 400 as const, field, rejectedValue })

/**
 * Creates a card, checking in the order of the reference's error lists: the request's rules
 * (CARD_RULE_NOT_UNIQUE), the ledger (LEDGER_NOT_FOUND), the profile (NOT_FOUND, NOT_ACTIVE), an
 * end-user token of another user type (400 CARD_PROGRAM_NOT_COMPATIBLE_END_USER), the delivery
 * method (DELIVERY_METHOD_REQUIRED), the friendly name, the delivery country (INVALID_DELIVERY_METHOD),
 * then the holder's standing (KYC, LinkCy status, suspension, banking status), the program's ledger
 * and user types (409), the terms, the ledger's state, the card type, the program's countries, the
 * partner's delivery methods, the first-card rule and the one-card-at-a-time rule.
 */
export function createCard(store: Store, scope: Scope, req: CardCreateRequest): CardRow {
  const ruleTypes = new Set<CardRuleType>()
  for (const rule of req.rules ?? []) {
    if (ruleTypes.has(rule.type)) throw new SimError('CARD_RULE_NOT_UNIQUE', [], bad400('rules', rule.type))
    ruleTypes.add(rule.type)
  }
  const ledger = getLedger(store, scope, req.ledgerId, { status: 400, field: 'ledgerId' })
  const found = findCardProfile(store, scope.partnerId, req.profileId)
  if (!found) throw new SimError('CARD_PROFILE_NOT_FOUND', [req.profileId], bad400('profileId', req.profileId))
  const { profile, design } = found
  if (!profile.active) throw new SimError('CARD_PROFILE_NOT_ACTIVE', [req.profileId], bad400('profileId', req.profileId))
  const holderType = ledger.endUserKind
  // An end-user asking for a card of another user type's program: the request itself is wrong (400).
  if (isEndUser(scope) && scope.principal!.kind !== design.userType) {
    throw new SimError('CARD_PROGRAM_NOT_COMPATIBLE_END_USER', [design.userType, scope.principal!.kind], bad400('profileId', req.profileId))
  }
  const physical = design.cardType === 'PHYSICAL'
  if (physical && !req.deliveryMethod) throw new SimError('DELIVERY_METHOD_REQUIRED', [], bad400('deliveryMethod', null))
  const friendlyName = req.friendlyName === '' ? undefined : req.friendlyName
  assertCardFriendlyNameFree(store, ledger.endUserId, friendlyName, undefined, 400)
  // A corporate's card goes to its business address (else its registered one), in its account owner's name.
  const holder = getBankingEndUser(store, scope.partnerId, ledger.endUserId, 'ledgerId')
  const address = holder.address
  const country = address?.isoCountryCode
  if (physical && !deliveryMethodReaches(req.deliveryMethod!, country)) {
    throw new SimError('INVALID_DELIVERY_METHOD', [req.deliveryMethod, country ?? null], bad400('deliveryMethod', req.deliveryMethod))
  }

  assertMayBank(store, holder, ALL_BANKING_CHECKS.filter((c) => c !== 'TERMS'))
  if (design.ledgerType !== ledger.type) throw new SimError('CARD_PROGRAM_NOT_COMPATIBLE_LEDGER', [ledger.type])
  if (design.userType !== holderType) throw new SimError('CARD_PROGRAM_NOT_COMPATIBLE_END_USER', [design.userType, holderType])
  assertMayBank(store, holder, ['TERMS'])
  if (ledger.status !== 'ACTIVE' && ledger.status !== 'SUSPENDED') throw new SimError('LEDGER_MUST_BE_ACTIVE')
  if (req.type && req.type !== design.cardType) throw new SimError('INVALID_CARD_PROGRAM_TYPE', [req.type, design.cardType])
  if (ledger.status === 'SUSPENDED') throw new SimError('LEDGER_MUST_NOT_BE_SUSPENDED')
  if (country && !design.availableCountries.includes(country)) {
    throw new SimError('INVALID_CARD_PROGRAM_COUNTRY', [`[${design.availableCountries.join(', ')}]`])
  }
  const settings = cardSettings(store, scope.partnerId)
  if (physical && !settings.cardDeliveryMethods.includes(req.deliveryMethod!)) throw new SimError('UNSUPPORTED_DELIVERY_METHOD', [req.deliveryMethod])
  const firstCard = !store.db.select({ id: cards.id }).from(cards).where(eq(cards.ledgerId, ledger.id)).get()
  if (firstCard && ledger.reservedCents > 0) throw new SimError('RESERVED_BALANCE_MUST_BE_EMPTY_WHEN_CREATING_FIRST_CARD')
  const creating = store.db.select({ id: cards.id }).from(cards).where(and(eq(cards.ledgerId, ledger.id), eq(cards.status, 'CREATING'))).get()
  if (creating) throw new SimError('OTHER_CARD_BEING_CREATED_FOR_SAME_LEDGER', [creating.id])

  const now = store.clock.nowMs()
  const pan = newPan(store, design.scheme)
  const row: CardRow = {
    id: store.rng.uuid(), partnerId: scope.partnerId, endUserId: ledger.endUserId, ledgerId: ledger.id, profileId: profile.id,
    type: design.cardType, scheme: design.scheme, currency: design.currency, status: 'CREATING',
    statusReason: null, statusOtherReason: null, statusOperator: null,
    nameOnCard: req.nameOnCard ?? defaultNameOnCard(holder.firstName ?? null, holder.lastName ?? null), friendlyName: friendlyName ?? null,
    deliveryMethod: physical ? req.deliveryMethod! : null,
    deliveryAddress: physical && address ? { ...address } : null,
    deliveryShipmentDate: null, deliveryTrackingNumber: null,
    pan, panLast4: pan.slice(-4), cvv: newCvv(store), ...expiryFrom(now, settings.cardValidityYears),
    pin: newPin(store), pinStatus: 'UNLOCKED', pinTries: 0,
    activationDate: null, creationDate: now, updateDate: now,
  }
  store.db.insert(cards).values(row).run()
  emitEvent(store, row.partnerId, 'CARD_CREATED', cardData(row))
  for (const rule of profileRulesForNewCard(store, profile.id)) upsertRule(store, row.partnerId, 'CARD', row.id, 'PARTNER', rule)
  const creator = isEndUser(scope) ? 'END_USER' : 'PARTNER'
  for (const rule of req.rules ?? []) upsertRule(store, row.partnerId, 'CARD', row.id, creator, rule)
  if (settings.cardCreationSeconds === 0) return finishCardCreation(store, row.id) ?? row
  schedule(store, row.partnerId, 'CARD_CREATION', now + settings.cardCreationSeconds * 1000, { cardId: row.id })
  return row
}
