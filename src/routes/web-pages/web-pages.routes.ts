import { createRoute, z } from '@hono/zod-openapi'
import { acquiringPagePath } from '../../state/acquiring'
import { addressVerificationPath } from '../../state/address-verification'
import { emailVerificationPath } from '../../state/email-verification'
import { tx } from '../../state/store'
import type { WebPageRow } from '../../state/web-pages'
import { getWebPage } from '../../state/web-pages-get'
import { pageUrl } from '../../state/verifications'
import { escapeHtml, htmlPage } from '../pages/page-html'
import { createRouter, errorResponses, uuid } from '../openapi'

// Tag Web Pages: GET /api/partner/web-page/{pageId} answers the HTML of a hosted page (no token: the
// page id is the credential). The page links to the simulator's interactive page under /pages.
export const webPageRoutes = createRouter()

const route = createRoute({
  method: 'get', path: '/api/partner/web-page/{pageId}', tags: ['Web Pages'], summary: 'Get a hosted web page',
  security: [{}],
  request: { params: z.object({ pageId: uuid() }) },
  responses: { 200: { description: 'OK', content: { 'text/html': { schema: z.string() } } }, ...errorResponses(404, 409) },
})
webPageRoutes.openapi(route, (c) => {
  const { pageId } = c.req.valid('param')
  const store = c.var.store
  const page = tx(store, () => getWebPage(store, pageId))
  return c.html(renderWebPage(page, new URL(c.req.url).origin), 200)
})

const TITLES: Record<WebPageRow['kind'], [string, string]> = {
  KYC: ['Identity verification', 'Continue to identity verification'],
  EMAIL_VERIFICATION: ['E-mail verification', 'Continue to e-mail verification'],
  ADDRESS_VERIFICATION: ['Proof of address', 'Continue to proof of address'],
  PAYMENT: ['Payment', 'Continue to payment'],
}

const PATHS: Record<WebPageRow['kind'], (page: WebPageRow) => string> = {
  KYC: (page) => `/pages/kyc/${page.resourceId}`,
  EMAIL_VERIFICATION: (page) => emailVerificationPath(page.resourceId),
  ADDRESS_VERIFICATION: (page) => addressVerificationPath(page.id),
  PAYMENT: (page) => acquiringPagePath(page.resourceId),
}

/** SIM: a page standing in for LinkCy's, linking to the simulator's interactive page. */
function renderWebPage(page: WebPageRow, origin: string): string {
  const [title, label] = TITLES[page.kind]
  const path = PATHS[page.kind](page)
  const state = page.status === 'DONE' ? '<p>This step is already done.</p>' : ''
  return htmlPage(title, `${state}<p><a href="${escapeHtml(pageUrl(origin, path))}">${escapeHtml(label)}</a></p>`)
}
