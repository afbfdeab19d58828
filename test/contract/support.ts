import type { App } from '../../src/app'
import { loadScenario, parseScenario } from '../../src/scenarios/loader'
import { openStore } from '../../src/state/store'

// Helpers of the cross-cutting contract tests: which operations the simulator serves (read from its
// own /openapi.json, so the tests follow new routes automatically) and request bodies they reuse.

export type Json = Record<string, unknown>

export interface Operation {
  method: string
  /** OpenAPI path template, e.g. /api/partner/consumers/{consumerId} */
  path: string
  op: Json
}

/** The simulator's own OpenAPI document. */
export async function simulatorDoc(app: App): Promise<Json> {
  return (await (await app.request('/openapi.json')).json()) as Json
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete']

/** Every operation of an OpenAPI document. */
export function operationsOf(doc: Json): Operation[] {
  const out: Operation[] = []
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) if (item[method]) out.push({ method: method.toUpperCase(), path, op: item[method] as Json })
  }
  return out
}

/** Whether the simulator serves an operation (path parameter names ignored). */
export function serves(doc: Json, method: string, path: string): boolean {
  return operationsOf(doc).some((o) => o.method === method && samePath(o.path, path))
}

/** Path templates compared with their parameter names erased: /a/{id} equals /a/{consumerId}. */
export function samePath(a: string, b: string): boolean {
  return erase(a) === erase(b)
}

export function erase(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}')
}

/** Follows a local $ref of the document. */
export function deref(doc: Json, schema: unknown): Json | undefined {
  let cur = schema as Json | undefined
  for (let i = 0; cur && typeof cur.$ref === 'string' && i < 20; i++) {
    cur = (cur.$ref as string).split('/').slice(1).reduce<Json | undefined>((o, k) => o?.[k] as Json | undefined, doc)
  }
  return cur
}

/** A valid consumer creation body; `i` makes the phone unique. */
export function consumerBody(i: number): Json {
  return {
    firstName: 'Ada',
    lastName: `Lovelace${i}`,
    phone: { countryCode: '33', number: String(600_000_000 + i) },
    emailAddress: `ada${i}@example.test`,
  }
}

/** Whether scenario files can declare consumers yet (the consumer seeder may still be a placeholder). */
export function canSeedConsumers(): boolean {
  const store = openStore({ dbPath: ':memory:', seed: 1 })
  try {
    loadScenario(store, parseScenario({ partners: [{ name: 'probe', consumers: [{ ref: 'c', firstName: 'A', lastName: 'B', phone: { countryCode: '33', number: '611111111' } }] }] }))
    return true
  } catch {
    return false
  } finally {
    store.close()
  }
}
