import { Hono } from 'hono'
import { z } from '@hono/zod-openapi'
import type { AppEnv } from '../env'
import { requestDocument } from '../../state/end-user-documents'
import { SimError, ValidationError } from '../../state/errors'
import { findPartnerByName } from '../../state/partners'
import { tx } from '../../state/store'
import { DOCUMENT_TYPES } from '../end-user-documents/end-user-documents.schemas'

// /_sim control of documents: LinkCy (its compliance team) asks an end-user for a document; the
// partner sees it REQUESTED in GET /documents and uploads it with its documentId.
export const simDocumentRoutes = new Hono<AppEnv>()

const RequestSchema = z.object({
  partnerName: z.string().min(1),
  endUserId: z.string().uuid(),
  type: z.enum(DOCUMENT_TYPES),
  friendlyName: z.string().max(255).optional(),
})

// POST /_sim/documents/requests {partnerName, endUserId, type, friendlyName?} → 201 {id, status}.
simDocumentRoutes.post('/documents/requests', async (c) => {
  const parsed = RequestSchema.safeParse(await c.req.json().catch(() => undefined))
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', rejectedValue: null, message: i.message })))
  }
  const { partnerName, endUserId, type, friendlyName } = parsed.data
  const store = c.var.store
  const partner = findPartnerByName(store, partnerName)
  if (!partner) throw new SimError('PARTNER_NOT_FOUND', [partnerName])
  const row = tx(store, () => requestDocument(store, partner.id, endUserId.toLowerCase(), type, friendlyName))
  return c.json({ id: row.id, endUserId: row.endUserId, type: row.type, status: row.status }, 201)
})
