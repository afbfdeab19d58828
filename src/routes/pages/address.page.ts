import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env'
import { addressVerificationPath, completeAddressVerification, findAddressPage } from '../../state/address-verification'
import { tx } from '../../state/store'
import { confirmForm, htmlPage } from './page-html'

// The proof-of-address page of a LINK address verification: GET shows a button standing in for the
// POA upload; POST (or GET ?confirm=1) completes it and the end-user's address becomes VERIFIED.
export const addressPages = new Hono<AppEnv>()

const TITLE = 'Proof of address'

addressPages.get('/address-verifications/:id', (c) => {
  if (c.req.query('confirm') === '1') return complete(c)
  const page = findAddressPage(c.var.store, c.req.param('id'))
  if (!page) return c.html(htmlPage(TITLE, '<p>This link does not exist.</p>'), 404)
  if (page.status === 'DONE') return c.html(htmlPage(TITLE, '<p>Your address is verified.</p>'))
  if (page.expiresAt <= c.var.store.clock.nowMs()) return c.html(htmlPage(TITLE, '<p>This link has expired.</p>'), 409)
  return c.html(htmlPage(TITLE, `<p>Provide a proof of address (utility bill, tax notice, ...) to verify your address.</p>${confirmForm(addressVerificationPath(page.id), 'Send my proof of address')}`))
})

addressPages.post('/address-verifications/:id', (c) => complete(c))

function complete(c: Context<AppEnv>) {
  const store = c.var.store
  const id = c.req.param('id') ?? ''
  if (!findAddressPage(store, id)) return c.html(htmlPage(TITLE, '<p>This link does not exist.</p>'), 404)
  const { outcome } = tx(store, () => completeAddressVerification(store, id))
  if (outcome === 'VERIFIED') return c.html(htmlPage(TITLE, '<p>Thank you: your address is verified.</p>'))
  const why = outcome === 'EXPIRED' ? 'This link has expired.' : 'There is no address on file to verify.'
  return c.html(htmlPage(TITLE, `<p>${why}</p>`), 409)
}
