import { createRoute } from '@hono/zod-openapi'
import { closeLedger, suspendLedger, unsuspendLedger, updateLedger, upgradeLedger } from '../../state/ledger-lifecycle'
import { getLedgerInfo } from '../../state/ledgers'
import { createLedger } from '../../state/ledgers-create'
import { listLedgers } from '../../state/ledgers-list'
import { definedOnly } from '../../state/objects'
import { tx } from '../../state/store'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json, jsonBody, noContent, presentPage } from '../openapi'
import {
  LedgerIdResponseSchema, LedgerListResponseSchema, LedgerResponseSchema, presentLedger, presentLedgerListElement,
} from './ledgers.responses'
import {
  LedgerCloseRequestSchema, LedgerCreateRequestSchema, LedgerIdParamSchema, LedgerOperatorParamSchema, LedgerUpdateRequestSchema,
  ListLedgersQuerySchema, SuspendRequestSchema,
} from './ledgers.schemas'

// Tag Ledger: ledgers (IBAN accounts), their suspensions, closure and documents.
export const ledgerRoutes = createRouter()

const tags = ['Ledger']
const path = '/api/partner/ledgers/{ledgerId}'

/** A request's limits with nulls kept (null = back to the partner's default) and absent members dropped. */
const limitsOf = (limits: Record<string, number | null | undefined> | null | undefined) => (limits ? definedOnly(limits) : undefined)

const listRoute = createRoute({
  method: 'get', path: '/api/partner/ledgers', tags, summary: 'List ledgers',
  middleware: [requires({ roles: ['LEDGER_LIST'], endUser: true })] as const,
  request: { query: ListLedgersQuerySchema },
  responses: { 200: json(LedgerListResponseSchema), ...errorResponses() },
})
ledgerRoutes.openapi(listRoute, (c) => {
  const query = c.req.valid('query')
  const found = tx(c.var.store, () => listLedgers(c.var.store, scopeOf(c), query))
  return c.json(presentPage(found, presentLedgerListElement, query), 200)
})

const createLedgerRoute = createRoute({
  method: 'post', path: '/api/partner/ledgers', tags, summary: 'Create a ledger',
  description: 'PENDING at first; ACTIVE after the partner\'s `ledgerActivationSeconds` of simulated time (autoUpgrade upgrades it then).',
  middleware: [requires({ roles: ['LEDGER_CREATE'], endUser: true })] as const,
  request: { body: jsonBody(LedgerCreateRequestSchema) },
  responses: { 201: json(LedgerIdResponseSchema, 'Created'), ...errorResponses(409) },
})
ledgerRoutes.openapi(createLedgerRoute, (c) => {
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => createLedger(c.var.store, scopeOf(c), {
    endUserId: body.endUserId ?? undefined, type: body.type ?? undefined, parentLedgerId: body.parentLedgerId ?? undefined,
    autoUpgrade: body.autoUpgrade ?? undefined, friendlyName: body.friendlyName ?? undefined, limits: limitsOf(body.limits),
  }))
  return c.json({ id: row.id }, 201)
})

const getRoute = createRoute({
  method: 'get', path, tags, summary: 'Get information on a ledger',
  middleware: [requires({ roles: ['LEDGER_INFO'], endUser: true })] as const,
  request: { params: LedgerIdParamSchema },
  responses: { 200: json(LedgerResponseSchema), ...errorResponses(404) },
})
ledgerRoutes.openapi(getRoute, (c) => {
  const { ledgerId } = c.req.valid('param')
  const { ledger, limits } = tx(c.var.store, () => getLedgerInfo(c.var.store, scopeOf(c), ledgerId))
  return c.json(presentLedger(ledger, limits), 200)
})

const updateRoute = createRoute({
  method: 'patch', path, tags, summary: 'Update a ledger',
  middleware: [requires({ roles: ['LEDGER_UPDATE'], endUser: true })] as const,
  request: { params: LedgerIdParamSchema, body: jsonBody(LedgerUpdateRequestSchema) },
  responses: { 200: json(LedgerIdResponseSchema), ...errorResponses(404, 409) },
})
ledgerRoutes.openapi(updateRoute, (c) => {
  const { ledgerId } = c.req.valid('param')
  const body = c.req.valid('json')
  const row = tx(c.var.store, () => updateLedger(c.var.store, scopeOf(c), ledgerId, {
    friendlyName: body.friendlyName ?? undefined, parentLedgerId: body.parentLedgerId ?? undefined, limits: limitsOf(body.limits),
  }))
  return c.json({ id: row.id }, 200)
})

const upgradeRoute = createRoute({
  method: 'post', path: `${path}/upgrade`, tags, summary: 'Upgrade a ledger',
  middleware: [requires({ roles: ['LEDGER_UPGRADE'], endUser: true })] as const,
  request: { params: LedgerIdParamSchema },
  responses: { 204: noContent, ...errorResponses(404, 409) },
})
ledgerRoutes.openapi(upgradeRoute, (c) => {
  const { ledgerId } = c.req.valid('param')
  tx(c.var.store, () => upgradeLedger(c.var.store, scopeOf(c), ledgerId))
  return c.body(null, 204)
})

const suspendRoute = createRoute({
  method: 'post', path: `${path}/suspensions`, tags, summary: 'Suspend a ledger',
  middleware: [requires({ roles: ['LEDGER_SUSPEND'], endUser: true })] as const,
  request: { params: LedgerIdParamSchema, body: jsonBody(SuspendRequestSchema) },
  responses: { 204: noContent, ...errorResponses(404, 409) },
})
ledgerRoutes.openapi(suspendRoute, (c) => {
  const { ledgerId } = c.req.valid('param')
  const body = c.req.valid('json')
  tx(c.var.store, () => suspendLedger(c.var.store, scopeOf(c), ledgerId, { operator: body.operator ?? undefined, reason: body.reason }))
  return c.body(null, 204)
})

const unsuspendRoute = createRoute({
  method: 'delete', path: `${path}/suspensions/{operator}`, tags, summary: 'Unsuspend a ledger',
  middleware: [requires({ roles: ['LEDGER_UNSUSPEND'], endUser: true })] as const,
  request: { params: LedgerOperatorParamSchema },
  responses: { 204: noContent, ...errorResponses(404) },
})
ledgerRoutes.openapi(unsuspendRoute, (c) => {
  const { ledgerId, operator } = c.req.valid('param')
  tx(c.var.store, () => unsuspendLedger(c.var.store, scopeOf(c), ledgerId, operator))
  return c.body(null, 204)
})

const closeRoute = createRoute({
  method: 'post', path: `${path}/close`, tags, summary: 'Close a ledger',
  description: 'CLOSING at once, CLOSED after the partner\'s `ledgerActivationSeconds` of simulated time.',
  middleware: [requires({ roles: ['LEDGER_CLOSE'], endUser: true })] as const,
  request: { params: LedgerIdParamSchema, body: jsonBody(LedgerCloseRequestSchema) },
  responses: { 204: noContent, ...errorResponses(404, 409) },
})
ledgerRoutes.openapi(closeRoute, (c) => {
  const { ledgerId } = c.req.valid('param')
  const body = c.req.valid('json')
  tx(c.var.store, () => closeLedger(c.var.store, scopeOf(c), ledgerId, { operator: body.operator, reason: body.reason ?? undefined }))
  return c.body(null, 204)
})
