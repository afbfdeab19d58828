import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { cancelAcquiring, findAcquiringSession, payAcquiring, type AcquiringOutcome } from '../../state/acquiring'
import { SimError } from '../../state/errors'
import { tx } from '../../state/store'
import { presentTransaction } from '../../state/transactions'

// Control-plane twin of the acquiring payment page: POST /_sim/acquiring/{id}/pay (optional body
// { cardNumber, cardHolderName }) and /cancel, answering the outcome and the transaction as LinkCy shows it.
export const simAcquiringRoutes = new Hono<AppEnv>()

function answer(result: AcquiringOutcome) {
  return { outcome: result.outcome, redirectUrl: result.redirectUrl, transaction: presentTransaction(result.row) }
}

function session(store: AppEnv['Variables']['store'], id: string) {
  const row = findAcquiringSession(store, id)
  if (!row) throw new SimError('TRANSACTION_NOT_FOUND', [id])
  return row
}

simAcquiringRoutes.post('/acquiring/:id/pay', async (c) => {
  const store = c.var.store
  const body = (await c.req.json().catch(() => ({}))) as { cardNumber?: unknown; cardHolderName?: unknown }
  const card = {
    cardNumber: typeof body.cardNumber === 'string' ? body.cardNumber : undefined,
    cardHolderName: typeof body.cardHolderName === 'string' ? body.cardHolderName : undefined,
  }
  const result = tx(store, () => payAcquiring(store, session(store, c.req.param('id')), card))
  return c.json(answer(result), 200)
})

simAcquiringRoutes.post('/acquiring/:id/cancel', (c) => {
  const store = c.var.store
  const result = tx(store, () => cancelAcquiring(store, session(store, c.req.param('id'))))
  return c.json(answer(result), 200)
})
