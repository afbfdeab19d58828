import { z } from '@hono/zod-openapi'
import { CARD_RULE_CREATORS, CARD_RULE_TYPES } from '../../state/db/tables/card-profiles'
import { CARD_STATUSES, CARD_STATUS_REASONS, PIN_STATUSES } from '../../state/db/tables/cards'
import { CARD_DELIVERY_METHODS } from '../../state/cards-settings'
import { CARD_SCHEMES, CARD_TYPES } from '../../state/card-designs'
import { OPERATORS } from '../../state/ledger-types'
import { pagingQuery, queryList, uuid } from '../openapi'
import { AddressResponseSchema } from '../shared/address.schemas'

// Request and response schemas of the card operations (tag Card), with LinkCy's field names,
// patterns, lengths and enums. Optional request members accept null (Jackson reads null as absent).

/** Every delivery method a card may show (the request takes CARD_DELIVERY_METHODS only). */
const SHOWN_DELIVERY_METHODS = ['UK_MAIL', 'INTERNATIONAL_MAIL', 'FRENCH_MAIL', 'FRENCH_MAIL_TRACKING', 'DHL', 'COURIER'] as const
const CURRENCIES = ['EUR', 'GBP', 'USD', 'PLN', 'AUD', 'CHF', 'CAD', 'SEK', 'NOK', 'JPY', 'HUF', 'HKD', 'NZD', 'CZK', 'SGD', 'RON', 'HRK'] as const

export const CardIdParamSchema = z.object({ cardId: uuid().openapi({ param: { name: 'cardId', in: 'path' } }) })

/** CardRuleDto: a spend limit given with a card creation. */
export const CardRuleRequestSchema = z
  .object({ type: z.enum(CARD_RULE_TYPES), value: z.number().int().min(1).max(999999999), name: z.string().nullish() })
  .openapi('CardRule')

/**
 * CardCreateRequestDto (anyOf PhysicalCardCreateRequestDto / VirtualCardCreateRequestDto): the
 * profile decides the card type; `deliveryMethod` is required for a physical card (checked by the
 * operation: DELIVERY_METHOD_REQUIRED) and ignored for a virtual one.
 */
export const CardCreateRequestSchema = z
  .object({
    ledgerId: uuid(),
    profileId: uuid(),
    nameOnCard: z.string().regex(/^[A-Z\s]{1,21}$/).nullish(),
    friendlyName: z.string().max(255).nullish(),
    rules: z.array(CardRuleRequestSchema).nullish(),
    deliveryMethod: z.enum(CARD_DELIVERY_METHODS).nullish(),
    /** SIM: not in the reference; when given it must match the profile's card type. */
    type: z.enum(CARD_TYPES).nullish(),
  })
  .openapi('CardCreateRequest')

export const CardCreateResponseSchema = z.object({ id: z.string().uuid() }).openapi('CardCreateResponse')

/** CardUpdateRequestDto. */
export const CardUpdateRequestSchema = z.object({ friendlyName: z.string().max(255).nullish() }).openapi('CardUpdateRequest')

/** CardActivateRequestDto: the PAN's last four digits (first activation of a physical card). */
export const CardActivateRequestSchema = z.object({ truncatedPan: z.string().regex(/^[0-9]{4}$/).nullish() }).openapi('CardActivateRequest')

const operator = z.enum(OPERATORS).nullish()
const reason = z.enum(['STOLEN', 'LOST', 'DAMAGED', 'OTHER'])

/** CardSuspendRequestDto. */
export const CardSuspendRequestSchema = z
  .object({ operator, reason: reason.nullish(), otherReason: z.string().max(511).nullish() })
  .openapi('CardSuspendRequest')

/** CardCloseRequestDto: the reason is required. */
export const CardCloseRequestSchema = z
  .object({ operator, reason, otherReason: z.string().max(511).nullish() })
  .openapi('CardCloseRequest')

/** GET /cards query: filters (1.114.5 also has `types`) and paging, sorted on CREATION_DATE. */
export const ListCardsQuerySchema = z.object({
  endUserId: uuid().optional(),
  ledgerId: uuid().optional(),
  profileId: uuid().optional(),
  status: queryList(z.enum(CARD_STATUSES)),
  types: queryList(z.enum(CARD_TYPES)),
  ...pagingQuery(['CREATION_DATE'] as const),
})

const ProfileRefSchema = z.object({ id: z.string().uuid(), name: z.string() })

/** CardStatusDto: the status and, after a suspension or closure, why and by whom. */
export const CardStatusSchema = z
  .object({
    value: z.enum(CARD_STATUSES),
    reason: z.enum(CARD_STATUS_REASONS).optional(),
    otherReason: z.string().optional(),
    operator: z.enum(OPERATORS).optional(),
  })
  .openapi('CardStatus')

/** CardRuleResponseDto. */
export const CardRuleResponseSchema = z
  .object({ type: z.enum(CARD_RULE_TYPES), name: z.string().optional(), value: z.number().int(), creator: z.enum(CARD_RULE_CREATORS) })
  .openapi('CardRuleResponse')

/** CardInfoResponseDto: the card without its secrets (truncatedPan once activated). */
export const CardInfoResponseSchema = z
  .object({
    id: z.string().uuid(),
    endUserId: z.string().uuid(),
    ledgerId: z.string().uuid(),
    profile: ProfileRefSchema,
    expiryDate: z.string().optional(),
    nameOnCard: z.string().optional(),
    friendlyName: z.string().optional(),
    deliveryAddress: AddressResponseSchema.optional(),
    deliveryMethod: z.enum(SHOWN_DELIVERY_METHODS).optional(),
    deliveryShipmentDate: z.string().optional(),
    deliveryTrackingNumber: z.string().optional(),
    truncatedPan: z.string().optional(),
    type: z.enum(CARD_TYPES),
    scheme: z.enum(CARD_SCHEMES),
    currency: z.enum(CURRENCIES),
    status: CardStatusSchema,
    creationDate: z.string(),
    updateDate: z.string(),
    pinStatus: z.enum(PIN_STATUSES),
    rules: z.array(CardRuleResponseSchema),
  })
  .openapi('CardInfoResponse')

/** CardListElementDto: the status is a plain value here. */
export const CardListElementSchema = z
  .object({
    id: z.string().uuid(),
    endUserId: z.string().uuid(),
    ledgerId: z.string().uuid(),
    friendlyName: z.string().optional(),
    profile: ProfileRefSchema,
    expiryDate: z.string(),
    nameOnCard: z.string(),
    type: z.enum(CARD_TYPES),
    status: z.enum(CARD_STATUSES),
    creationDate: z.string(),
  })
  .openapi('CardListElement')

export const CardListResponseSchema = z
  .object({ content: z.array(CardListElementSchema), totalElements: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi('CardListResponse')

export const CardPinResponseSchema = z.object({ pin: z.string() }).openapi('CardPinResponse')

export const CardPanCredentialsResponseSchema = z
  .object({ token: z.string(), secret: z.string(), ttl: z.string() })
  .openapi('CardPanCredentialsResponse')

export const SandboxTruncatedPanSchema = z.string().openapi('SandboxGetTruncatedPanResponse')
