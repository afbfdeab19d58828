import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

// Checks simulator responses against LinkCy's own reference description (../shared, beside the
// repo). CI has it; a fresh clone may not: then these checks are skipped, and say so once.

const REFERENCE = fileURLToPath(new URL('../../../shared/linkcy-openapi/openapi.json', import.meta.url))
export const hasReference = existsSync(REFERENCE)

type Json = Record<string, unknown>
let spec: Json | undefined
let ajv: Ajv | undefined
const compiled = new Map<string, ValidateFunction>()
let warned = false

function load(): { spec: Json; ajv: Ajv } {
  if (!spec || !ajv) {
    spec = JSON.parse(readFileSync(REFERENCE, 'utf8')) as Json
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true })
    addFormats.default(ajv)
    // The reference's components become one schema so $refs resolve.
    ajv.addSchema({ $id: 'linkcy', components: (spec as { components: Json }).components } as Json)
  }
  return { spec, ajv }
}

/** The reference's response schema for an operation and status (undefined when none is documented). */
export function referenceSchema(method: string, path: string, status: number): Json | undefined {
  const { spec } = load()
  const op = ((spec.paths as Json)[path] as Json | undefined)?.[method.toLowerCase()] as Json | undefined
  if (!op) throw new Error(`reference has no operation ${method} ${path}`)
  let response = (op.responses as Json)[String(status)] as Json | undefined
  if (!response) throw new Error(`reference does not document ${status} for ${method} ${path}`)
  while (response.$ref) response = resolve(spec, response.$ref as string)
  const media = Object.values((response.content as Json | undefined) ?? {})[0] as Json | undefined
  return media?.schema as Json | undefined
}

function resolve(spec: Json, ref: string): Json {
  return ref.split('/').slice(1).reduce<Json>((o, k) => o[k] as Json, spec)
}

function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs)
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `linkcy${v}` : rewriteRefs(v)]))
  }
  return schema
}

/**
 * Validation errors of `body` against the reference schema of (method, path, status); [] when it
 * matches. Without the reference: [] and a one-time notice that schema checks are skipped.
 */
export function referenceErrors(method: string, path: string, status: number, body: unknown): string[] {
  if (!hasReference) {
    if (!warned) console.warn(`[reference] ${REFERENCE} not found: response-schema checks against LinkCy's reference are SKIPPED`)
    warned = true
    return []
  }
  const key = `${method} ${path} ${status}`
  let validate = compiled.get(key)
  if (!validate) {
    const schema = referenceSchema(method, path, status)
    validate = load().ajv.compile(schema ? (rewriteRefs(schema) as Json) : {})
    compiled.set(key, validate)
  }
  if (validate(body)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}
