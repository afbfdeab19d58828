import { z } from '@hono/zod-openapi'
import { KYB_STATUSES } from '../../state/corporate-enums'

// Wire shapes of the KYB decision operations: the sandbox's KYB bypass and the diligence review link.

/** Sandbox PATCH /corporates/{id}/kyb body (KybStatusBypassRequest). */
export const KybBypassRequestSchema = z.object({ kybStatus: z.enum(KYB_STATUSES) }).openapi('KybStatusBypassRequest')

export const KybBypassResponseSchema = z.object({ corporateId: z.string().uuid() }).openapi('KybStatusBypassResponse')

/** LinkCy's TemplateDocumentResponse: a download url and how long it stays valid. */
export const TemplateDocumentSchema = z.object({ url: z.string(), ttl: z.string() }).openapi('TemplateDocumentResponse')
