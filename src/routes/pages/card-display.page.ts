import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { redeemPanCredentials } from '../../state/cards-pan'
import { escapeHtml, htmlPage } from './page-html'

// Stands in for LinkCy's PAN display SDK: whoever holds valid credentials from
// GET /cards/{cardId}/pan/credentials sees the full card (PAN, CVV, expiry, name) until the ttl runs
// out. HTML for a person; JSON (Accept: application/json or ?format=json) for a test. Never cached;
// the request log prints the path only, so the credentials in the query string stay out of it.
export const cardDisplayPages = new Hono<AppEnv>()

const TITLE = 'Card details'

cardDisplayPages.get('/card-display', (c) => {
  c.header('Cache-Control', 'no-store')
  const wantsJson = c.req.query('format') === 'json' || (c.req.header('Accept') ?? '').includes('application/json')
  const result = redeemPanCredentials(c.var.store, c.req.query('token') ?? '', c.req.query('secret') ?? '')
  if (result.kind !== 'OK') {
    const status = result.kind === 'EXPIRED' ? 410 : 404
    const message = result.kind === 'EXPIRED' ? 'These credentials have expired.' : 'Unknown credentials.'
    return wantsJson ? c.json({ error: result.kind, message }, status) : c.html(htmlPage(TITLE, `<p>${message}</p>`), status)
  }
  const card = result.card
  if (wantsJson) return c.json({ ...card, expiresAt: new Date(result.expiresAt).toISOString() }, 200)
  const pan = card.pan.replace(/(\d{4})(?=\d)/g, '$1 ')
  return c.html(htmlPage(TITLE, `<dl>
<dt>Card number</dt><dd><strong>${escapeHtml(pan)}</strong></dd>
<dt>Expiry</dt><dd>${escapeHtml(card.expiryDate)}</dd>
<dt>CVV</dt><dd>${escapeHtml(card.cvv)}</dd>
<dt>Name</dt><dd>${escapeHtml(card.nameOnCard ?? '')}</dd>
<dt>Scheme</dt><dd>${escapeHtml(card.scheme)} ${escapeHtml(card.type)} (${escapeHtml(card.status)})</dd>
</dl><p class="muted">Shown until ${escapeHtml(new Date(result.expiresAt).toISOString())}.</p>`))
})
