import { Hono } from 'hono'
import { z } from 'zod'
import { CARD_PAYMENT_CURRENCIES } from '../../state/card-payments-parts'
import { simAuthorizationAction, simAuthorizeCardPayment, simRefundCardPayment } from '../../state/card-payments-entry'
import { tx } from '../../state/store'
import { presentTransaction } from '../../state/transactions'
import type { AppEnv } from '../env'
import { transferAmount } from '../transactions/transactions.schemas'
import { simBody } from './sim.schemas'

// /_sim card payments, for demos and tests: a merchant authorizes a payment on a card (with a PIN
// at a terminal, or online), clears, releases or reverses an authorization, or refunds a payment.
// Any partner's card (the control plane is not scoped). Every answer is the transaction as LinkCy
// shows it (GET /transactions/{id}): its id, status and, when declined, information.declineReason.
export const simCardRoutes = new Hono<AppEnv>()

const merchant = {
  merchantName: z.string().min(1).max(255).optional(),
  merchantCity: z.string().min(1).max(255).optional(),
  merchantCountry: z.string().min(1).max(3).optional(),
  merchantId: z.string().min(1).max(255).optional(),
  merchantCategoryCode: z.string().regex(/^[0-9]{4}$/).optional(),
}

const AuthorizationSchema = z.strictObject({
  amount: transferAmount(),
  currency: z.enum(CARD_PAYMENT_CURRENCIES).optional(),
  ...merchant,
  pin: z.string().regex(/^[0-9]{4}$/).optional(),
  cardPresent: z.boolean().optional(),
  paymentType: z.enum(['PURCHASE', 'WITHDRAWAL', 'CASH_ADVANCE', 'QUASI_CASH', 'PURCHASE_WITH_CASHBACK', 'UNIQUE_MCC_TRANSACTION']).optional(),
})

const ClearSchema = z.strictObject({ amount: transferAmount().optional() })

const RefundSchema = z
  .strictObject({ amount: transferAmount().optional(), currency: z.enum(CARD_PAYMENT_CURRENCIES).optional(), transactionId: z.string().uuid().optional(), ...merchant })
  .refine((b) => b.amount !== undefined || b.transactionId !== undefined, { message: 'amount is required without transactionId', path: ['amount'] })

/**
 * POST /_sim/cards/{cardId}/authorizations {amount, currency?, merchant*?, pin?, cardPresent?, paymentType?}:
 * 201 with the CARD_AUTHORIZATION, APPROVED (amount reserved) or DECLINED (information.declineReason).
 */
simCardRoutes.post('/cards/:cardId/authorizations', async (c) => {
  const { amount, ...rest } = await simBody(c.req, AuthorizationSchema)
  const row = tx(c.var.store, () => simAuthorizeCardPayment(c.var.store, c.req.param('cardId'), { ...rest, amountCents: amount }))
  return c.json(presentTransaction(row), 201)
})

/** POST /_sim/cards/authorizations/{transactionId}/clear {amount?}: 201 with the CARD_CLEARING. */
simCardRoutes.post('/cards/authorizations/:transactionId/clear', async (c) => {
  const { amount } = await simBody(c.req, ClearSchema)
  const row = tx(c.var.store, () => simAuthorizationAction(c.var.store, c.req.param('transactionId'), { action: 'clear', amountCents: amount }))
  return c.json(presentTransaction(row), 201)
})

// POST /_sim/cards/authorizations/{transactionId}/release | /reverse: 200 with the authorization, RELEASED or REVERSED.
for (const action of ['release', 'reverse'] as const) {
  simCardRoutes.post(`/cards/authorizations/:transactionId/${action}`, (c) => {
    const row = tx(c.var.store, () => simAuthorizationAction(c.var.store, c.req.param('transactionId'), { action }))
    return c.json(presentTransaction(row), 200)
  })
}

/** POST /_sim/cards/{cardId}/refunds {amount?, transactionId?, currency?, merchant*?}: 201 with the refund (CARD_CLEARING, CREDIT). */
simCardRoutes.post('/cards/:cardId/refunds', async (c) => {
  const { amount, ...rest } = await simBody(c.req, RefundSchema)
  const row = tx(c.var.store, () => simRefundCardPayment(c.var.store, c.req.param('cardId'), { ...rest, amountCents: amount }))
  return c.json(presentTransaction(row), 201)
})
