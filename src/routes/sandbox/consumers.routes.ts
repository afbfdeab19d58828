import { createRoute } from '@hono/zod-openapi'
import { deleteConsumer } from '../../state/consumers-delete'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses } from '../openapi'
import { ConsumerIdParamSchema } from '../consumers/consumers.schemas'

// Sandbox: delete a consumer.
export const sandboxConsumerRoutes = createRouter()

const deleteConsumerRoute = createRoute({
  method: 'delete', path: '/api/partner/consumers/{consumerId}', tags: ['Sandbox'], summary: 'Delete a consumer',
  description: 'Sandbox only: deletes the consumer, its login and its verifications, KYC applications and messages.',
  middleware: [requires({})] as const,
  request: { params: ConsumerIdParamSchema },
  responses: { 200: { description: 'OK (empty body)' }, ...errorResponses(404) },
})
sandboxConsumerRoutes.openapi(deleteConsumerRoute, (c) => {
  const { consumerId } = c.req.valid('param')
  tx(c.var.store, () => deleteConsumer(c.var.store, scopeOf(c), consumerId))
  return c.body(null, 200)
})
