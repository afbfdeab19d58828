import { beforeAll, describe, expect, it } from 'vitest'
import { makeWorld } from '../helpers/app'
import { deref, operationsOf, simulatorDoc, type Json, type Operation } from './support'

// Junk against every operation of the simulator's own /openapi.json, sent with a valid partner token:
// the answer is a LinkCy 4xx error body, never a 500. The table is built from the document, so it
// covers new routes as they are added.

const world = makeWorld()
const doc = await simulatorDoc(world.app)
let token = ''
beforeAll(async () => {
  token = await world.partnerToken()
})

const SOME_ID = '00000000-0000-4000-8000-000000000000'
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/

interface Junk {
  name: string
  /** reject: must be a 4xx. survive: may succeed, but never 5xx (and errors keep LinkCy's shape). */
  expect: 'reject' | 'survive'
  path?: Record<string, string>
  query?: string
  headers?: Record<string, string>
  body?: string
  contentType?: string
}

type Param = { name: string; in: string; schema?: Json }

function paramsOf(op: Json): Param[] {
  return ((op.parameters ?? []) as Json[]).map((p) => (deref(doc, p) ?? p) as unknown as Param)
}

function enumOf(schema: Json | undefined): unknown[] | undefined {
  const s = deref(doc, schema)
  if (!s) return undefined
  if (Array.isArray(s.enum)) return s.enum
  if (s.type === 'array') return enumOf(s.items as Json | undefined)
  return undefined
}

function bodySchema(op: Json): Json | undefined {
  const content = (op.requestBody as Json | undefined)?.content as Json | undefined
  const schema = deref(doc, (content?.['application/json'] as Json | undefined)?.schema)
  const branch = (schema?.anyOf ?? schema?.oneOf) as Json[] | undefined
  return branch ? deref(doc, branch[0]) : schema
}

/** A value of the wrong JSON type for a property. */
function wrongType(schema: Json | undefined): unknown {
  const s = deref(doc, schema) ?? {}
  switch (s.type) {
    case 'string':
      return 12345
    case 'integer':
    case 'number':
      return 'not-a-number'
    case 'boolean':
      return 'maybe'
    case 'array':
      return 'not-an-array'
    default:
      return 'not-an-object'
  }
}

function junkFor({ op }: Operation): Junk[] {
  const params = paramsOf(op)
  const out: Junk[] = []
  const pathParams = params.filter((p) => p.in === 'path')
  for (const p of pathParams) {
    out.push({ name: `path ${p.name}=not-a-uuid`, expect: 'reject', path: { [p.name]: 'not-a-uuid' } })
    out.push({ name: `path ${p.name}=sql-ish`, expect: 'reject', path: { [p.name]: encodeURIComponent("' OR 1=1 --") } })
  }
  const query = params.filter((p) => p.in === 'query')
  if (query.some((p) => p.name === 'page')) {
    out.push({ name: 'page=-1', expect: 'reject', query: 'page=-1' })
    out.push({ name: 'page=abc', expect: 'reject', query: 'page=abc' })
  }
  if (query.some((p) => p.name === 'pageSize')) {
    out.push({ name: 'pageSize=101', expect: 'reject', query: 'pageSize=101' })
    out.push({ name: 'pageSize=0', expect: 'reject', query: 'pageSize=0' })
  }
  for (const p of query) {
    if (enumOf(p.schema)) out.push({ name: `query ${p.name}=unknown enum`, expect: 'reject', query: `${p.name}=NOT_AN_ENUM_VALUE` })
    const format = deref(doc, p.schema)?.format
    if (format === 'uuid' || format === 'date-time' || format === 'date') out.push({ name: `query ${p.name}=bad ${format}`, expect: 'reject', query: `${p.name}=garbage` })
  }
  out.push({ name: 'huge query string', expect: 'survive', query: query.map((p) => `${p.name}=${'x'.repeat(3000)}`).join('&') })
  for (const h of params.filter((p) => p.in === 'header' && enumOf(p.schema))) {
    out.push({ name: `header ${h.name}=unknown enum`, expect: 'reject', headers: { [h.name]: 'NOT_AN_ENUM_VALUE' } })
  }
  if (op.requestBody) {
    out.push({ name: 'malformed JSON', expect: 'reject', body: '{"a": [1, 2', contentType: 'application/json' })
    out.push({ name: 'wrong content type', expect: 'reject', body: 'a=1&b=2', contentType: 'text/plain' })
    out.push({ name: 'form content type', expect: 'reject', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' })
    out.push({ name: 'no body', expect: 'reject', contentType: 'application/json' })
    out.push({ name: 'JSON array body', expect: 'reject', body: '[]', contentType: 'application/json' })
    out.push({ name: 'JSON null body', expect: 'reject', body: 'null', contentType: 'application/json' })
    out.push({ name: 'JSON string body', expect: 'reject', body: '"hello"', contentType: 'application/json' })
    const props = Object.entries((bodySchema(op)?.properties ?? {}) as Record<string, Json>)
    if (props.length > 0) {
      const confused = Object.fromEntries(props.map(([k, s]) => [k, wrongType(s)]))
      out.push({ name: 'every field of the wrong type', expect: 'reject', body: JSON.stringify(confused), contentType: 'application/json' })
      const huge = Object.fromEntries(props.map(([k]) => [k, 'x'.repeat(20_000)]))
      out.push({ name: 'every field a huge string', expect: 'reject', body: JSON.stringify(huge), contentType: 'application/json' })
      const nested = Object.fromEntries(props.map(([k]) => [k, { a: [{ b: { c: [null, true, 1e308] } }] }]))
      out.push({ name: 'every field a nested object', expect: 'survive', body: JSON.stringify(nested), contentType: 'application/json' })
    }
  }
  return out
}

function urlOf(operation: Operation, junk: Junk): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => junk.path?.[name] ?? SOME_ID)
  return junk.query ? `${path}?${junk.query}` : path
}

async function send(operation: Operation, junk: Junk): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` }
  if (paramsOf(operation.op).some((p) => p.in === 'header' && p.name === 'Linkcy-SCA-Strategy')) headers['Linkcy-SCA-Strategy'] = 'BY_PASS'
  if (junk.contentType) headers['Content-Type'] = junk.contentType
  Object.assign(headers, junk.headers)
  return world.app.request(urlOf(operation, junk), { method: operation.method, headers, body: junk.body })
}

const cases = operationsOf(doc).flatMap((operation) =>
  junkFor(operation).map((junk) => ({ label: `${operation.method} ${operation.path}: ${junk.name}`, operation, junk })),
)

describe('robustness: junk never breaks the simulator', () => {
  it('the document lists operations, and junk cases were built for them', () => {
    expect(operationsOf(doc).length).toBeGreaterThan(0)
    expect(cases.length).toBeGreaterThan(operationsOf(doc).length)
  })

  it.each(cases)('$label', async ({ operation, junk }) => {
    const res = await send(operation, junk)
    const text = await res.text()
    const where = `${operation.method} ${urlOf(operation, junk)} [${junk.name}] → ${res.status} ${text.slice(0, 300)}`
    expect(res.status, where).toBeLessThan(500)
    if (junk.expect === 'reject') expect(res.status, where).toBeGreaterThanOrEqual(400)
    if (res.status < 400) return
    const body = JSON.parse(text) as Json
    expect(typeof body.error === 'string' && body.error.startsWith('linkcy.'), where).toBe(true)
    expect(body.status, where).toBe(res.status)
    expect(typeof body.timestamp === 'string' && ISO.test(body.timestamp), where).toBe(true)
  })
})
