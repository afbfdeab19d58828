import { createRoute } from '@hono/zod-openapi'
import { createShare, deleteShare, getShare, updateShare } from '../../state/shares'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody, noContent } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import { presentShareInfo, ShareCreateRequestSchema, ShareIdParamSchema, ShareIdResponseSchema, ShareInfoSchema, ShareUpdateRequestSchema } from './shares.schemas'

// Tag KYB: shares of a corporate, or of its related entities, held by its related persons and entities.
export const shareRoutes = createRouter()

const createShareRoute = createRoute({
  method: 'post', path: '/api/partner/shares', tags: ['KYB'], summary: 'Create a share',
  middleware: [requires({ roles: ['SHARE_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(ShareCreateRequestSchema) },
  responses: { 201: json(ShareIdResponseSchema, 'Created'), ...errorResponses(409) },
})
shareRoutes.openapi(createShareRoute, (c) => {
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => createShare(c.var.store, scopeOf(c), body))
  return c.json({ id: row.id }, 201)
})

const getShareRoute = createRoute({
  method: 'get', path: '/api/partner/shares/{shareId}', tags: ['KYB'], summary: "Get share's information",
  middleware: [requires({ roles: ['SHARE_INFO'], endUser: true })] as const,
  request: { params: ShareIdParamSchema },
  responses: { 200: json(ShareInfoSchema), ...errorResponses(404) },
})
shareRoutes.openapi(getShareRoute, (c) => {
  const { shareId } = c.req.valid('param')
  const view = tx(c.var.store, () => getShare(c.var.store, scopeOf(c), shareId))
  return c.json(presentShareInfo(view), 200)
})

const updateShareRoute = createRoute({
  method: 'patch', path: '/api/partner/shares/{shareId}', tags: ['KYB'], summary: 'Update a share',
  middleware: [requires({ roles: ['SHARE_UPDATE'], endUser: true })] as const,
  request: { params: ShareIdParamSchema, body: jsonBody(ShareUpdateRequestSchema) },
  responses: { 200: json(ShareIdResponseSchema), ...errorResponses(404) },
})
shareRoutes.openapi(updateShareRoute, (c) => {
  const { shareId } = c.req.valid('param')
  const { percentage } = c.req.valid('json')
  const row = tx(c.var.store, () => updateShare(c.var.store, scopeOf(c), shareId, percentage))
  return c.json({ id: row.id }, 200)
})

const deleteShareRoute = createRoute({
  method: 'delete', path: '/api/partner/shares/{shareId}', tags: ['KYB'], summary: 'Delete a share',
  middleware: [requires({ roles: ['SHARE_DELETE'], endUser: true })] as const,
  request: { params: ShareIdParamSchema },
  responses: { 204: noContent, ...errorResponses(404) },
})
shareRoutes.openapi(deleteShareRoute, (c) => {
  const { shareId } = c.req.valid('param')
  tx(c.var.store, () => deleteShare(c.var.store, scopeOf(c), shareId))
  return c.body(null, 204)
})
