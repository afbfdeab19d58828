import { describe, expect, it } from 'vitest'
import { makeWorld, SANDBOX, type TestWorld } from '../helpers/app'
import { canSeedConsumers, consumerBody, serves, simulatorDoc, type Json } from './support'

// Same seed + same requests = same world: ids, tokens, secrets and bodies are identical, and so is
// every row of the database. A refused request leaves no trace in the id stream. The script uses
// whatever the simulator serves (consumers once POST /api/partner/consumers exists).

interface Exchange {
  request: string
  status: number
  body: string
}

const EXTRA_USER = { partnerName: 'det', username: 'ops@det.test', password: 'Det-Password-1' }

async function runScript(w: TestWorld, options: { withFailures?: boolean } = {}): Promise<Exchange[]> {
  const doc = await simulatorDoc(w.app)
  const log: Exchange[] = []
  const send = async (method: string, path: string, opts: { body?: unknown; token?: string } = {}) => {
    const res = await w.call(method, path, opts)
    const body = await res.text()
    log.push({ request: `${method} ${path}`, status: res.status, body })
    return body ? (JSON.parse(body) as Json) : {}
  }
  const fail = async (method: string, path: string, opts: { body?: unknown; token?: string } = {}) => {
    // A refused request, sent only by the "withFailures" run and left out of its transcript.
    const res = await w.call(method, path, opts)
    expect(res.status).toBeGreaterThanOrEqual(400)
  }

  const login = await send('POST', '/api/partner/login', { body: SANDBOX })
  await send('POST', '/api/partner/refresh', { body: { refreshToken: login.refreshToken } })
  await send('POST', '/api/partner/login', { body: { ...SANDBOX, password: 'wrong' } })
  if (options.withFailures) await fail('POST', '/_sim/scenarios', { body: { partners: [{ name: 'fresh', users: [{ email: 'a@fresh.test', password: 'Password-1' }] }, { name: 'sandbox', users: [{ email: SANDBOX.username, password: SANDBOX.password }] }] } })

  const consumers = canSeedConsumers() ? [{ ref: 'alice', firstName: 'Alice', lastName: 'Martin', phone: { countryCode: '33', number: '699000001' } }] : []
  await send('POST', '/_sim/scenarios', {
    body: { partners: [{ name: 'det', users: [{ email: EXTRA_USER.username, password: EXTRA_USER.password }], consumers }] },
  })
  const token = (await send('POST', '/api/partner/login', { body: EXTRA_USER })).token as string

  if (serves(doc, 'POST', '/api/partner/consumers')) {
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      if (options.withFailures && i === 1) await fail('POST', '/api/partner/consumers', { token, body: consumerBody(0) }) // phone taken
      ids.push((await send('POST', '/api/partner/consumers', { token, body: consumerBody(i) })).id as string)
    }
    if (serves(doc, 'GET', '/api/partner/consumers/{consumerId}')) await send('GET', `/api/partner/consumers/${ids[1]}`, { token })
    if (serves(doc, 'GET', '/api/partner/consumers')) await send('GET', '/api/partner/consumers?pageSize=10', { token })
  }
  await send('GET', '/api/partner/nowhere', { token })
  return log
}

/** Every row of every table (the clock entry of sim_meta holds a real-time offset, so it is left out). */
function dump(w: TestWorld): Record<string, unknown[]> {
  const tables = w.store.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[]
  const out: Record<string, unknown[]> = {}
  for (const { name } of tables) {
    const rows = w.store.sqlite.prepare(`SELECT * FROM "${name}"`).all() as Json[]
    out[name] = rows
      .filter((r) => !(name === 'sim_meta' && r.key === 'clock'))
      .map((r) => JSON.stringify(r))
      .sort()
  }
  return out
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g

function idsIn(log: Exchange[]): string[] {
  return log.flatMap((e) => e.body.match(UUID) ?? [])
}

describe('determinism', () => {
  it('same seed and same requests: identical ids, tokens, bodies and database rows', async () => {
    const a = makeWorld({ seed: 7 })
    const b = makeWorld({ seed: 7 })
    const logA = await runScript(a)
    const logB = await runScript(b)
    expect(logA.length).toBeGreaterThanOrEqual(6)
    expect(logB).toEqual(logA)
    expect(idsIn(logA).length).toBeGreaterThan(0)
    expect(dump(b)).toEqual(dump(a))
  })

  it('another seed: other ids and tokens', async () => {
    const logA = await runScript(makeWorld({ seed: 7 }))
    const logC = await runScript(makeWorld({ seed: 8 }))
    const shape = (log: Exchange[]) => log.map((e) => [e.request.replace(UUID, '{id}'), e.status])
    expect(shape(logC)).toEqual(shape(logA))
    const idsA = new Set(idsIn(logA))
    expect(idsIn(logC).filter((id) => idsA.has(id))).toEqual([])
    expect(logC[0]!.body).not.toBe(logA[0]!.body) // the login's token pair
  })

  it('a refused request leaves no trace: the ids that follow are the same as without it', async () => {
    const a = makeWorld({ seed: 7 })
    const b = makeWorld({ seed: 7 })
    const clean = await runScript(a)
    const withFailures = await runScript(b, { withFailures: true })
    expect(withFailures).toEqual(clean)
    expect(dump(b)).toEqual(dump(a))
  })

  it('the seed also fixes the default world: partner and account ids', () => {
    const a = makeWorld({ seed: 123 })
    const b = makeWorld({ seed: 123 })
    const c = makeWorld({ seed: 124 })
    expect(b.loaded).toEqual(a.loaded)
    expect(c.loaded.partners.sandbox!.id).not.toBe(a.loaded.partners.sandbox!.id)
  })
})
