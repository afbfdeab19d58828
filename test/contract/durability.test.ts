import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { makeWorld, SANDBOX } from '../helpers/app'
import { consumerBody, serves, simulatorDoc, type Json } from './support'

// The real CLI on a real file: a clean stop (SIGTERM) and a crash (SIGKILL in the middle of a
// burst of writes) both keep every acknowledged write, the seed and the id stream.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'linkcy-sim-durability-'))
const running = new Set<ChildProcess>()

afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

interface Server {
  child: ChildProcess
  base: string
  seed: number
  exited: Promise<number | null>
}

/** Starts `src/main.ts` on an OS-chosen port and waits for its "listening on" line. */
function startServer(db: string, seed: number): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--port', '0', '--db', db, '--seed', String(seed), '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { running.delete(child); resolve(code) }))
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+) \(db .*, seed (\d+)\)/.exec(out)
      if (m) resolve({ child, base: m[1]!, seed: Number(m[2]), exited })
    })
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}\n${err}`)))
  })
}

async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} }
}

const partner = (name: string) => ({ partners: [{ name, users: [{ email: `ops@${name}.test`, password: 'Durable-Password-1' }] }] })
const loginOf = (name: string) => ({ partnerName: name, username: `ops@${name}.test`, password: 'Durable-Password-1' })

describe('durability of the real server', { timeout: 120_000 }, () => {
  it('a clean stop (SIGTERM) keeps the data, the seed and the id stream; a new --seed is ignored', async () => {
    const db = join(dir, 'clean.db')
    const first = await startServer(db, 7)
    expect(first.seed).toBe(7)
    const token = (await call(first.base, 'POST', '/api/partner/login', SANDBOX)).body.token as string
    const created = await call(first.base, 'POST', '/_sim/scenarios', partner('durable-a'))
    expect(created.status).toBe(201)
    const doc = await simulatorDoc(makeWorld().app)
    const withConsumers = serves(doc, 'POST', '/api/partner/consumers') && serves(doc, 'GET', '/api/partner/consumers/{consumerId}')
    const consumer = withConsumers ? await call(first.base, 'POST', '/api/partner/consumers', consumerBody(1), token) : undefined
    if (consumer) expect(consumer.status).toBe(201)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = await startServer(db, 99)
    expect(second.seed).toBe(7) // the stored seed wins
    expect((await call(second.base, 'POST', '/api/partner/login', loginOf('durable-a'))).status).toBe(200)
    const token2 = (await call(second.base, 'POST', '/api/partner/login', SANDBOX)).body.token as string
    if (consumer) {
      const read = await call(second.base, 'GET', `/api/partner/consumers/${consumer.body.id as string}`, undefined, token2)
      expect(read.status).toBe(200)
      expect(read.body.id).toBe(consumer.body.id)
    }
    const after = await call(second.base, 'POST', '/_sim/scenarios', partner('durable-b'))
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)

    // The id stream continued where it stopped: an in-memory world that made the same calls
    // without restarting hands out the same ids.
    const w = makeWorld({ seed: 7 })
    const t = ((await (await w.call('POST', '/api/partner/login', { body: SANDBOX })).json()) as Json).token as string
    const a = (await (await w.call('POST', '/_sim/scenarios', { body: partner('durable-a') })).json()) as Json
    if (consumer) await w.call('POST', '/api/partner/consumers', { token: t, body: consumerBody(1) })
    await w.call('POST', '/api/partner/login', { body: loginOf('durable-a') })
    await w.call('POST', '/api/partner/login', { body: SANDBOX })
    const b = (await (await w.call('POST', '/_sim/scenarios', { body: partner('durable-b') })).json()) as Json
    expect(created.body).toEqual(a)
    expect(after.body).toEqual(b)
  })

  it('a crash (SIGKILL) during a burst of writes loses no acknowledged write and leaves a sound file', async () => {
    const db = join(dir, 'crash.db')
    const server = await startServer(db, 11)
    const acknowledged: string[] = []
    let killed = false
    const writer = async (lane: number) => {
      for (let i = 0; !killed; i++) {
        const name = `burst-${lane}-${i}`
        try {
          const res = await call(server.base, 'POST', '/_sim/scenarios', partner(name))
          if (res.status === 201) acknowledged.push(name)
          else throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`)
        } catch (error) {
          if (killed) return
          throw error
        }
        if (acknowledged.length >= 60 && !killed) {
          killed = true
          server.child.kill('SIGKILL')
        }
      }
    }
    await Promise.all([0, 1, 2, 3, 4, 5].map(writer))
    await server.exited
    expect(acknowledged.length).toBeGreaterThanOrEqual(60)

    const sqlite = new Database(db)
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    const names = new Set((sqlite.prepare('SELECT name FROM partners').all() as { name: string }[]).map((r) => r.name))
    sqlite.close()
    expect(acknowledged.filter((n) => !names.has(n))).toEqual([])

    const again = await startServer(db, 11)
    for (const name of acknowledged.slice(-5)) expect((await call(again.base, 'POST', '/api/partner/login', loginOf(name))).status).toBe(200)
    again.child.kill('SIGTERM')
    expect(await again.exited).toBe(0)
  })
})
