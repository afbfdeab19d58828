import { Hono } from 'hono'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'

// GET /docs: an API reference page for the simulator's own /openapi.json. Swagger UI is served
// from the swagger-ui-dist package, not a CDN, so the page works offline like the simulator.

const require = createRequire(import.meta.url)
const assets = (require('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath()
const ASSET_TYPES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>linkcy-sim API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', deepLinking: true })</script>
</body></html>`

export const docsRoutes = new Hono()
docsRoutes.get('/docs', (c) => c.html(PAGE))
docsRoutes.get('/docs/assets/:file', (c) => {
  const file = c.req.param('file')
  const type = ASSET_TYPES[file]
  if (!type) return c.notFound()
  return c.body(readFileSync(join(assets, file)), 200, { 'Content-Type': type, 'Cache-Control': 'max-age=86400' })
})
