import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env'
import { acquiringPagePath, acquiringPageState, cancelAcquiring, findAcquiringSession, payAcquiring, type AcquiringOutcome } from '../../state/acquiring'
import { fromCents } from '../../state/money'
import { tx } from '../../state/store'
import { escapeHtml, htmlPage } from './page-html'

// The acquiring payment page (webPage.url of POST /acquiring/payment and /account-load): a fake card
// form. Paying or cancelling finishes the transaction, then redirects to the partner's redirectUrl.
export const acquiringPages = new Hono<AppEnv>()

const TITLE = 'Card payment'

acquiringPages.get('/acquiring/:id', (c) => {
  const store = c.var.store
  const row = findAcquiringSession(store, c.req.param('id'))
  if (!row) return c.html(htmlPage(TITLE, '<p>This payment link does not exist.</p>'), 404)
  const state = acquiringPageState(store, row)
  if (state === 'EXPIRED') return c.html(htmlPage(TITLE, '<p>This payment link has expired.</p>'), 409)
  if (state !== 'PENDING') return c.html(htmlPage(TITLE, `<p>This payment is finished (${escapeHtml(state)}).</p>`))
  const action = escapeHtml(acquiringPagePath(row.id))
  const form = `<p>Amount: <strong>${fromCents(row.amountCents).toFixed(2)} ${escapeHtml(row.currency)}</strong></p>
<form method="post" action="${action}">
<p><label>Card number <input name="cardNumber" value="4242 4242 4242 4242"></label></p>
<p><label>Card holder <input name="cardHolderName" value="Jane Doe"></label></p>
<p><label>Expiry <input name="expiry" value="12/30"></label> <label>CVC <input name="cvc" value="123" size="4"></label></p>
<button type="submit" name="action" value="pay">Pay</button> <button type="submit" name="action" value="cancel">Cancel</button>
</form>`
  return c.html(htmlPage(TITLE, form))
})

acquiringPages.post('/acquiring/:id', async (c) => {
  const store = c.var.store
  const row = findAcquiringSession(store, c.req.param('id'))
  if (!row) return c.html(htmlPage(TITLE, '<p>This payment link does not exist.</p>'), 404)
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
  const text = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : undefined)
  const result = tx(store, () =>
    text('action') === 'cancel' ? cancelAcquiring(store, row) : payAcquiring(store, row, { cardNumber: text('cardNumber'), cardHolderName: text('cardHolderName') }),
  )
  return finish(c, result)
})

function finish(c: Context<AppEnv>, result: AcquiringOutcome) {
  if (result.redirectUrl && result.outcome !== 'ALREADY_DONE') return c.redirect(result.redirectUrl, 302)
  const messages: Record<AcquiringOutcome['outcome'], string> = {
    APPROVED: 'Payment accepted. Thank you.',
    DECLINED: 'Your card was declined.',
    CANCELLED: 'Payment cancelled.',
    EXPIRED: 'This payment link has expired.',
    ALREADY_DONE: `This payment is finished (${result.row.status}).`,
  }
  const status = result.outcome === 'EXPIRED' ? 409 : 200
  return c.html(htmlPage(TITLE, `<p>${escapeHtml(messages[result.outcome])}</p>`), status)
}
