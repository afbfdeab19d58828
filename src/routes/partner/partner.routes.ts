import { createRoute } from '@hono/zod-openapi'
import { createUserAccount, listUserAccounts, updateUserAccount } from '../../state/partner-accounts'
import { getConfiguration, updateConfiguration } from '../../state/partners'
import { tx } from '../../state/store'
import { createRouter, errorResponses, json, jsonBody, toPage } from '../openapi'
import { requires, scopeOf } from '../middleware/auth'
import {
  AccountCreateRequestSchema, AccountCreateResponseSchema, AccountIdParamSchema, AccountListQuerySchema, AccountPageSchema,
  AccountUpdateRequestSchema, PartnerInfoResponseSchema, PartnerUpdateRequestSchema, presentAccount, presentPartner, toPartnerUpdate,
} from './partner.schemas'
import { presentUpdate, UpdateResponseSchema } from '../shared/common.schemas'

// Tag Partner: partner information and partner user accounts. Partner tokens only.
// SIM: the reference has no ACCOUNT_LIST / ACCOUNT_UPDATE role; ACCOUNT_CREATE guards all account operations.
export const partnerRoutes = createRouter()

const getRoute = createRoute({
  method: 'get', path: '/api/partner', tags: ['Partner'], summary: 'Get your information',
  middleware: [requires({ roles: ['PARTNER_INFO'] })] as const,
  responses: { 200: json(PartnerInfoResponseSchema), ...errorResponses() },
})
partnerRoutes.openapi(getRoute, (c) => {
  const partner = tx(c.var.store, () => getConfiguration(c.var.store, scopeOf(c)))
  return c.json(presentPartner(partner), 200)
})

const updateRoute = createRoute({
  method: 'patch', path: '/api/partner', tags: ['Partner'], summary: 'Update your information',
  middleware: [requires({ roles: ['PARTNER_UPDATE'] })] as const,
  request: { body: jsonBody(PartnerUpdateRequestSchema) },
  responses: { 200: json(UpdateResponseSchema), ...errorResponses() },
})
partnerRoutes.openapi(updateRoute, (c) => {
  const update = toPartnerUpdate(c.req.valid('json'))
  const partner = tx(c.var.store, () => updateConfiguration(c.var.store, scopeOf(c), update))
  return c.json(presentUpdate(partner), 200)
})

const listAccountsRoute = createRoute({
  method: 'get', path: '/api/partner/accounts', tags: ['Partner'], summary: 'List user accounts',
  middleware: [requires({ roles: ['ACCOUNT_CREATE'] })] as const,
  request: { query: AccountListQuerySchema },
  responses: { 200: json(AccountPageSchema), ...errorResponses() },
})
partnerRoutes.openapi(listAccountsRoute, (c) => {
  const query = c.req.valid('query')
  const accounts = tx(c.var.store, () => listUserAccounts(c.var.store, scopeOf(c), query))
  return c.json(toPage(accounts.map(presentAccount), query), 200)
})

const createAccountRoute = createRoute({
  method: 'post', path: '/api/partner/accounts', tags: ['Partner'], summary: 'Create user account',
  middleware: [requires({ roles: ['ACCOUNT_CREATE'] })] as const,
  request: { body: jsonBody(AccountCreateRequestSchema) },
  responses: { 201: json(AccountCreateResponseSchema, 'Created'), ...errorResponses(409) },
})
partnerRoutes.openapi(createAccountRoute, (c) => {
  const body = c.req.valid('json')
  const { account, otp } = tx(c.var.store, () => createUserAccount(c.var.store, scopeOf(c), body))
  return c.json({ id: account.id, otp }, 201)
})

const updateAccountRoute = createRoute({
  method: 'patch', path: '/api/partner/accounts/{accountId}', tags: ['Partner'], summary: 'Update user account',
  middleware: [requires({ roles: ['ACCOUNT_CREATE'] })] as const,
  request: { params: AccountIdParamSchema, body: jsonBody(AccountUpdateRequestSchema) },
  responses: { 200: json(UpdateResponseSchema), ...errorResponses(404) },
})
partnerRoutes.openapi(updateAccountRoute, (c) => {
  const { accountId } = c.req.valid('param')
  const body = c.req.valid('json')
  const account = tx(c.var.store, () => updateUserAccount(c.var.store, scopeOf(c), accountId, body))
  return c.json(presentUpdate(account), 200)
})
