import { createRoute } from '@hono/zod-openapi'
import { ACQUIRING_PAGE_TTL, acquiringPagePath, getAcquiringTransaction, initiateAccountLoad, initiatePayment } from '../../state/acquiring'
import { getAcquiringConfiguration } from '../../state/acquiring-settings'
import { tx } from '../../state/store'
import { presentTransaction } from '../../state/transactions'
import { pageUrl } from '../../state/verifications'
import { requires, scopeOf } from '../middleware/auth'
import { createRouter, errorResponses, json, jsonBody } from '../openapi'
import { TransactionResponseSchema } from '../transactions/transactions.schemas'
import {
  AccountLoadRequestSchema, AcquiringConfigurationSchema, AcquiringCreationResponseSchema, AcquiringPaymentRequestSchema,
  AcquiringTransactionIdParamSchema, presentAcquiringConfiguration,
} from './acquiring.schemas'

// Tag Acquiring (payments and account loads through a hosted card page) and the partner's
// acquiring configuration (tag Partner). The page itself is routes/pages/acquiring.page.ts.
export const acquiringRoutes = createRouter()

const tags = ['Acquiring']

const configurationRoute = createRoute({
  method: 'get', path: '/api/partner/acquiring-configuration', tags: ['Partner'], summary: 'Get your acquiring configuration',
  middleware: [requires({ roles: ['PARTNER_ACQUIRING_CONFIGURATION_INFO'] })] as const,
  responses: { 200: json(AcquiringConfigurationSchema), ...errorResponses(404) },
})
acquiringRoutes.openapi(configurationRoute, (c) => {
  const config = tx(c.var.store, () => getAcquiringConfiguration(c.var.store, scopeOf(c).partnerId))
  return c.json(presentAcquiringConfiguration(config) as never, 200)
})

/** The creation answer: the transaction id and its page on the origin the caller used. */
const created = (url: string, id: string) => ({ id, webPage: { ttl: ACQUIRING_PAGE_TTL, url: pageUrl(new URL(url).origin, acquiringPagePath(id)) } })

const paymentRoute = createRoute({
  method: 'post', path: '/api/partner/acquiring/payment', tags, summary: 'Start an acquiring for a payment',
  middleware: [requires({ roles: ['ACQUIRING_PAYMENT_CREATE'] })] as const,
  request: { body: jsonBody(AcquiringPaymentRequestSchema) },
  responses: { 200: json(AcquiringCreationResponseSchema), ...errorResponses(404) },
})
acquiringRoutes.openapi(paymentRoute, (c) => {
  const { amount, ...body } = c.req.valid('json')
  const row = tx(c.var.store, () => initiatePayment(c.var.store, scopeOf(c), { ...body, amountCents: amount }))
  return c.json(created(c.req.url, row.id), 200)
})

const accountLoadRoute = createRoute({
  method: 'post', path: '/api/partner/acquiring/account-load', tags, summary: 'Start an acquiring for a top-up',
  middleware: [requires({ roles: ['ACQUIRING_ACCOUNT_LOAD_CREATE'] })] as const,
  request: { body: jsonBody(AccountLoadRequestSchema) },
  responses: { 200: json(AcquiringCreationResponseSchema), ...errorResponses(404, 409) },
})
acquiringRoutes.openapi(accountLoadRoute, (c) => {
  const { amount, ...body } = c.req.valid('json')
  const row = tx(c.var.store, () => initiateAccountLoad(c.var.store, scopeOf(c), { ...body, amountCents: amount }))
  return c.json(created(c.req.url, row.id), 200)
})

const transactionRoute = createRoute({
  method: 'get', path: '/api/partner/acquiring/transactions/{transactionId}', tags, summary: 'Get acquiring transaction information',
  middleware: [requires({ roles: ['ACQUIRING_TRANSACTION_INFO'] })] as const,
  request: { params: AcquiringTransactionIdParamSchema },
  responses: { 200: json(TransactionResponseSchema), ...errorResponses(404) },
})
acquiringRoutes.openapi(transactionRoute, (c) => {
  const { transactionId } = c.req.valid('param')
  const row = tx(c.var.store, () => getAcquiringTransaction(c.var.store, scopeOf(c), transactionId))
  return c.json(presentTransaction(row) as never, 200)
})
