import { createRoute } from '@hono/zod-openapi'
import { tx } from '../../state/store'
import { getTransaction, presentTransaction } from '../../state/transactions'
import { listTransactions } from '../../state/transactions-list'
import { createBeneficiaryTransaction } from '../../state/transfers'
import { createInterLedgerTransaction } from '../../state/transfers-inter-ledger'
import { requires, scopeOf } from '../middleware/auth'
import { scaHeaders, waitingScaResponse, withSca } from '../middleware/sca'
import { createRouter, errorResponses, json, jsonBody, presentPage } from '../openapi'
import {
  BeneficiaryTransactionCreateRequestSchema, InterLedgerTransactionCreateRequestSchema, ListTransactionsQuerySchema,
  TransactionCreatedSchema, TransactionIdParamSchema, TransactionListResponseSchema, TransactionResponseSchema,
} from './transactions.schemas'

// Tag Transaction: transactions list/get, transfers to a beneficiary, inter-ledger transfers.
// (The direct-debit collection, POST /transactions/direct-debit, lives with the mandates.)
export const transactionRoutes = createRouter()

const tags = ['Transaction']

const listRoute = createRoute({
  method: 'get', path: '/api/partner/transactions', tags, summary: 'List transactions',
  middleware: [requires({ roles: ['TRANSACTION_LIST'], endUser: true })] as const,
  request: { query: ListTransactionsQuerySchema },
  responses: { 200: json(TransactionListResponseSchema), ...errorResponses() },
})
transactionRoutes.openapi(listRoute, (c) => {
  const query = c.req.valid('query')
  const found = tx(c.var.store, () => listTransactions(c.var.store, scopeOf(c), query))
  return c.json(presentPage(found, presentTransaction, query) as never, 200)
})

const getRoute = createRoute({
  method: 'get', path: '/api/partner/transactions/{transactionId}', tags, summary: 'Get a transaction',
  middleware: [requires({ roles: ['TRANSACTION_INFO'], endUser: true })] as const,
  request: { params: TransactionIdParamSchema },
  responses: { 200: json(TransactionResponseSchema), ...errorResponses(404) },
})
transactionRoutes.openapi(getRoute, (c) => {
  const { transactionId } = c.req.valid('param')
  const row = tx(c.var.store, () => getTransaction(c.var.store, scopeOf(c), transactionId))
  return c.json(presentTransaction(row) as never, 200)
})

const createRouteDef = createRoute({
  method: 'post', path: '/api/partner/transactions', tags, summary: 'Create a transaction to a beneficiary',
  description: 'SCT, SCT Inst when `allowFastPayment` and the partner offers it, inter-ledger when the beneficiary is one of the partner\'s ledgers and `allowInterLedger`.',
  middleware: [requires({ roles: ['BENEFICIARY_TRANSACTION_CREATE'], endUser: true })] as const,
  request: { headers: scaHeaders, body: jsonBody(BeneficiaryTransactionCreateRequestSchema) },
  responses: { 201: json(TransactionCreatedSchema, 'Created'), 202: waitingScaResponse, ...errorResponses(409) },
})
transactionRoutes.openapi(createRouteDef, (c) => withSca(c, 'TRANSACTION_CREATE', () => {
  const { amount, ...body } = c.req.valid('json')
  const row = tx(c.var.store, () => createBeneficiaryTransaction(c.var.store, scopeOf(c), { ...body, amountCents: amount }))
  return c.json({ id: row.id }, 201)
}))

const interLedgerRoute = createRoute({
  method: 'post', path: '/api/partner/transactions/inter-ledger', tags, summary: 'Create an inter-ledger transaction',
  middleware: [requires({ roles: ['INTER_LEDGER_TRANSACTION_CREATE'], endUser: true })] as const,
  request: { headers: scaHeaders, body: jsonBody(InterLedgerTransactionCreateRequestSchema) },
  responses: { 201: json(TransactionCreatedSchema, 'Created'), 202: waitingScaResponse, ...errorResponses(409) },
})
transactionRoutes.openapi(interLedgerRoute, (c) => withSca(c, 'INTER_LEDGER_TRANSACTION_CREATE', () => {
  const { amount, ...body } = c.req.valid('json')
  const row = tx(c.var.store, () => createInterLedgerTransaction(c.var.store, scopeOf(c), { ...body, amountCents: amount }))
  return c.json({ id: row.id }, 201)
}))
