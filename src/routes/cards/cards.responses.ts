import type { z } from '@hono/zod-openapi'
import { apiExpiry } from '../../state/card-secrets'
import type { CardInfo, CardRow } from '../../state/cards'
import { compact, iso } from '../openapi'
import { presentAddress } from '../shared/address.schemas'
import type { CardInfoResponseSchema, CardListElementSchema } from './cards.schemas'

// How a card is shown: never its PAN, CVV or PIN; its last four digits only once it has been
// activated (LinkCy hides them until then: activation is the proof the holder has the card).

/** CardStatusDto of a card row. */
export function presentCardStatus(card: CardRow) {
  return compact({ value: card.status, reason: card.statusReason, otherReason: card.statusOtherReason, operator: card.statusOperator })
}

/** GET /cards/{cardId}: CardInfoResponseDto. */
export function presentCard(info: CardInfo): z.infer<typeof CardInfoResponseSchema> {
  const { card } = info
  return compact({
    id: card.id,
    endUserId: card.endUserId,
    ledgerId: card.ledgerId,
    profile: { id: card.profileId, name: info.profileName },
    expiryDate: apiExpiry(card.expiryMonth, card.expiryYear),
    nameOnCard: card.nameOnCard,
    friendlyName: card.friendlyName,
    deliveryAddress: card.deliveryAddress ? presentAddress(card.deliveryAddress) : undefined,
    deliveryMethod: card.deliveryMethod,
    deliveryShipmentDate: card.deliveryShipmentDate,
    deliveryTrackingNumber: card.deliveryTrackingNumber,
    truncatedPan: card.activationDate !== null ? card.panLast4 : undefined,
    type: card.type,
    scheme: card.scheme,
    currency: card.currency,
    status: presentCardStatus(card),
    creationDate: iso(card.creationDate),
    updateDate: iso(card.updateDate),
    pinStatus: card.pinStatus,
    rules: info.rules,
  }) as z.infer<typeof CardInfoResponseSchema>
}

/** GET /cards: CardListElementDto (the status as a plain value). */
export function presentCardListElement(card: CardRow, profileName: string): z.infer<typeof CardListElementSchema> {
  return compact({
    id: card.id,
    endUserId: card.endUserId,
    ledgerId: card.ledgerId,
    friendlyName: card.friendlyName,
    profile: { id: card.profileId, name: profileName },
    expiryDate: apiExpiry(card.expiryMonth, card.expiryYear),
    nameOnCard: card.nameOnCard ?? '',
    type: card.type,
    status: card.status,
    creationDate: iso(card.creationDate),
  }) as z.infer<typeof CardListElementSchema>
}
