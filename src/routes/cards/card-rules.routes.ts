import { createRoute, z } from '@hono/zod-openapi'
import { removeCardRule, updateCardRule } from '../../state/card-rules-update'
import { CARD_RULE_CREATORS } from '../../state/db/tables/card-profiles'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { scaHeaders, waitingScaResponse, withSca } from '../middleware/sca'
import { createRouter, errorResponses, jsonBody, noContent, uuid } from '../openapi'
import { ruleType, ruleValue } from '../card-profiles/card-profiles.schemas'

// Tag Card: a card's spend-limit rules, set and removed by the partner or the card's holder behind
// SCA. Registered before the cards router (state/card-rules-update.ts decides whose rule is whose).
export const cardRuleRoutes = createRouter()

const tags = ['Card']

const creatorType = z.enum(CARD_RULE_CREATORS).nullish()
/** Card_updateRule's body (CardRuleUpdateDto); newer versions add `creatorType`. */
const CardRuleUpdateRequestSchema = z
  .object({ type: ruleType, value: ruleValue, name: z.string().nullish(), creatorType })
  .openapi('CardRuleUpdateRequest')
/** The newer per-type variant's body (PUT .../rules/{ruleType}). */
const CardRuleValueRequestSchema = z.object({ value: ruleValue, name: z.string().nullish(), creatorType }).openapi('CardRuleValueRequest')

const CardIdParamSchema = z.object({ cardId: uuid().openapi({ param: { name: 'cardId', in: 'path' } }) })
const CardRuleParamSchema = CardIdParamSchema.extend({ ruleType: ruleType.openapi({ param: { name: 'ruleType', in: 'path' } }) })

const updateRuleRoute = createRoute({
  method: 'put', path: '/api/partner/cards/{cardId}/rules', tags, summary: 'Update a rule from card',
  middleware: [requires({ roles: ['CARD_RULE_UPDATE'], endUser: true })] as const,
  request: { params: CardIdParamSchema, headers: scaHeaders, body: jsonBody(CardRuleUpdateRequestSchema) },
  responses: { 204: noContent, 202: waitingScaResponse, ...errorResponses(404) },
})
cardRuleRoutes.openapi(updateRuleRoute, (c) => withSca(c, 'CARD_RULES_UPDATE', () => {
  const { cardId } = c.req.valid('param')
  tx(c.var.store, () => updateCardRule(c.var.store, scopeOf(c), cardId, c.req.valid('json')))
  return c.body(null, 204)
}))

const updateRuleByTypeRoute = createRoute({
  method: 'put', path: '/api/partner/cards/{cardId}/rules/{ruleType}', tags, summary: 'Update a rule from card (per rule type)',
  middleware: [requires({ roles: ['CARD_RULE_UPDATE'], endUser: true })] as const,
  request: { params: CardRuleParamSchema, headers: scaHeaders, body: jsonBody(CardRuleValueRequestSchema) },
  responses: { 204: noContent, 202: waitingScaResponse, ...errorResponses(404) },
})
cardRuleRoutes.openapi(updateRuleByTypeRoute, (c) => withSca(c, 'CARD_RULES_UPDATE', () => {
  const { cardId, ruleType: type } = c.req.valid('param')
  tx(c.var.store, () => updateCardRule(c.var.store, scopeOf(c), cardId, { ...c.req.valid('json'), type }))
  return c.body(null, 204)
}))

const removeRuleRoute = createRoute({
  method: 'delete', path: '/api/partner/cards/{cardId}/rules/{ruleType}', tags, summary: 'Remove rule from card',
  middleware: [requires({ roles: ['CARD_RULE_DELETE'], endUser: true })] as const,
  request: { params: CardRuleParamSchema, headers: scaHeaders },
  responses: { 204: noContent, 202: waitingScaResponse, ...errorResponses(404) },
})
cardRuleRoutes.openapi(removeRuleRoute, (c) => withSca(c, 'CARD_RULE_DELETE', () => {
  const { cardId, ruleType: type } = c.req.valid('param')
  tx(c.var.store, () => removeCardRule(c.var.store, scopeOf(c), cardId, type))
  return c.body(null, 204)
}))
