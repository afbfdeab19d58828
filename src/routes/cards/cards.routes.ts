import { createRoute } from '@hono/zod-openapi'
import { getCardInfo, listCards, updateCard } from '../../state/cards'
import { createCard } from '../../state/cards-create'
import { activateCard, closeCard, suspendCard } from '../../state/cards-lifecycle'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { scaHeaders, waitingScaResponse, withSca } from '../middleware/sca'
import { createRouter, errorResponses, json, jsonBody } from '../openapi'
import { presentCard, presentCardListElement } from './cards.responses'
import {
  CardActivateRequestSchema, CardCloseRequestSchema, CardCreateRequestSchema, CardCreateResponseSchema, CardIdParamSchema,
  CardInfoResponseSchema, CardListResponseSchema, CardSuspendRequestSchema, CardUpdateRequestSchema, ListCardsQuerySchema,
} from './cards.schemas'

// Tag Card: cards and their lifecycle (create, list, get, update, activate, suspend, close). The PIN
// and PAN credential operations are in card-secrets.routes.ts, the rules in card-rules.routes.ts.
export const cardRoutes = createRouter()

const tags = ['Card']
const path = '/api/partner/cards/{cardId}'
const undef = <T>(v: T | null | undefined): T | undefined => v ?? undefined

const createCardRoute = createRoute({
  method: 'post', path: '/api/partner/cards', tags, summary: 'Create a card',
  description: 'CREATING at first; after the partner\'s `cardCreationSeconds` of simulated time AWAITING_ACTIVATION (physical) or ACTIVE (virtual).',
  middleware: [requires({ roles: ['CARD_CREATE'], endUser: true })] as const,
  request: { headers: scaHeaders, body: jsonBody(CardCreateRequestSchema) },
  responses: { 201: json(CardCreateResponseSchema, 'Created'), 202: waitingScaResponse, ...errorResponses(409) },
})
cardRoutes.openapi(createCardRoute, (c) => withSca(c, 'CARD_CREATE', () => {
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => createCard(c.var.store, scopeOf(c), {
    ledgerId: body.ledgerId, profileId: body.profileId, nameOnCard: undef(body.nameOnCard), friendlyName: undef(body.friendlyName),
    rules: body.rules?.map((r) => ({ type: r.type, value: r.value, name: r.name ?? null })), deliveryMethod: undef(body.deliveryMethod), type: undef(body.type),
  }))
  return c.json({ id: row.id }, 201)
}))

const listRoute = createRoute({
  method: 'get', path: '/api/partner/cards', tags, summary: 'List cards',
  middleware: [requires({ roles: ['CARD_LIST'], endUser: true })] as const,
  request: { query: ListCardsQuerySchema },
  responses: { 200: json(CardListResponseSchema), ...errorResponses() },
})
cardRoutes.openapi(listRoute, (c) => {
  const query = c.req.valid('query')
  const found = tx(c.var.store, () => listCards(c.var.store, scopeOf(c), query))
  const content = found.rows.map((row) => presentCardListElement(row, found.profileNames.get(row.profileId) ?? ''))
  return c.json({ content, totalElements: found.total, page: query.page, pageSize: query.pageSize }, 200)
})

const getRoute = createRoute({
  method: 'get', path, tags, summary: 'Get card\'s information',
  middleware: [requires({ roles: ['CARD_INFO'], endUser: true })] as const,
  request: { params: CardIdParamSchema },
  responses: { 200: json(CardInfoResponseSchema), ...errorResponses(404) },
})
cardRoutes.openapi(getRoute, (c) => {
  const { cardId } = c.req.valid('param')
  return c.json(presentCard(tx(c.var.store, () => getCardInfo(c.var.store, scopeOf(c), cardId))), 200)
})

const updateRoute = createRoute({
  method: 'patch', path, tags, summary: 'Update a card',
  middleware: [requires({ roles: ['CARD_UPDATE'], endUser: true })] as const,
  request: { params: CardIdParamSchema, body: jsonBody(CardUpdateRequestSchema) },
  responses: { 200: json(CardCreateResponseSchema), ...errorResponses(404) },
})
cardRoutes.openapi(updateRoute, (c) => {
  const { cardId } = c.req.valid('param')
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => updateCard(c.var.store, scopeOf(c), cardId, { friendlyName: body.friendlyName === null ? '' : body.friendlyName }))
  return c.json({ id: row.id }, 200)
})

const activateRoute = createRoute({
  method: 'post', path: `${path}/activate`, tags, summary: 'Activate a card',
  description: 'ACTIVATING (first activation) or REACTIVATING (a suspended card), ACTIVE after the partner\'s `cardStatusChangeSeconds`.',
  middleware: [requires({ roles: ['CARD_ACTIVATE'], endUser: true })] as const,
  request: { params: CardIdParamSchema, body: jsonBody(CardActivateRequestSchema) },
  responses: { 204: { description: 'Card is being activated' }, ...errorResponses(404, 409) },
})
cardRoutes.openapi(activateRoute, (c) => {
  const { cardId } = c.req.valid('param')
  const { truncatedPan } = c.req.valid('json')
  tx(c.var.store, () => activateCard(c.var.store, scopeOf(c), cardId, undef(truncatedPan)))
  return c.body(null, 204)
})

const suspendRoute = createRoute({
  method: 'post', path: `${path}/suspend`, tags, summary: 'Suspend a card',
  middleware: [requires({ roles: ['CARD_SUSPEND'], endUser: true })] as const,
  request: { params: CardIdParamSchema, body: jsonBody(CardSuspendRequestSchema) },
  responses: { 204: { description: 'Card is being suspended' }, ...errorResponses(404, 409) },
})
cardRoutes.openapi(suspendRoute, (c) => {
  const { cardId } = c.req.valid('param')
  const body = c.req.valid('json')
  tx(c.var.store, () => suspendCard(c.var.store, scopeOf(c), cardId, {
    operator: undef(body.operator), reason: undef(body.reason), otherReason: undef(body.otherReason),
  }))
  return c.body(null, 204)
})

const closeRoute = createRoute({
  method: 'post', path: `${path}/close`, tags, summary: 'Close a card',
  description: 'Irreversible: CLOSING, then CLOSED after the partner\'s `cardStatusChangeSeconds`.',
  middleware: [requires({ roles: ['CARD_CLOSE'], endUser: true })] as const,
  request: { params: CardIdParamSchema, body: jsonBody(CardCloseRequestSchema) },
  responses: { 204: { description: 'Card is being closed' }, ...errorResponses(404) },
})
cardRoutes.openapi(closeRoute, (c) => {
  const { cardId } = c.req.valid('param')
  const body = c.req.valid('json')
  tx(c.var.store, () => closeCard(c.var.store, scopeOf(c), cardId, { operator: undef(body.operator), reason: body.reason, otherReason: undef(body.otherReason) }))
  return c.body(null, 204)
})
