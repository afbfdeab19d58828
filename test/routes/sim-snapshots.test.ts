import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { makeWorld, SANDBOX } from '../helpers/app'
import { createConsumer } from '../helpers/consumers'
import { advanceClock, balancesCents, fetchTransaction, insertBankingConsumer, insertBeneficiary, insertLedger, postTransfer, setPartnerSettings } from '../helpers/money'
import { deliveryLog, hookReceiver, subscribeReceiver } from '../helpers/webhooks'
import { dump, fileWorld, json } from '../helpers/snapshots'
import { flushWebhooks } from '../../src/state/webhooks'
import { consumerBody } from '../contract/support'

// /_sim/snapshots: take a copy of the whole world, change it, and come back — data, clock and id
// stream included; a failed restore changes nothing; file worlds keep their snapshots on disk.

const dir = mkdtempSync(join(tmpdir(), 'linkcy-sim-snapshots-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const notFound = (id: string) => ({ errorCode: 'SNAPSHOT_NOT_FOUND', message: `Snapshot ${id} was not found.`, error: 'linkcy.not.found', status: 404 })

/** A world whose tokens outlive the days the tests make pass, with a banking consumer, a 100 € ledger and a payee. */
async function bankingWorld() {
  const w = makeWorld()
  setPartnerSettings(w, 'sandbox', { accessTokenTtlSeconds: 365 * 24 * 3600 })
  const token = await w.partnerToken()
  const alice = insertBankingConsumer(w)
  const ledger = insertLedger(w, { consumerId: alice.id, available: 100 })
  const payee = insertBeneficiary(w, { consumerId: alice.id })
  return { w, token, ledger, payee }
}

describe('POST /_sim/snapshots/{id}/restore', () => {
  it('brings back the data, the clock and the id stream; jobs of the restored world run on its clock', async () => {
    const { w, token, ledger, payee } = await bankingWorld()
    const taken = await json(w, 201, 'POST', '/_sim/snapshots', { name: 'before payday' })
    expect(taken).toMatchObject({ name: 'before payday', createdAt: '2026-01-15T10:00:00.000Z', schemaVersion: expect.stringMatching(/^1-[0-9a-f]{16}$/) })
    expect(taken.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(taken.sizeBytes).toBeGreaterThan(4096)

    // The first timeline: a consumer, a SEPA transfer, two days (it settles).
    const consumerId = await createConsumer(w, consumerBody(1), token)
    const transfer = (await (await postTransfer(w, token, { amount: 30, ledgerFromId: ledger.id, beneficiaryId: payee.id })).json()) as { id: string }
    const refreshToken = ((await (await w.call('POST', '/api/partner/login', { body: SANDBOX })).json()) as { refreshToken: string }).refreshToken
    await advanceClock(w, 2 * 24 * 3600)
    expect((await fetchTransaction(w, token, transfer.id)).status).toBe('APPROVED')
    expect(balancesCents(w, ledger.id).total).toBe(7000)

    const restored = await json(w, 200, 'POST', `/_sim/snapshots/${taken.id as string}/restore`)
    expect(restored).toEqual({ id: taken.id, name: 'before payday', clock: { now: '2026-01-15T10:00:00.000Z', frozen: true } })
    expect(await json(w, 200, 'GET', '/_sim/clock')).toEqual({ now: '2026-01-15T10:00:00.000Z', frozen: true })
    expect((await w.call('GET', `/api/partner/consumers/${consumerId}`, { token })).status).toBe(404)
    expect((await w.call('GET', `/api/partner/transactions/${transfer.id}`, { token })).status).toBe(404)
    expect(balancesCents(w, ledger.id)).toEqual({ available: 10000, reserved: 0, total: 10000 })
    // The refresh token issued after the snapshot is gone with its row; the earlier access token still works.
    expect((await w.call('POST', '/api/partner/refresh', { body: { refreshToken } })).status).toBe(401)

    // The second timeline hands out the same ids, and the transfer settles on the restored clock.
    expect(await createConsumer(w, consumerBody(1), token)).toBe(consumerId)
    const again = (await (await postTransfer(w, token, { amount: 30, ledgerFromId: ledger.id, beneficiaryId: payee.id })).json()) as { id: string }
    expect(again.id).toBe(transfer.id)
    await advanceClock(w, 24 * 3600 - 1)
    expect((await fetchTransaction(w, token, again.id)).status).toBe('PENDING')
    await advanceClock(w, 1)
    expect(await fetchTransaction(w, token, again.id)).toMatchObject({ status: 'APPROVED', information: { clearingDate: '2026-01-16T10:00:00.000Z' } })
  })

  it('a webhook retry scheduled in the snapshot runs again from the restored clock, with the same svix-id', async () => {
    const w = makeWorld()
    const rx = await hookReceiver(w)
    rx.answers.push(500)
    await subscribeReceiver(w, rx)
    await createConsumer(w, consumerBody(2), await w.partnerToken())
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(1) // failed: a retry is due 5 s later
    const { id } = await json(w, 201, 'POST', '/_sim/snapshots')
    await advanceClock(w, 5)
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(2)
    expect((await deliveryLog(w))[0]!.status).toBe('DELIVERED')

    await json(w, 200, 'POST', `/_sim/snapshots/${id as string}/restore`)
    expect((await deliveryLog(w))[0]).toMatchObject({ status: 'PENDING', attempts: [{ attempt: 1, status: 'FAILED', responseCode: 500 }] })
    await advanceClock(w, 4)
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(2)
    await advanceClock(w, 1)
    await flushWebhooks(w.store)
    expect(rx.received).toHaveLength(3)
    expect(rx.received[2]!.headers['svix-id']).toBe(rx.received[1]!.headers['svix-id'])
    const [message] = await deliveryLog(w)
    expect(message!.status).toBe('DELIVERED')
    expect(Date.parse(message!.attempts[1].at) - Date.parse(message!.attempts[0].at)).toBe(5000)
  })

  it('a running clock resumes from the snapshot instant, still running', async () => {
    const w = makeWorld()
    w.store.clock.unfreeze()
    const { id, createdAt } = await json(w, 201, 'POST', '/_sim/snapshots')
    await advanceClock(w, 3 * 24 * 3600)
    const { clock } = (await json(w, 200, 'POST', `/_sim/snapshots/${id as string}/restore`)) as { clock: { now: string; frozen: boolean } }
    expect(clock.frozen).toBe(false)
    expect(Date.parse(clock.now) - Date.parse(createdAt as string)).toBeGreaterThanOrEqual(0)
    expect(Date.parse(clock.now) - Date.parse(createdAt as string)).toBeLessThan(5000)
  })

  it('is atomic: a failure in the middle of the copy leaves every table, the clock and the id stream as they were', async () => {
    const w = makeWorld()
    const { id } = await json(w, 201, 'POST', '/_sim/snapshots')
    await createConsumer(w, consumerBody(3), await w.partnerToken())
    await advanceClock(w, 3600)
    const before = dump(w.store)
    const rng = w.store.rng.state
    // sim_meta is copied last: every other table has been replaced when this fires.
    w.store.sqlite.exec("CREATE TEMP TRIGGER break_copy BEFORE INSERT ON main.sim_meta WHEN NEW.key = 'seed' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    const res = await w.call('POST', `/_sim/snapshots/${id as string}/restore`)
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({
      errorCode: 'SNAPSHOT_NOT_RESTORABLE', message: `Snapshot ${id as string} cannot be restored: disk on fire. The world is unchanged.`, error: 'linkcy.conflict', status: 409,
    })
    expect(dump(w.store)).toEqual(before)
    expect(w.store.rng.state).toEqual(rng)
    expect(w.store.clock.iso()).toBe('2026-01-15T11:00:00.000Z')
    expect(w.store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    w.store.sqlite.exec('DROP TRIGGER temp.break_copy')
    expect((await json(w, 200, 'POST', `/_sim/snapshots/${id as string}/restore`)).clock).toEqual({ now: '2026-01-15T10:00:00.000Z', frozen: true })
  })

  it('409 SNAPSHOT_SCHEMA_MISMATCH for a snapshot taken under another migration', async () => {
    const w = makeWorld()
    const { id, schemaVersion } = await json(w, 201, 'POST', '/_sim/snapshots')
    w.store.sqlite.exec("UPDATE __drizzle_migrations SET hash = 'abcdef0123456789abcdef'") // as if the simulator had been upgraded
    const res = await w.call('POST', `/_sim/snapshots/${id as string}/restore`)
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({
      errorCode: 'SNAPSHOT_SCHEMA_MISMATCH', error: 'linkcy.conflict', status: 409,
      message: `Snapshot ${id as string} was taken with database schema ${schemaVersion as string}; this simulator runs schema 1-abcdef0123456789 and cannot restore it.`,
    })
  })
})

describe('/_sim/snapshots: listing, reading, deleting', () => {
  it('lists newest first, reads one, deletes (204, then 404); unknown or malformed ids are 404s; bad bodies 400', async () => {
    const w = makeWorld()
    const first = await json(w, 201, 'POST', '/_sim/snapshots', { name: 'first' })
    await advanceClock(w, 60)
    const second = await json(w, 201, 'POST', '/_sim/snapshots')
    expect(second).toMatchObject({ name: null, createdAt: '2026-01-15T10:01:00.000Z' })
    expect(second.id).not.toBe(first.id)
    expect(await json(w, 200, 'GET', '/_sim/snapshots')).toEqual({ content: [second, first], totalElements: 2 })
    expect(await json(w, 200, 'GET', `/_sim/snapshots/${first.id as string}`)).toEqual(first)
    expect(await json(w, 200, 'GET', `/_sim/snapshots/${(first.id as string).toUpperCase()}`)).toEqual(first)

    expect(await json(w, 204, 'DELETE', `/_sim/snapshots/${first.id as string}`)).toEqual({})
    expect(await json(w, 404, 'DELETE', `/_sim/snapshots/${first.id as string}`)).toMatchObject(notFound(first.id as string))
    expect(await json(w, 404, 'POST', `/_sim/snapshots/${first.id as string}/restore`)).toMatchObject(notFound(first.id as string))
    expect(await json(w, 404, 'GET', '/_sim/snapshots/..%2F..%2Fetc')).toMatchObject(notFound('../../etc'))
    expect(await json(w, 200, 'GET', '/_sim/snapshots')).toEqual({ content: [second], totalElements: 1 })
    // A new snapshot never reuses a deleted one's id.
    expect((await json(w, 201, 'POST', '/_sim/snapshots')).id).not.toBe(first.id)

    expect(await json(w, 400, 'POST', '/_sim/snapshots', { name: 5 })).toMatchObject({ details: [{ field: 'name', message: 'must be of type string' }] })
    expect(await json(w, 400, 'POST', '/_sim/snapshots', { name: 'x'.repeat(201) })).toMatchObject({ errorCode: 'TOO_LONG_FIELD' })
  })

  it('taking a snapshot leaves the world and its id stream untouched; POST /_sim/reset keeps snapshots', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const before = dump(w.store)
    const rng = w.store.rng.state
    const { id } = await json(w, 201, 'POST', '/_sim/snapshots')
    expect(dump(w.store)).toEqual(before)
    expect(w.store.rng.state).toEqual(rng)
    const consumerId = await createConsumer(w, consumerBody(4), token)
    await json(w, 200, 'POST', '/_sim/reset')
    expect((await json(w, 200, 'GET', '/_sim/snapshots')).totalElements).toBe(1)
    await json(w, 200, 'POST', `/_sim/snapshots/${id as string}/restore`)
    expect(dump(w.store)).toEqual(before)
    expect(await createConsumer(w, consumerBody(4), token)).toBe(consumerId)
  })
})

describe('snapshots of a file world', () => {
  it('live in <db>.snapshots/, hold no other snapshot, survive reopening the store, and restore there', async () => {
    const path = join(dir, 'world.db')
    let w = fileWorld(path)
    const token = await w.partnerToken()
    const snap = await json(w, 201, 'POST', '/_sim/snapshots', { name: 'on disk' })
    const second = await json(w, 201, 'POST', '/_sim/snapshots')
    const file = join(`${path}.snapshots`, `${snap.id as string}.db`)
    expect(existsSync(file)).toBe(true)
    expect(existsSync(join(`${path}.snapshots`, `${snap.id as string}.json`))).toBe(true)
    expect(Math.abs((second.sizeBytes as number) - (snap.sizeBytes as number))).toBeLessThan(4096) // no snapshot inside the next
    const copy = new Database(file, { readonly: true })
    const tables = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables(copy)).toEqual(tables(w.store.sqlite))
    copy.close()

    const consumerId = await createConsumer(w, consumerBody(5), token)
    await json(w, 200, 'POST', '/_sim/clock/advance', { seconds: 86_400 })
    w.store.close()

    w = fileWorld(path) // a restart
    expect((await json(w, 200, 'GET', '/_sim/snapshots')).content).toEqual([second, snap])
    expect((await json(w, 200, 'POST', `/_sim/snapshots/${snap.id as string}/restore`)).clock).toEqual({ now: '2026-01-15T10:00:00.000Z', frozen: true })
    // The access token of the first process names a partner user the snapshot holds: it still works.
    expect((await w.call('GET', `/api/partner/consumers/${consumerId}`, { token })).status).toBe(404)
    expect(await createConsumer(w, consumerBody(5), token)).toBe(consumerId) // same id stream, across the restart too
    expect(await json(w, 204, 'DELETE', `/_sim/snapshots/${second.id as string}`)).toEqual({})
    expect(existsSync(join(`${path}.snapshots`, `${second.id as string}.db`))).toBe(false)
    w.store.close()
  })

  it('a missing or corrupted snapshot file is a 409 and leaves the world unchanged', async () => {
    const path = join(dir, 'damaged.db')
    const w = fileWorld(path)
    const gone = await json(w, 201, 'POST', '/_sim/snapshots')
    const broken = await json(w, 201, 'POST', '/_sim/snapshots')
    const halfBroken = await json(w, 201, 'POST', '/_sim/snapshots')
    const older = await json(w, 201, 'POST', '/_sim/snapshots')
    await createConsumer(w, consumerBody(6), await w.partnerToken())
    const before = dump(w.store)

    rmSync(join(`${path}.snapshots`, `${gone.id as string}.db`))
    expect(await json(w, 409, 'POST', `/_sim/snapshots/${gone.id as string}/restore`)).toMatchObject({
      errorCode: 'SNAPSHOT_NOT_RESTORABLE', message: `Snapshot ${gone.id as string} cannot be restored: its database file is missing. The world is unchanged.`,
    })
    const file = join(`${path}.snapshots`, `${broken.id as string}.db`)
    const bytes = readFileSync(file)
    bytes.fill(0x5a, 100) // keep the header, scramble every page
    writeFileSync(file, bytes)
    const damaged = await json(w, 409, 'POST', `/_sim/snapshots/${broken.id as string}/restore`)
    expect(damaged).toMatchObject({ errorCode: 'SNAPSHOT_NOT_RESTORABLE', error: 'linkcy.conflict', status: 409 })
    expect(damaged.message).toMatch(new RegExp(`^Snapshot ${broken.id as string} cannot be restored: its database file is damaged \\(SQLITE_[A-Z_]+\\)\\. The world is unchanged\\.$`))
    // Only the partners table scrambled: tables before it (alphabetically) are already copied when it fails.
    const half = join(`${path}.snapshots`, `${halfBroken.id as string}.db`)
    const probe = new Database(half, { readonly: true })
    const root = probe.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'partners'").pluck().get() as number
    const pageSize = probe.pragma('page_size', { simple: true }) as number
    probe.close()
    const halfBytes = readFileSync(half)
    halfBytes.fill(0x5a, (root - 1) * pageSize, root * pageSize)
    writeFileSync(half, halfBytes)
    expect(await json(w, 409, 'POST', `/_sim/snapshots/${halfBroken.id as string}/restore`)).toMatchObject({
      errorCode: 'SNAPSHOT_NOT_RESTORABLE', message: `Snapshot ${halfBroken.id as string} cannot be restored: its database file is damaged (SQLITE_CORRUPT). The world is unchanged.`,
    })
    // A copy whose own migration journal says another schema (its metadata file was edited or copied).
    const journal = new Database(join(`${path}.snapshots`, `${older.id as string}.db`))
    journal.prepare("UPDATE __drizzle_migrations SET hash = '0123456789abcdef0123'").run()
    journal.close()
    expect(await json(w, 409, 'POST', `/_sim/snapshots/${older.id as string}/restore`)).toMatchObject({
      errorCode: 'SNAPSHOT_SCHEMA_MISMATCH',
      message: `Snapshot ${older.id as string} was taken with database schema 1-0123456789abcdef; this simulator runs schema ${older.schemaVersion as string} and cannot restore it.`,
    })
    expect(dump(w.store)).toEqual(before)
    expect(existsSync(join(`${path}.snapshots`, `${gone.id as string}.db`))).toBe(false) // ATTACH did not create it
    w.store.close()
  })
})

describe('snapshots of the real server (CLI)', { timeout: 60_000 }, () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url))
  /** Starts src/main.ts on a free port; resolves with its base URL and a stop() that waits for a clean exit. */
  const running = new Set<ChildProcess>()
  afterAll(() => running.forEach((child) => child.kill('SIGKILL')))
  const start = (db: string) => new Promise<{ base: string; stop: () => Promise<number | null> }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--port', '0', '--db', db, '--seed', '3', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(child)
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => { running.delete(child); done(code) }))
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/\S+) /.exec(out)
      if (m) resolve({ base: m[1]!, stop: () => (child.kill('SIGTERM'), exited) })
    })
    void exited.then((code) => reject(new Error(`server exited (${code}): ${out}`)))
  })
  const http = (base: string) => ({
    call: (method: string, path: string, opts: { body?: unknown } = {}) =>
      fetch(base + path, { method, headers: opts.body === undefined ? {} : { 'Content-Type': 'application/json' }, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }),
  })
  const later = { partners: [{ name: 'later', users: [{ email: 'ops@later.test', password: 'Later-Password-1' }] }] }
  const loginLater = { partnerName: 'later', username: 'ops@later.test', password: 'Later-Password-1' }

  it('a snapshot taken before a restart restores after it', async () => {
    const db = join(dir, 'cli', 'world.db')
    const first = await start(db)
    const snap = await json(http(first.base), 201, 'POST', '/_sim/snapshots', { name: 'cli' })
    await json(http(first.base), 201, 'POST', '/_sim/scenarios', later)
    expect((await http(first.base).call('POST', '/api/partner/login', { body: loginLater })).status).toBe(200)
    expect(await first.stop()).toBe(0)

    const second = await start(db)
    expect((await json(http(second.base), 200, 'GET', '/_sim/snapshots')).content).toEqual([snap])
    await json(http(second.base), 200, 'POST', `/_sim/snapshots/${snap.id as string}/restore`)
    expect((await http(second.base).call('POST', '/api/partner/login', { body: loginLater })).status).not.toBe(200)
    expect((await http(second.base).call('POST', '/api/partner/login', { body: SANDBOX })).status).toBe(200)
    expect(await second.stop()).toBe(0)
    expect(existsSync(join(dir, 'cli', 'world.db.snapshots', `${snap.id as string}.db`))).toBe(true)
  })
})
