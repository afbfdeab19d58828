import { Hono } from 'hono'
import type { Context } from 'hono'
import { SimError } from '../../state/errors'
import { completeKycApplication, isExpired, kycPageView, type KycPageView } from '../../state/kyc-complete'
import { tx } from '../../state/store'
import type { AppEnv } from '../env'
import { escapeHtml, htmlPage } from './page-html'

// The KYC page a LINK KYC application points to (/pages/kyc/{kycId}): where LinkCy's KYC provider
// would film the ID document and the selfie, the simulator offers "Pass KYC" and "Fail KYC".
export const kycPages = new Hono<AppEnv>()

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
type PageStatus = 200 | 400 | 404 | 409 | 410

kycPages.get('/kyc/:kycId', (c) => {
  const kycId = c.req.param('kycId')
  const view = UUID.test(kycId) ? tx(c.var.store, () => kycPageView(c.var.store, kycId)) : undefined
  const refusal = refusalOf(c, view)
  if (refusal) return refusal
  const { application, partnerName, personName } = view!
  return page(c, 200, `${partnerName}: identity verification`, `
    <p>${escapeHtml(partnerName)} asks ${personName ? `<strong>${escapeHtml(personName)}</strong> to verify their identity` : 'you to verify your identity'}.</p>
    <p class="muted">Simulated KYC: choose the result the KYC provider will report.</p>
    <form method="post" action="/pages/kyc/${application.id}/complete">
      <button type="submit" name="outcome" value="VALIDATED">Pass KYC</button>
      <button type="submit" name="outcome" value="DECLINED">Fail KYC</button>
    </form>`)
})

kycPages.post('/kyc/:kycId/complete', async (c) => {
  const kycId = c.req.param('kycId')
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
  const outcome = form.outcome
  const view = UUID.test(kycId) ? tx(c.var.store, () => kycPageView(c.var.store, kycId)) : undefined
  const refusal = refusalOf(c, view)
  if (refusal) return refusal
  if (outcome !== 'VALIDATED' && outcome !== 'DECLINED') {
    return page(c, 400, 'Invalid request', '<p>The outcome must be VALIDATED or DECLINED.</p>')
  }
  let done
  try {
    done = tx(c.var.store, () => completeKycApplication(c.var.store, kycId, outcome))
  } catch (error) {
    if (error instanceof SimError) return page(c, error.status === 404 ? 404 : 409, 'Identity verification', `<p>${escapeHtml(error.message)}</p>`)
    throw error
  }
  const target = outcome === 'VALIDATED' ? done.urlOnComplete : done.urlOnFailure
  if (target) return c.redirect(target, 302)
  const passed = done.status === 'VALIDATED'
  return page(c, 200, passed ? 'Identity verified' : 'Identity not verified', passed
    ? `<p>Your identity has been verified. You can go back to ${escapeHtml(view!.partnerName)}.</p>`
    : `<p>Your identity could not be verified. You can go back to ${escapeHtml(view!.partnerName)}.</p>`)
})

/** The page shown instead of the form: unknown link (404), expired (410), already finished (409). */
function refusalOf(c: Context<AppEnv>, view: KycPageView | undefined): Response | undefined {
  if (!view || !view.hasPage) return page(c, 404, 'Link not found', '<p>This identity verification link does not exist.</p>')
  if (isExpired(c.var.store, view.application)) {
    return page(c, 410, 'Link expired', '<p>This identity verification link has expired. Ask for a new one.</p>')
  }
  if (view.application.status !== 'CREATED') {
    return page(c, 409, 'Already done', `<p>This identity verification is already finished (status ${escapeHtml(view.application.status)}).</p>`)
  }
  return undefined
}

function page(c: Context<AppEnv>, status: PageStatus, title: string, body: string): Response {
  return c.html(htmlPage(title, body), status)
}
