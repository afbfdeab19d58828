import { Hono } from 'hono'
import { z } from 'zod'
import { SimError } from '../../state/errors'
import { ibanProblem, isBic, normalizeIban } from '../../state/iban'
import { tx } from '../../state/store'
import { presentTransaction } from '../../state/transactions'
import { receiveIncomingTransfer } from '../../state/transfers-incoming'
import { settleOutgoingTransfer } from '../../state/transfers-settlement'
import type { AppEnv } from '../env'
import { simBody } from '../sim/sim.schemas'
import { transferAmount } from './transactions.schemas'

// /_sim control of money movements from outside the simulator: an SCT or SCT Inst arriving on a
// ledger from an outside account. Mounted by routes/sim/money.routes.ts.
export const simTransactionRoutes = new Hono<AppEnv>()

const IncomingTransferSchema = z.strictObject({
  amount: transferAmount(),
  debtorName: z.string().min(1).max(140),
  debtorIban: z.string().min(1).max(34)
    .refine((iban) => ibanProblem(iban) === null, 'must be a valid IBAN (ISO 13616: country, length, check digits)')
    .transform(normalizeIban),
  debtorBic: z.string().max(11).refine(isBic, 'must be a valid BIC').transform((bic) => bic.toUpperCase()).optional(),
  reference: z.string().max(140).optional(),
  instant: z.boolean().default(false),
})

/**
 * POST /_sim/ledgers/{ledgerId}/incoming-transfer: books an incoming SCT (SCT Inst with `instant`),
 * APPROVED and credited; DECLINED on a closed ledger. Answers 201 with the transaction as LinkCy shows it.
 */
simTransactionRoutes.post('/ledgers/:ledgerId/incoming-transfer', async (c) => {
  const body = await simBody(c.req, IncomingTransferSchema)
  const ledgerId = c.req.param('ledgerId').toLowerCase()
  const row = tx(c.var.store, () => receiveIncomingTransfer(c.var.store, ledgerId, { ...body, amountCents: body.amount }))
  return c.json(presentTransaction(row), 201)
})

/** POST /_sim/transactions/{transactionId}/settle: settles a pending outgoing transfer now (without moving the clock). */
simTransactionRoutes.post('/transactions/:transactionId/settle', (c) => {
  const row = tx(c.var.store, () => settleOutgoingTransfer(c.var.store, c.req.param('transactionId').toLowerCase()))
  if (!row) throw new SimError('TRANSACTION_NOT_FOUND', [c.req.param('transactionId')])
  return c.json(presentTransaction(row), 200)
})
