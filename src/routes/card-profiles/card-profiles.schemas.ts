import { z } from '@hono/zod-openapi'
import { CARD_LEDGER_TYPES, CARD_SCHEMES, CARD_TYPES, CARD_USER_TYPES, type CardDesign } from '../../state/card-designs'
import type { CardProfileRow } from '../../state/card-profiles'
import type { CardRuleInput } from '../../state/card-rules'
import { CARD_RULE_TYPES } from '../../state/db/tables/card-profiles'
import { idResponse, pageOf, pagingQuery, queryBoolean, queryList, single, uuid } from '../openapi'

// Request and response schemas of the card designs and card profiles (tag Card).

const scheme = z.enum(CARD_SCHEMES)
const ledgerType = z.enum(CARD_LEDGER_TYPES)
const cardType = z.enum(CARD_TYPES)
const userType = z.enum(CARD_USER_TYPES)
export const ruleType = z.enum(CARD_RULE_TYPES)

/** A rule's limit: an integer 1..999999999 in whole units of the card's currency. */
export const ruleValue = z.number().int().min(1).max(999_999_999)

export const CardDesignListQuerySchema = z.object({
  ...pagingQuery(['FRIENDLY_NAME'] as const),
  scheme: single(scheme.optional(), { type: 'string', enum: [...CARD_SCHEMES] }),
  ledgerType: single(ledgerType.optional(), { type: 'string', enum: [...CARD_LEDGER_TYPES] }),
  cardType: single(cardType.optional(), { type: 'string', enum: [...CARD_TYPES] }),
  userType: single(userType.optional(), { type: 'string', enum: [...CARD_USER_TYPES] }),
})

const CardDesignListElementSchema = z
  .object({
    id: z.string().uuid(), friendlyName: z.string(), scheme, ledgerType, cardType, userType, availableCountries: z.array(z.string()),
  })
  .openapi('CardDesignListElement')
export const CardDesignListResponseSchema = pageOf(CardDesignListElementSchema).openapi('CardDesignListResponse')

/** A design as CardDesignListElementDto shows it. */
export function presentCardDesign(d: CardDesign): z.infer<typeof CardDesignListElementSchema> {
  return {
    id: d.id, friendlyName: d.friendlyName, scheme: d.scheme, ledgerType: d.ledgerType, cardType: d.cardType, userType: d.userType,
    availableCountries: [...d.availableCountries],
  }
}

export const CardProfileCreateRequestSchema = z
  .object({ name: z.string(), cardDesignId: uuid(), active: z.boolean().nullish() })
  .openapi('CardProfileCreateRequest')
export const CardProfileCreatedSchema = idResponse('CardProfileCreateResponse')

/** PATCH body: `active` (1.78); `name` is also accepted (SIM: see docs/fidelity.md). */
export const CardProfileUpdateRequestSchema = z
  .object({ active: z.boolean().nullish(), name: z.string().min(1).nullish() })
  .openapi('CardProfileUpdateRequest')
export const CardProfileUpdatedSchema = idResponse('CardProfileUpdateResponse')

export const CardProfileIdParamSchema = z.object({
  cardProfileId: uuid().openapi({ param: { name: 'cardProfileId', in: 'path' } }),
})
export const CardProfileRuleParamSchema = CardProfileIdParamSchema.extend({
  ruleType: ruleType.openapi({ param: { name: 'ruleType', in: 'path' } }),
})

export const CardProfileRuleRequestSchema = z
  .object({ type: ruleType, value: ruleValue, name: z.string().nullish() })
  .openapi('CardProfileRuleRequest')

export const CardProfileListQuerySchema = z.object({
  ...pagingQuery(['NAME'] as const),
  userTypes: queryList(userType),
  ledgerTypes: queryList(ledgerType),
  cardTypes: queryList(cardType),
  active: queryBoolean(),
})

const ProfileRuleSchema = z.object({ type: ruleType, name: z.string().optional(), value: z.number().int() }).openapi('ProfileRuleResponse')
const CardProfileListElementSchema = z
  .object({
    id: z.string().uuid(), name: z.string(), scheme, ledgerType, cardType, userType, active: z.boolean(),
    program: z.object({ id: z.string().uuid() }), design: z.object({ id: z.string().uuid() }), rules: z.array(ProfileRuleSchema),
  })
  .openapi('CardProfileListElement')
export const CardProfileListResponseSchema = pageOf(CardProfileListElementSchema).openapi('CardProfileListResponse')

/** A profile as CardProfileListElementDto shows it, with its default rules. */
export function presentCardProfile(p: CardProfileRow, rules: CardRuleInput[]): z.infer<typeof CardProfileListElementSchema> {
  return {
    id: p.id, name: p.name, scheme: p.scheme, ledgerType: p.ledgerType as z.infer<typeof ledgerType>, cardType: p.cardType, userType: p.userType,
    active: p.active, program: { id: p.programId }, design: { id: p.designId },
    rules: rules.map((r) => ({ type: r.type, ...(r.name != null ? { name: r.name } : {}), value: r.value })),
  }
}
