import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env'
import { confirmEmailVerification, emailVerificationPath, emailVerificationStatus, findEmailVerification } from '../../state/email-verification'
import { tx } from '../../state/store'
import { confirmForm, escapeHtml, htmlPage } from './page-html'

// The e-mail verification link page: GET shows a "Verify my e-mail" button; POST (or GET ?confirm=1)
// verifies the address, then redirects to the partner's urlOnSuccess / urlOnFailure when it gave one.
export const emailPages = new Hono<AppEnv>()

const TITLE = 'E-mail verification'

emailPages.get('/email-verifications/:id', (c) => {
  if (c.req.query('confirm') === '1') return confirm(c)
  const row = findEmailVerification(c.var.store, c.req.param('id'))
  if (!row) return c.html(htmlPage(TITLE, '<p>This link does not exist.</p>'), 404)
  const status = emailVerificationStatus(row, c.var.store.clock.nowMs())
  if (status === 'EXPIRED' && row.urlOnFailure) return c.redirect(row.urlOnFailure, 302)
  if (status === 'EXPIRED') return c.html(htmlPage(TITLE, '<p>This link has expired. Ask for a new verification e-mail.</p>'), 409)
  if (status === 'VERIFIED') return c.html(htmlPage(TITLE, `<p>${escapeHtml(row.emailAddress)} is verified.</p>`))
  return c.html(htmlPage(TITLE, `<p>Confirm that <strong>${escapeHtml(row.emailAddress)}</strong> is your e-mail address.</p>${confirmForm(emailVerificationPath(row.id), 'Verify my e-mail')}`))
})

emailPages.post('/email-verifications/:id', (c) => confirm(c))

function confirm(c: Context<AppEnv>) {
  const store = c.var.store
  const id = c.req.param('id') ?? ''
  if (!findEmailVerification(store, id)) return c.html(htmlPage(TITLE, '<p>This link does not exist.</p>'), 404)
  const result = tx(store, () => confirmEmailVerification(store, id))
  if (result.redirect) return c.redirect(result.redirect, 302)
  if (result.outcome === 'VERIFIED') return c.html(htmlPage(TITLE, `<p>Thank you: ${escapeHtml(result.verification.emailAddress)} is verified.</p>`))
  const why = result.outcome === 'EXPIRED' ? 'This link has expired.' : 'Your e-mail address changed since this link was sent.'
  return c.html(htmlPage(TITLE, `<p>${why} Ask for a new verification e-mail.</p>`), 409)
}
