import { createRoute } from '@hono/zod-openapi'
import { getPanCredentials } from '../../state/cards-pan'
import { getCardPin, resetPinAttempts } from '../../state/cards-pin'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { scaHeaders, waitingScaResponse, withSca } from '../middleware/sca'
import { createRouter, errorResponses, json } from '../openapi'
import { CardIdParamSchema, CardPanCredentialsResponseSchema, CardPinResponseSchema } from './cards.schemas'

// Tag Card: a card's secrets, each behind SCA: the PIN, the reset of wrong PIN attempts, and the
// short-lived credentials that let a display SDK (here /pages/card-display) show the PAN and CVV.
export const cardSecretRoutes = createRouter()

const tags = ['Card']
const path = '/api/partner/cards/{cardId}'

const pinRoute = createRoute({
  method: 'get', path: `${path}/pin`, tags, summary: 'Get a physical card\'s PIN',
  middleware: [requires({ roles: ['CARD_PIN'], endUser: true })] as const,
  request: { params: CardIdParamSchema, headers: scaHeaders },
  responses: { 200: json(CardPinResponseSchema), 202: waitingScaResponse, ...errorResponses(404, 409) },
})
cardSecretRoutes.openapi(pinRoute, (c) => withSca(c, 'CARD_PIN_GET', () => {
  const { cardId } = c.req.valid('param')
  return c.json({ pin: tx(c.var.store, () => getCardPin(c.var.store, scopeOf(c), cardId)) }, 200)
}))

const resetRoute = createRoute({
  method: 'post', path: `${path}/pin/reset`, tags, summary: 'Reset physical card\'s PIN attempts',
  description: 'A LOCKED PIN goes UNLOCKING, then WAITING_ONLINE_TRANSACTION after the partner\'s `cardStatusChangeSeconds`.',
  middleware: [requires({ roles: ['CARD_RESET_PIN_ATTEMPTS'], endUser: true })] as const,
  request: { params: CardIdParamSchema, headers: scaHeaders },
  responses: { 204: { description: 'Card PIN attempts are being reset' }, 202: waitingScaResponse, ...errorResponses(404, 409) },
})
cardSecretRoutes.openapi(resetRoute, (c) => withSca(c, 'CARD_PIN_RESET', () => {
  const { cardId } = c.req.valid('param')
  tx(c.var.store, () => resetPinAttempts(c.var.store, scopeOf(c), cardId))
  return c.body(null, 204)
}))

const credentialsRoute = createRoute({
  method: 'get', path: `${path}/pan/credentials`, tags, summary: 'Get PAN credentials',
  description: 'The simulator redeems the credentials at `/pages/card-display?token=...&secret=...` until their ttl runs out.',
  middleware: [requires({ roles: ['CARD_PAN_CREDENTIALS'], endUser: true })] as const,
  request: { params: CardIdParamSchema, headers: scaHeaders },
  responses: { 200: json(CardPanCredentialsResponseSchema), 202: waitingScaResponse, ...errorResponses(404, 409) },
})
cardSecretRoutes.openapi(credentialsRoute, (c) => withSca(c, 'CARD_PAN_CREDENTIALS', () => {
  const { cardId } = c.req.valid('param')
  const { token, secret, ttl } = tx(c.var.store, () => getPanCredentials(c.var.store, scopeOf(c), cardId))
  return c.json({ token, secret, ttl }, 200)
}))
