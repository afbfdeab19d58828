import { expect } from 'vitest'
import { createApp } from '../../src/app'
import { DEFAULT_SCENARIO, loadScenario, readScenarioFile } from '../../src/scenarios/loader'
import { openStore, type Store } from '../../src/state/store'
import { partnerLogin, requester, type TestWorld } from './app'

// Helpers of the /_sim/snapshots tests: a status-checked JSON call, a full dump of a world's rows,
// and a test world over a database file (snapshots of file worlds live on disk).

export type Json = Record<string, unknown>

/** Sends a JSON request, asserts its status (showing the body when it differs), answers the parsed body ({} when empty). */
export async function json(w: Pick<TestWorld, 'call'>, status: number, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await w.call(method, path, { body })
  const text = await res.text()
  expect(res.status, `${method} ${path}: ${text}`).toBe(status)
  return text ? (JSON.parse(text) as Json) : {}
}

/** Every row of every table (sim_meta included: the test clocks are frozen), for before/after comparisons. */
export function dump(store: Store): Record<string, unknown[]> {
  const tables = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  return Object.fromEntries(tables.map((name) => [name, store.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]))
}

/**
 * A TestWorld over a file database: when new, its clock frozen at the usual instant and the default
 * scenario loaded; when reopened, the world the file holds (as after a restart).
 */
export function fileWorld(path: string): TestWorld {
  const store = openStore({ dbPath: path, seed: 5 })
  const scenario = readScenarioFile(DEFAULT_SCENARIO)
  if (store.isNew) store.clock.freeze(Date.parse('2026-01-15T10:00:00Z'))
  const loaded = store.isNew ? loadScenario(store, scenario) : { partners: {} }
  const app = createApp(store, { scenario })
  const call = requester(app)
  return { app, store, loaded, call, partnerToken: () => partnerLogin(call) }
}
