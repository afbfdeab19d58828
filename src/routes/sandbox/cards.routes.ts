import { createRoute } from '@hono/zod-openapi'
import { getSandboxTruncatedPan } from '../../state/cards-pan'
import { tx } from '../../state/store'
import { CardIdParamSchema, SandboxTruncatedPanSchema } from '../cards/cards.schemas'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json } from '../openapi'

// Sandbox: the last four digits of a physical card's PAN, so an integration can activate a card
// nobody received (LinkCy: "In Sandbox, truncatedPan can be retrieved with the dedicated endpoint").
export const sandboxCardRoutes = createRouter()

const panRoute = createRoute({
  method: 'get', path: '/api/partner/cards/{cardId}/pan', tags: ['Sandbox'], summary: 'Get a card truncated PAN',
  middleware: [requires({ roles: ['CARD_INFO'], endUser: true })] as const,
  request: { params: CardIdParamSchema },
  responses: { 200: json(SandboxTruncatedPanSchema), ...errorResponses(404, 409) },
})
sandboxCardRoutes.openapi(panRoute, (c) => {
  const { cardId } = c.req.valid('param')
  return c.json(tx(c.var.store, () => getSandboxTruncatedPan(c.var.store, scopeOf(c), cardId)), 200)
})
