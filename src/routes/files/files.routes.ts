import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { openFileLink } from '../../state/documents/file-links'
import { renderFile } from '../../state/documents/file-renderers'

// The download behind every document link LinkCy hands out (bank details, statements, end-user
// documents), outside LinkCy's /api namespace: the link is the credential, like a pre-signed URL.
export const fileRoutes = new Hono<AppEnv>()

fileRoutes.get('/files/:token', async (c) => {
  const store = c.var.store
  const link = openFileLink(store, c.req.param('token').replace(/\.pdf$/i, '').toLowerCase())
  const timestamp = store.clock.iso()
  if (link === 'EXPIRED') return c.json({ message: 'Request has expired', error: 'linkcy.forbidden', status: 403, timestamp }, 403)
  const file = link ? await renderFile(store, link) : undefined
  if (!file) return c.json({ message: 'The document you are trying to download does not exist.', error: 'linkcy.not.found', status: 404, timestamp }, 404)
  const filename = file.filename.replace(/["\r\n]/g, '')
  return c.body(file.bytes, 200, { 'Content-Type': file.contentType, 'Content-Disposition': `inline; filename="${filename}"` })
})
