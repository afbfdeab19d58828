import { createApp, type App } from '../../src/app'
import { loadScenario, readScenarioFile, DEFAULT_SCENARIO, type LoadedScenario } from '../../src/scenarios/loader'
import { openStore, type Store } from '../../src/state/store'

export const SANDBOX = { partnerName: 'sandbox', username: 'partner@sandbox.test', password: 'Sandbox-Password-1' }
export const OTHER = { partnerName: 'other-sandbox', username: 'partner@other.test', password: 'Other-Password-1' }

export interface TestWorld {
  app: App
  store: Store
  loaded: LoadedScenario
  /** JSON request helper: body is serialised, the token (if any) sent as Bearer. */
  call(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<Response>
  /** Logs in as a partner user and returns the access token. */
  partnerToken(who?: { partnerName: string; username: string; password: string }): Promise<string>
}

/** An in-memory simulator with a scenario file (default: fixtures/default.json), a fixed seed and a frozen clock. */
export function makeWorld(options: { seed?: number; now?: string; scenarioFile?: string } = {}): TestWorld {
  const store = openStore({ dbPath: ':memory:', seed: options.seed ?? 42 })
  store.clock.freeze(Date.parse(options.now ?? '2026-01-15T10:00:00Z'))
  const scenario = readScenarioFile(options.scenarioFile ?? DEFAULT_SCENARIO)
  const loaded = loadScenario(store, scenario)
  const app = createApp(store, { scenario })
  const call = requester(app)
  return { app, store, loaded, call, partnerToken: (who = SANDBOX) => partnerLogin(call, who) }
}

/** The JSON request helper of a test app: body serialised (as JSON unless a Content-Type is given), token sent as Bearer. */
export function requester(app: App): TestWorld['call'] {
  return (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) }
    if (opts.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json'
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`
    const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
    return Promise.resolve(app.request(path, { method, headers, body }))
  }
}

/** Logs in as a partner user and returns the access token (throws unless 200). */
export async function partnerLogin(call: TestWorld['call'], who: { partnerName: string; username: string; password: string } = SANDBOX): Promise<string> {
  const res = await call('POST', '/api/partner/login', { body: who })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

/** Decodes a JWT payload (no verification: tests inspect what the simulator issued). */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>
}

/** Asserts the common LinkCy error envelope and returns the body. */
export async function errorBody(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>
  if (typeof body.timestamp !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(body.timestamp)) {
    throw new Error(`error body without an ISO-8601 UTC timestamp: ${JSON.stringify(body)}`)
  }
  if (body.status !== res.status) throw new Error(`error body status ${String(body.status)} differs from HTTP ${res.status}`)
  return body
}
