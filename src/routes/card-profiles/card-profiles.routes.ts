import { createRoute } from '@hono/zod-openapi'
import { listCardDesigns } from '../../state/card-designs'
import {
  cardProfileRules, createCardProfile, listCardProfiles, putCardProfileRule, removeCardProfileRule, updateCardProfile,
} from '../../state/card-profiles'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json, jsonBody, noContent, presentPage, toPage } from '../openapi'
import {
  CardDesignListQuerySchema, CardDesignListResponseSchema, CardProfileCreatedSchema, CardProfileCreateRequestSchema,
  CardProfileIdParamSchema, CardProfileListQuerySchema, CardProfileListResponseSchema, CardProfileRuleParamSchema,
  CardProfileRuleRequestSchema, CardProfileUpdatedSchema, CardProfileUpdateRequestSchema, presentCardDesign, presentCardProfile,
} from './card-profiles.schemas'

// Tag Card: the card designs LinkCy set up for the partner, and the partner's card profiles with
// their default rules. Partner tokens only.
export const cardProfileRoutes = createRouter()

const tags = ['Card']

const listDesignsRoute = createRoute({
  method: 'get', path: '/api/partner/card-designs', tags, summary: 'List card designs',
  middleware: [requires({ roles: ['CARD_DESIGN_LIST'] })] as const,
  request: { query: CardDesignListQuerySchema },
  responses: { 200: json(CardDesignListResponseSchema), ...errorResponses() },
})
cardProfileRoutes.openapi(listDesignsRoute, (c) => {
  const query = c.req.valid('query')
  return c.json(toPage(listCardDesigns(query).map(presentCardDesign), query), 200)
})

const createProfileRoute = createRoute({
  method: 'post', path: '/api/partner/card-profiles', tags, summary: 'Create a card profile based on a design',
  middleware: [requires({ roles: ['CARD_PROFILE_CREATE'] })] as const,
  request: { body: jsonBody(CardProfileCreateRequestSchema) },
  responses: { 201: json(CardProfileCreatedSchema, 'Created'), ...errorResponses() },
})
cardProfileRoutes.openapi(createProfileRoute, (c) => {
  const row = tx(c.var.store, () => createCardProfile(c.var.store, scopeOf(c), c.req.valid('json')))
  return c.json({ id: row.id }, 201)
})

const listProfilesRoute = createRoute({
  method: 'get', path: '/api/partner/card-profiles', tags, summary: 'List card profiles',
  middleware: [requires({ roles: ['CARD_PROFILE_LIST'] })] as const,
  request: { query: CardProfileListQuerySchema },
  responses: { 200: json(CardProfileListResponseSchema), ...errorResponses() },
})
cardProfileRoutes.openapi(listProfilesRoute, (c) => {
  const query = c.req.valid('query')
  const store = c.var.store
  const page = tx(store, () => presentPage(listCardProfiles(store, scopeOf(c), query), (p) => presentCardProfile(p, cardProfileRules(store, p.id)), query))
  return c.json(page, 200)
})

const updateProfileRoute = createRoute({
  method: 'patch', path: '/api/partner/card-profiles/{cardProfileId}', tags, summary: 'Update a card profile',
  middleware: [requires({ roles: ['CARD_PROFILE_UPDATE'] })] as const,
  request: { params: CardProfileIdParamSchema, body: jsonBody(CardProfileUpdateRequestSchema) },
  responses: { 200: json(CardProfileUpdatedSchema), ...errorResponses(404) },
})
cardProfileRoutes.openapi(updateProfileRoute, (c) => {
  const { cardProfileId } = c.req.valid('param')
  const row = tx(c.var.store, () => updateCardProfile(c.var.store, scopeOf(c), cardProfileId, c.req.valid('json')))
  return c.json({ id: row.id }, 200)
})

const putRuleRoute = createRoute({
  method: 'put', path: '/api/partner/card-profiles/{cardProfileId}/rules', tags, summary: 'Create a default card profile rule',
  middleware: [requires({ roles: ['CARD_PROFILE_RULE_UPDATE'] })] as const,
  request: { params: CardProfileIdParamSchema, body: jsonBody(CardProfileRuleRequestSchema) },
  responses: { 204: noContent, ...errorResponses(404) },
})
cardProfileRoutes.openapi(putRuleRoute, (c) => {
  const { cardProfileId } = c.req.valid('param')
  tx(c.var.store, () => putCardProfileRule(c.var.store, scopeOf(c), cardProfileId, c.req.valid('json')))
  return c.body(null, 204)
})

const removeRuleRoute = createRoute({
  method: 'delete', path: '/api/partner/card-profiles/{cardProfileId}/rules/{ruleType}', tags, summary: 'Remove default card profile rule',
  middleware: [requires({ roles: ['CARD_PROFILE_RULE_DELETE'] })] as const,
  request: { params: CardProfileRuleParamSchema },
  responses: { 204: noContent, ...errorResponses(404) },
})
cardProfileRoutes.openapi(removeRuleRoute, (c) => {
  const { cardProfileId, ruleType } = c.req.valid('param')
  tx(c.var.store, () => removeCardProfileRule(c.var.store, scopeOf(c), cardProfileId, ruleType))
  return c.body(null, 204)
})
