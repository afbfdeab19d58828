import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { ZodError } from 'zod'
import type { AppEnv } from './env'
import { zodFailure } from './errors'

// Shared pieces of every LinkCy router: the validation hook (zod → LinkCy 400), the error
// response schemas, paging, and small schema builders with LinkCy's conventions.

/** A router whose request validation failures become LinkCy 400 bodies. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw zodFailure(result.error as unknown as ZodError, (result as { data?: unknown }).data)
    },
  })
}

/** An instant on the wire: an ISO-8601 UTC string (see iso()). */
export const dateTime = z.string().openapi({ format: 'date-time' })

export const BadRequestSchema = z
  .object({
    details: z.array(z.object({ field: z.string(), rejectedValue: z.string(), message: z.string() })),
    errorCode: z.string().optional(),
    error: z.literal('linkcy.bad.request'),
    status: z.literal(400),
    timestamp: dateTime,
  })
  .openapi('LinkcyBadRequest')

const businessError = (kind: string, status: number, name: string, withCode: boolean) =>
  z
    .object({
      ...(withCode ? { errorCode: z.string() } : { errorCode: z.string().optional() }),
      message: z.string(),
      error: z.literal(kind),
      status: z.literal(status),
      timestamp: dateTime,
    })
    .openapi(name)

export const UnauthorizedSchema = businessError('linkcy.unauthorized', 401, 'LinkcyUnauthorized', false)
export const ForbiddenSchema = businessError('linkcy.forbidden', 403, 'LinkcyForbidden', false)
export const NotFoundSchema = businessError('linkcy.not.found', 404, 'LinkcyNotFound', false)
export const ConflictSchema = businessError('linkcy.conflict', 409, 'LinkcyConflict', true)

const ERROR_RESPONSES = {
  400: { description: 'Bad Request', content: { 'application/json': { schema: BadRequestSchema } } },
  401: { description: 'Unauthorized', content: { 'application/json': { schema: UnauthorizedSchema } } },
  403: { description: 'Forbidden', content: { 'application/json': { schema: ForbiddenSchema } } },
  404: { description: 'Not Found', content: { 'application/json': { schema: NotFoundSchema } } },
  409: { description: 'Conflict', content: { 'application/json': { schema: ConflictSchema } } },
} as const

type ErrorStatus = keyof typeof ERROR_RESPONSES

/** The error responses an operation documents (400, 401 and 403 are always there). */
export function errorResponses<S extends ErrorStatus>(...extra: S[]): Pick<typeof ERROR_RESPONSES, 400 | 401 | 403 | S> {
  const out: Partial<typeof ERROR_RESPONSES> = {}
  for (const s of [400, 401, 403, ...extra] as ErrorStatus[]) Object.assign(out, { [s]: ERROR_RESPONSES[s] })
  return out as Pick<typeof ERROR_RESPONSES, 400 | 401 | 403 | S>
}

/** A JSON request body (always required: a missing or non-JSON body is a 400). */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const
}

/** A JSON response. */
export function json<T extends z.ZodType>(schema: T, description = 'OK') {
  return { description, content: { 'application/json': { schema } } } as const
}

export const noContent = { description: 'No Content' } as const

/** The `{id}` a create or update answers, under the reference's schema name for that operation. */
export const idResponse = (name: string) => z.object({ id: z.string().uuid() }).openapi(name)

/** A uuid path or body id (LinkCy rejects non-uuid ids with a 400). */
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A uuid path, query or body id. Like Java's UUID.fromString (LinkCy's backend), any case and any
 * version are accepted, and the id is lower-cased so an upper-case id finds its resource.
 */
export const uuid = () =>
  z
    .string()
    .refine((s) => UUID_TEXT.test(s), 'must be a valid UUID')
    .transform((s) => s.toLowerCase())
    .openapi({ type: 'string', format: 'uuid' })

/** A query parameter that may be repeated (a=X&a=Y) or comma-separated (a=X,Y), like Spring does. */
export function queryList<T extends z.ZodType>(item: T) {
  return z
    .preprocess(
      (v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).filter((s) => s !== '')),
      z.array(item).optional(),
    )
    .openapi({ type: 'array', items: listItemSchema(item) as never })
}

/** The documented item of a queryList: an enum's values are listed, other items stay untyped. */
function listItemSchema(item: z.ZodType): Record<string, unknown> {
  const options = (item as { options?: unknown }).options
  return Array.isArray(options) ? { type: 'string', enum: options } : {}
}

/**
 * A boolean query parameter bound as Spring binds it: true/on/yes/1 and false/off/no/0, any case;
 * anything else is a 400.
 */
export function queryBoolean() {
  return single(
    z.preprocess((v) => {
      const text = typeof v === 'string' ? v.toLowerCase() : v
      if (text === 'true' || text === 'on' || text === 'yes' || text === '1') return true
      if (text === 'false' || text === 'off' || text === 'no' || text === '0') return false
      return v
    }, z.boolean().optional()),
    { type: 'boolean' },
  )
}

/** page / pageSize / sortDirection / sortAttribute of LinkCy's list operations. */
export function pagingQuery<S extends readonly [string, ...string[]]>(sortAttributes: S) {
  return {
    sortAttribute: single(z.enum(sortAttributes).optional(), { type: 'string', enum: [...sortAttributes] }),
    sortDirection: single(z.enum(['ASC', 'DESC']).optional(), { type: 'string', enum: ['ASC', 'DESC'] }),
    page: single(z.coerce.number().int().min(0).max(500).default(0), { type: 'integer', minimum: 0, maximum: 500, default: 0 }),
    pageSize: single(z.coerce.number().int().min(1).max(100).default(20), { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
  }
}

/**
 * A single-valued query parameter bound as Spring binds it: a repeated parameter takes its first
 * value, and an empty one (pageSize=) counts as absent.
 */
export function single<T extends z.ZodType>(schema: T, doc: Record<string, unknown>) {
  return z
    .preprocess((v) => {
      const first: unknown = Array.isArray(v) ? v[0] : v
      return first === '' ? undefined : first
    }, schema)
    .openapi(doc as never)
}

/** LinkCy's page envelope. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ content: z.array(item), totalElements: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
}

export interface PageRequest {
  page: number
  pageSize: number
}

/** LinkCy's page envelope of one page of rows read by the state (state/paging.ts), each presented. */
export function presentPage<R, T>(found: { rows: R[]; total: number }, present: (row: R) => T, req: PageRequest) {
  return { content: found.rows.map((row) => present(row)), totalElements: found.total, page: req.page, pageSize: req.pageSize }
}

/** Slices an already filtered and sorted list into LinkCy's page envelope. */
export function toPage<T>(items: T[], req: PageRequest): { content: T[]; totalElements: number; page: number; pageSize: number } {
  const start = req.page * req.pageSize
  return { content: items.slice(start, start + req.pageSize), totalElements: items.length, page: req.page, pageSize: req.pageSize }
}

/** ISO-8601 UTC string of a stored epoch-ms instant (undefined stays undefined). */
export function iso(ms: number): string
export function iso(ms: number | null | undefined): string | undefined
export function iso(ms: number | null | undefined): string | undefined {
  return ms === null || ms === undefined ? undefined : new Date(ms).toISOString()
}

/** Drops undefined and null members so responses omit absent optional fields, as LinkCy does. */
export { compact } from '../state/objects'
