import { z } from 'zod'
import { getPartner } from './partners'
import type { Store } from './store'

// Partner settings of the card lifecycle. LinkCy's processor decides these timings on its side; the
// simulator makes them scenario settings (`partners[].settings`), in simulated time, with defaults
// short enough for a test run and documented in docs/fidelity.md.

/** The delivery methods of the card creation request. */
export const CARD_DELIVERY_METHODS = ['FRENCH_MAIL', 'FRENCH_MAIL_TRACKING', 'INTERNATIONAL_MAIL'] as const
export type CardDeliveryMethod = (typeof CARD_DELIVERY_METHODS)[number]

export interface CardSettings {
  /** Seconds a new card stays CREATING (then AWAITING_ACTIVATION if physical, ACTIVE if virtual). */
  cardCreationSeconds: number
  /** Seconds a card stays ACTIVATING, REACTIVATING, SUSPENDING or CLOSING, and a PIN UNLOCKING (0: at once). */
  cardStatusChangeSeconds: number
  /** Delivery methods the partner's contract includes (else 409 UNSUPPORTED_DELIVERY_METHOD). */
  cardDeliveryMethods: CardDeliveryMethod[]
  /** Whether the partner may display PANs (GET pan/credentials; else 409 OPERATION_NOT_ALLOWED). */
  panDisplayEnabled: boolean
  /** Lifetime of PAN display credentials (LinkCy: one minute). */
  panCredentialsTtlSeconds: number
  /** Years of validity of a new card (its expiry month is that many years after issue). */
  cardValidityYears: number
}

export const DEFAULT_CARD_SETTINGS: CardSettings = {
  cardCreationSeconds: 3,
  cardStatusChangeSeconds: 1,
  cardDeliveryMethods: [...CARD_DELIVERY_METHODS],
  panDisplayEnabled: true,
  panCredentialsTtlSeconds: 60,
  cardValidityYears: 3,
}

/** The scenario file members of these settings (spread into the partner settings schema). */
export const CARD_SETTINGS_SEED = {
  cardCreationSeconds: z.number().int().min(0).optional(),
  cardStatusChangeSeconds: z.number().int().min(0).optional(),
  cardDeliveryMethods: z.array(z.enum(CARD_DELIVERY_METHODS)).optional(),
  panDisplayEnabled: z.boolean().optional(),
  panCredentialsTtlSeconds: z.number().int().min(1).optional(),
  cardValidityYears: z.number().int().min(1).max(10).optional(),
}

/** The effective card settings of a partner: the scenario's over the defaults. */
export function cardSettings(store: Store, partnerId: string): CardSettings {
  const declared = (getPartner(store, partnerId).settings ?? {}) as Partial<Record<keyof CardSettings, unknown>>
  const out: CardSettings = { ...DEFAULT_CARD_SETTINGS }
  for (const key of ['cardCreationSeconds', 'cardStatusChangeSeconds', 'panCredentialsTtlSeconds', 'cardValidityYears'] as const) {
    if (typeof declared[key] === 'number') out[key] = declared[key]
  }
  if (Array.isArray(declared.cardDeliveryMethods)) out.cardDeliveryMethods = declared.cardDeliveryMethods as CardDeliveryMethod[]
  if (typeof declared.panDisplayEnabled === 'boolean') out.panDisplayEnabled = declared.panDisplayEnabled
  return out
}
