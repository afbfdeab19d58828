import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { metaValue, tx, type Store } from '../../src/state/store'
import { flushWebhooks } from '../../src/state/webhooks'
import { makeWorld, SANDBOX, type TestWorld } from '../helpers/app'
import { consumerLogin, createConsumer } from '../helpers/consumers'
import { advanceClock, createdId, insertBankingConsumer, insertBeneficiary, insertLedger, postTransfer, setPartnerSettings } from '../helpers/money'
import { hookReceiver, subscribeReceiver } from '../helpers/webhooks'
import { dump, fileWorld, json, type Json } from '../helpers/snapshots'
import { consumerBody } from '../contract/support'

// /_sim/snapshots under the conditions a CI suite creates: requests racing a restore, restores
// after a reset or repeated, pending jobs, seeded replays, disk hygiene, large worlds, locked files.

const dir = mkdtempSync(join(tmpdir(), 'linkcy-sim-snapshots-edge-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const snapshot = async (w: Pick<TestWorld, 'call'>) => (await json(w, 201, 'POST', '/_sim/snapshots')).id as string
const restore = (w: Pick<TestWorld, 'call'>, id: string) => json(w, 200, 'POST', `/_sim/snapshots/${id}/restore`)
const ids = (store: Store, table: string) => store.sqlite.prepare(`SELECT id FROM "${table}" ORDER BY id`).pluck().all() as string[]

describe('a restore racing requests in flight', () => {
  it('no 5xx; every request sees one world or the other; the id stream stays in step with the database', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    const id = await snapshot(w)
    const atSnapshot = ids(w.store, 'consumers')
    const abandoned = [await createConsumer(w, consumerBody(1), token), await createConsumer(w, consumerBody(2), token)]
    // An end-user of the abandoned timeline, whose token outlives its row.
    const bob = await consumerLogin(w, '612345001')
    const pending: Promise<{ status: number; body: string }>[] = []
    const send = (method: string, path: string, body?: unknown, as = token) =>
      pending.push(w.call(method, path, { body, token: as }).then(async (r) => ({ status: r.status, body: await r.text() })))
    for (let i = 0; i < 30; i++) {
      send('POST', '/api/partner/consumers', consumerBody(100 + i))
      send('GET', `/api/partner/consumers/${abandoned[i % 2]!}`)
      send('PATCH', `/api/partner/consumers/${bob.id}`, { firstName: 'Bob' }, bob.token)
      if (i === 15) send('POST', `/_sim/snapshots/${id}/restore`)
      await new Promise((resolve) => setImmediate(resolve)) // let the requests interleave at their awaits
    }
    const answers = await Promise.all(pending)
    expect(answers.filter((a) => a.status >= 500)).toEqual([])
    expect(answers.find((a) => a.body.includes('"clock"'))).toBeDefined()

    const created = answers.filter((a) => a.status === 201).map((a) => JSON.parse(a.body) as { id: string; lastName: string })
    const now = ids(w.store, 'consumers')
    // Every consumer is the snapshot's or was answered 201. Nothing of the abandoned timeline survives:
    // its ids are handed out again (the restored id stream), but to the consumers created since.
    for (const consumer of now) expect([...atSnapshot, ...created.map((c) => c.id)]).toContain(consumer)
    const lastNames = w.store.sqlite.prepare('SELECT last_name FROM consumers').pluck().all()
    expect(lastNames).not.toContain('Lovelace1')
    expect(lastNames).not.toContain('Lovelace2')
    expect(w.store.sqlite.prepare("SELECT count(*) FROM consumers WHERE first_name = 'Bob'").pluck().get()).toBe(0)
    expect(w.store.sqlite.pragma('foreign_key_check')).toEqual([])
    expect(metaValue(w.store, 'rngCounter')).toBe(String(w.store.rng.state.counter))
    expect(await createConsumer(w, consumerBody(999), token)).not.toBeOneOf(now) // no id handed out twice
  })
})

describe('restore sequences', () => {
  it('right after /_sim/reset, twice in a row, and by the uppercase id: the same world each time', async () => {
    const w = makeWorld()
    const token = await w.partnerToken()
    await createConsumer(w, consumerBody(1), token)
    const id = await snapshot(w)
    const expected = dump(w.store)
    await createConsumer(w, consumerBody(2), token)
    await json(w, 200, 'POST', '/_sim/reset')
    expect((await restore(w, id)).clock).toEqual({ now: '2026-01-15T10:00:00.000Z', frozen: true })
    expect(dump(w.store)).toEqual(expected)
    await restore(w, id)
    expect(dump(w.store)).toEqual(expected)
    await createConsumer(w, consumerBody(3), token)
    await restore(w, id.toUpperCase())
    expect(dump(w.store)).toEqual(expected)
  })

  for (const running of [false, true]) {
    it(`pending jobs (ledger activation, SEPA settlement, webhook delivery) run exactly once after a restore (${running ? 'running' : 'frozen'} clock)`, async () => {
      const w = makeWorld()
      setPartnerSettings(w, 'sandbox', { accessTokenTtlSeconds: 365 * 24 * 3600 })
      const rx = await hookReceiver(w)
      await subscribeReceiver(w, rx)
      const token = await w.partnerToken()
      const alice = insertBankingConsumer(w)
      const from = insertLedger(w, { consumerId: alice.id, available: 100 })
      const payee = insertBeneficiary(w, { consumerId: alice.id })
      const ledgerId = await createdId(await w.call('POST', '/api/partner/ledgers', { token, body: { endUserId: alice.id, type: 'EUR_FRANCE' } }), '/api/partner/ledgers')
      expect((await postTransfer(w, token, { amount: 10, ledgerFromId: from.id, beneficiaryId: payee.id })).status).toBe(201)
      await flushWebhooks(w.store)
      if (running) w.store.clock.unfreeze()
      const id = await snapshot(w)
      const jobs = w.store.sqlite.prepare('SELECT kind, due_at FROM scheduled_jobs ORDER BY due_at').all()
      expect(jobs.map((j) => (j as { kind: string }).kind)).toEqual(['LEDGER_ACTIVATION', 'SEPA_SETTLEMENT'])
      const events = () => w.store.sqlite.prepare('SELECT event_type FROM webhook_messages ORDER BY rowid').pluck().all()

      await advanceClock(w, 3 * 86_400)
      await flushWebhooks(w.store)
      const firstTimeline = events()
      expect(firstTimeline).toEqual(['LEDGER_CREATED', 'TRANSACTION_CREATED', 'LEDGER_UPDATED', 'TRANSACTION_UPDATED'])
      const receivedBefore = rx.received.length

      await restore(w, id)
      expect(w.store.sqlite.prepare('SELECT kind, due_at FROM scheduled_jobs ORDER BY due_at').all()).toEqual(jobs)
      for (let i = 0; i < 3; i++) {
        await advanceClock(w, 3 * 86_400)
        await flushWebhooks(w.store)
      }
      expect(events()).toEqual(firstTimeline)
      expect(w.store.sqlite.prepare('SELECT count(*) FROM scheduled_jobs').pluck().get()).toBe(0)
      expect(rx.received.length - receivedBefore).toBe(2) // the activation and the settlement, once each
      const ledger = await w.call('GET', `/api/partner/ledgers/${ledgerId}`, { token })
      expect(((await ledger.json()) as Json).status).toBe('ACTIVE')
    })
  }

  it('a seeded script replayed after a restore answers byte-identical bodies (tokens and ids included)', async () => {
    const script = async (w: TestWorld, token: string, from: number): Promise<string[]> => {
      const out: string[] = []
      for (let i = 0; i < 3; i++) out.push(await (await w.call('POST', '/api/partner/consumers', { token, body: consumerBody(from + i) })).text())
      out.push(await (await w.call('POST', '/api/partner/login', { body: SANDBOX })).text())
      out.push(await (await w.call('GET', '/api/partner/consumers?pageSize=50', { token })).text())
      return out
    }
    const w = makeWorld({ seed: 11 })
    const token = await w.partnerToken()
    await script(w, token, 0)
    const id = await snapshot(w)
    const first = await script(w, token, 10)
    await restore(w, id)
    expect(await script(w, token, 10)).toEqual(first)
    // …and what a world that never took nor restored a snapshot answers.
    const twin = makeWorld({ seed: 11 })
    const twinToken = await twin.partnerToken()
    await script(twin, twinToken, 0)
    expect(await script(twin, twinToken, 10)).toEqual(first)
  })

  it('a world of a few thousand rows comes back whole (timings are reported in docs/fidelity.md, not asserted)', async () => {
    const w = makeWorld()
    const alice = insertBankingConsumer(w)
    tx(w.store, () => {
      for (let i = 0; i < 3000; i++) insertLedger(w, { consumerId: alice.id, available: 1 })
    })
    const expected = dump(w.store)
    const id = await snapshot(w)
    await json(w, 200, 'POST', '/_sim/reset')
    await restore(w, id)
    expect(dump(w.store)).toEqual(expected)
  })
})

describe('snapshot storage', () => {
  it('a :memory: world: DELETE /_sim/snapshots forgets (frees) every snapshot; /_sim/reset keeps them', async () => {
    const w = makeWorld()
    const first = await snapshot(w)
    await snapshot(w)
    await json(w, 200, 'POST', '/_sim/reset')
    expect((await json(w, 200, 'GET', '/_sim/snapshots')).totalElements).toBe(2)
    expect(await json(w, 204, 'DELETE', '/_sim/snapshots')).toEqual({})
    expect(await json(w, 200, 'GET', '/_sim/snapshots')).toEqual({ content: [], totalElements: 0 })
    expect((await json(w, 404, 'POST', `/_sim/snapshots/${first}/restore`)).errorCode).toBe('SNAPSHOT_NOT_FOUND')
    expect(await json(w, 204, 'DELETE', '/_sim/snapshots')).toEqual({}) // none left: still 204
  })

  it('a file world: deleting removes both files (by uppercase id too); bad ids never touch the filesystem', async () => {
    const path = join(dir, 'hygiene.db')
    const w = fileWorld(path)
    const snapDir = `${path}.snapshots`
    const [a, b, c] = [await snapshot(w), await snapshot(w), await snapshot(w)]
    writeFileSync(join(snapDir, 'notes.json'), '{"id": "../../hygiene"}') // someone else's file: ignored, kept
    const files = () => readdirSync(snapDir).sort()
    const before = files()
    expect(before).toEqual([`${a}.db`, `${a}.json`, `${b}.db`, `${b}.json`, `${c}.db`, `${c}.json`, 'notes.json'].sort())

    for (const bad of ['..%2F..%2Fhygiene.db', '..%2Fhygiene', 'notes', '%2E%2E', `${a}.db`, `${a}%00`, `${a}x`]) {
      // (%2E%2E is a dot segment the URL parser resolves: no route at all, the plain 404.)
      expect((await json(w, 404, 'DELETE', `/_sim/snapshots/${bad}`)).error).toBe('linkcy.not.found')
      expect((await json(w, 404, 'POST', `/_sim/snapshots/${bad}/restore`)).error).toBe('linkcy.not.found')
      expect((await json(w, 404, 'GET', `/_sim/snapshots/${bad}`)).error).toBe('linkcy.not.found')
    }
    expect(files()).toEqual(before)
    expect(existsSync(path)).toBe(true)

    expect(await json(w, 204, 'DELETE', `/_sim/snapshots/${a.toUpperCase()}`)).toEqual({})
    expect(files()).toEqual(before.filter((f) => !f.startsWith(a)))
    expect(await json(w, 204, 'DELETE', '/_sim/snapshots')).toEqual({})
    expect(files()).toEqual(['notes.json'])
    w.store.close()
  })

  it('VACUUM INTO copies the committed world while another connection holds a read or an uncommitted write', async () => {
    const path = join(dir, 'locked.db')
    const w = fileWorld(path)
    const other = new Database(path)
    other.exec('BEGIN')
    other.prepare('SELECT count(*) FROM consumers').get() // an open read transaction (a WAL snapshot)
    const whileReading = await snapshot(w)
    other.exec('COMMIT')

    other.exec('BEGIN IMMEDIATE') // the write lock, with a change not committed
    other.prepare("INSERT INTO sim_meta (key, value) VALUES ('uncommitted', 'x')").run()
    const started = performance.now()
    const whileWriting = await snapshot(w) // a pure read: no wait for the lock (busy_timeout is 5 s)
    expect(performance.now() - started).toBeLessThan(4000)
    other.exec('ROLLBACK')
    other.close()

    for (const id of [whileReading, whileWriting]) {
      const copy = new Database(join(`${path}.snapshots`, `${id}.db`), { readonly: true })
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(copy.prepare("SELECT count(*) FROM sim_meta WHERE key = 'uncommitted'").pluck().get()).toBe(0)
      copy.close()
    }
    await restore(w, whileWriting)
    w.store.close()
  })
})
