import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { escapeHtml, htmlPage } from './page-html'

// The terms-and-conditions document a GET /docs/terms downloadUrl points to (a short stand-in text).
export const termsPages = new Hono<AppEnv>()

termsPages.get('/terms/:version', (c) => {
  const version = c.req.param('version')
  const type = c.req.query('type') === 'CORPORATE' ? 'CORPORATE' : 'CONSUMER'
  const french = c.req.query('language') === 'FR'
  const title = french ? `Conditions générales (${type}), version ${version}` : `Terms and conditions (${type}), version ${version}`
  const text = french
    ? 'Document de démonstration du simulateur linkcy-sim : il remplace les conditions générales publiées par LinkCy.'
    : 'Stand-in document of the linkcy-sim simulator: it replaces the terms and conditions LinkCy publishes.'
  c.header('Content-Language', french ? 'fr' : 'en')
  return c.html(htmlPage(title, `<p>${escapeHtml(text)}</p><p>Version: <strong>${escapeHtml(version)}</strong></p>`))
})
