import { createRoute } from '@hono/zod-openapi'
import { createConsumer, getConsumerInfo, updateConsumer } from '../../state/consumers'
import { listConsumers } from '../../state/consumers-list'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { scaHeaders, waitingScaResponse, withSca } from '../middleware/sca'
import { createRouter, errorResponses, json, jsonBody, presentPage } from '../openapi'
import { presentUpdate, UpdateResponseSchema } from '../shared/common.schemas'
import {
  ConsumerCreateRequestSchema, ConsumerIdParamSchema, ConsumerUpdateRequestSchema, ListConsumersQuerySchema,
} from './consumers.schemas'
import {
  ConsumerCreatedSchema, ConsumerInfoResponseSchema, ConsumerListResponseSchema,
  presentConsumer, presentConsumerListElement,
} from './consumers.responses'

// Tag Consumer: create, read, list and update consumers.
export const consumerRoutes = createRouter()

const tags = ['Consumer']

const createConsumerRoute = createRoute({
  method: 'post', path: '/api/partner/consumers', tags, summary: 'Create a consumer',
  description: 'Anonymous with `partnerName`, or with a partner token (then `partnerName` is ignored).',
  middleware: [requires({ roles: ['CONSUMER_CREATE'], anonymous: true })] as const,
  request: { body: jsonBody(ConsumerCreateRequestSchema) },
  responses: { 201: json(ConsumerCreatedSchema, 'Created'), ...errorResponses(404, 409) },
})
consumerRoutes.openapi(createConsumerRoute, (c) => {
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => createConsumer(c.var.store, scopeOf(c), body))
  return c.json({ id: row.id }, 201)
})

const listConsumersRoute = createRoute({
  method: 'get', path: '/api/partner/consumers', tags, summary: 'List consumers',
  middleware: [requires({ roles: ['CONSUMER_LIST'] })] as const,
  request: { query: ListConsumersQuerySchema },
  responses: { 200: json(ConsumerListResponseSchema), ...errorResponses() },
})
consumerRoutes.openapi(listConsumersRoute, (c) => {
  const query = c.req.valid('query')
  const found = tx(c.var.store, () => listConsumers(c.var.store, scopeOf(c), query))
  return c.json(presentPage(found, presentConsumerListElement, query), 200)
})

const getConsumerRoute = createRoute({
  method: 'get', path: '/api/partner/consumers/{consumerId}', tags, summary: "Get consumer's information",
  middleware: [requires({ roles: ['CONSUMER_INFO'], endUser: true })] as const,
  request: { params: ConsumerIdParamSchema },
  responses: { 200: json(ConsumerInfoResponseSchema), ...errorResponses(404) },
})
consumerRoutes.openapi(getConsumerRoute, (c) => {
  const { consumerId } = c.req.valid('param')
  return c.json(presentConsumer(tx(c.var.store, () => getConsumerInfo(c.var.store, scopeOf(c), consumerId))), 200)
})

const updateConsumerRoute = createRoute({
  method: 'patch', path: '/api/partner/consumers/{consumerId}', tags, summary: 'Update a consumer',
  middleware: [requires({ roles: ['CONSUMER_UPDATE'], endUser: true })] as const,
  request: { params: ConsumerIdParamSchema, headers: scaHeaders, body: jsonBody(ConsumerUpdateRequestSchema) },
  responses: { 200: json(UpdateResponseSchema), 202: waitingScaResponse, ...errorResponses(404, 409) },
})
consumerRoutes.openapi(updateConsumerRoute, (c) => withSca(c, 'CONSUMER_UPDATE', () => {
  const { consumerId } = c.req.valid('param')
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => updateConsumer(c.var.store, scopeOf(c), consumerId, body))
  return c.json(presentUpdate(row), 200)
}))
