import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { SimError } from './errors'
import { derivedUuid } from './random'
import { metaValue, reloadMeta, type Store } from './store'
import { flushWebhooks } from './webhooks'

// World snapshots of the /_sim control plane (not a LinkCy feature). A snapshot is SQLite's own copy
// of the whole database (every table, sim_meta included: seed, RNG position, clock), taken with
// VACUUM INTO (file worlds) or serialize() (in-memory worlds). They live OUTSIDE the world, so a
// snapshot never holds other snapshots and /_sim/reset keeps them:
//   - a file world `<db>` keeps them in the directory `<db>.snapshots/` (`<id>.db` + `<id>.json`),
//     so they survive restarts and can be copied around;
//   - an in-memory world keeps them in memory, next to the store (gone with the process).
// A restore replaces every table (but drizzle's migration journal) in ONE transaction, then reloads
// the in-memory RNG position and clock from the restored meta row.

/** What the control plane shows of a snapshot. */
export interface SnapshotMeta {
  id: string
  /** Taking order (newest = highest); ids derive from it. */
  seq: number
  name: string | null
  /** Simulator time when it was taken (epoch ms): a restored world's clock shows it again. */
  createdAt: number
  sizeBytes: number
  /** `<migrations applied>-<hash of the last>`: a snapshot only restores into the same schema. */
  schemaVersion: string
}

interface Registry {
  /** `<db>.snapshots` of a file world; null for an in-memory world. */
  dir: string | null
  /** Highest seq handed out by this store (deleting the newest never makes its id come back). */
  seq: number
  images: Map<string, { meta: SnapshotMeta; image: Buffer }>
}

const registries = new WeakMap<Store, Registry>()
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const MIGRATIONS_TABLE = '__drizzle_migrations'

/** Where a world's snapshots live: `<db>.snapshots` next to its file, or nowhere on disk (in-memory world). */
const dirOf = (store: Store): string | null => (store.sqlite.memory ? null : `${resolve(store.sqlite.name)}.snapshots`)

function registryOf(store: Store): Registry {
  let registry = registries.get(store)
  if (!registry) {
    registry = { dir: dirOf(store), seq: 0, images: new Map() }
    registries.set(store, registry)
    registry.seq = Math.max(0, ...listSnapshots(store).map((s) => s.seq))
  }
  return registry
}

/**
 * A UUID-shaped id derived from the seed, the taking order and the world's position: snapshots are
 * outside the world, so taking one never draws from the world's RNG (same requests, same ids).
 */
const snapshotId = (store: Store, seq: number, createdAt: number): string =>
  derivedUuid('linkcy-sim:snapshot', store.rng.state.seed, seq, createdAt, store.rng.state.counter)

/** The schema version of an attached database (`main` or `snapshot`), from drizzle's migration journal. */
function schemaVersionOf(store: Store, schemaName: 'main' | 'snapshot'): string {
  const row = store.sqlite
    .prepare(`SELECT count(*) AS n, (SELECT hash FROM ${schemaName}.${MIGRATIONS_TABLE} ORDER BY created_at DESC, id DESC LIMIT 1) AS hash FROM ${schemaName}.${MIGRATIONS_TABLE}`)
    .get() as { n: number; hash: string | null }
  return `${row.n}-${(row.hash ?? 'none').slice(0, 16)}`
}

const filesOf = (dir: string, id: string) => ({ db: join(dir, `${id}.db`), meta: join(dir, `${id}.json`) })

/** POST /_sim/snapshots: copies the whole world as it is now (call outside a transaction). */
export function takeSnapshot(store: Store, name?: string): SnapshotMeta {
  const registry = registryOf(store)
  const seq = registry.seq + 1
  const createdAt = store.clock.nowMs()
  const id = snapshotId(store, seq, createdAt)
  const meta: SnapshotMeta = { id, seq, name: name ?? null, createdAt, sizeBytes: 0, schemaVersion: schemaVersionOf(store, 'main') }
  // The snapshot holds the RNG position the store is at (a draw made outside a transaction is not
  // persisted yet). Written only when it differs: taking a snapshot is otherwise a pure read, which
  // succeeds under WAL even while another connection holds the write lock (a write would wait, then fail).
  const counter = String(store.rng.state.counter)
  if (metaValue(store, 'rngCounter') !== counter) store.sqlite.prepare("UPDATE sim_meta SET value = ? WHERE key = 'rngCounter'").run(counter)
  if (registry.dir === null) {
    const image = store.sqlite.serialize()
    meta.sizeBytes = image.length
    registry.images.set(id, { meta, image })
  } else {
    mkdirSync(registry.dir, { recursive: true })
    const files = filesOf(registry.dir, id)
    rmSync(files.db, { force: true }) // VACUUM INTO refuses an existing file (a leftover of a crash)
    store.sqlite.prepare('VACUUM INTO ?').run(files.db)
    meta.sizeBytes = statSync(files.db).size
    // The metadata is written last (and atomically): a snapshot without it is not listed.
    writeFileSync(`${files.meta}.tmp`, JSON.stringify(meta, null, 2))
    renameSync(`${files.meta}.tmp`, files.meta)
  }
  registry.seq = seq
  return meta
}

/** GET /_sim/snapshots: every snapshot of this world, newest (last taken) first. */
export function listSnapshots(store: Store): SnapshotMeta[] {
  const registry = registries.get(store) ?? { dir: dirOf(store), images: new Map() }
  let metas: SnapshotMeta[]
  if (registry.dir === null) metas = [...registry.images.values()].map((s) => s.meta)
  else if (!existsSync(registry.dir)) metas = []
  else {
    metas = readdirSync(registry.dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => {
        try {
          const meta = JSON.parse(readFileSync(join(registry.dir!, f), 'utf8')) as SnapshotMeta
          return ID.test(meta.id) && f === `${meta.id}.json` ? [meta] : []
        } catch {
          return [] // not ours, or half-written: ignored
        }
      })
  }
  return metas.sort((a, b) => b.seq - a.seq)
}

/** GET /_sim/snapshots/{id}: one snapshot's metadata, or undefined. */
export function getSnapshot(store: Store, id: string): SnapshotMeta | undefined {
  const key = id.toLowerCase()
  if (!ID.test(key)) return undefined // never build a file name from anything else
  return listSnapshots(store).find((s) => s.id === key)
}

/** DELETE /_sim/snapshots/{id}: forgets a snapshot (its files too). False when unknown. */
export function deleteSnapshot(store: Store, id: string): boolean {
  const meta = getSnapshot(store, id)
  if (meta) forget(store, meta)
  return meta !== undefined
}

/**
 * DELETE /_sim/snapshots: forgets every snapshot of this world (how a `:memory:` world frees their
 * memory, and a CI job cleans up a file world's directory). Answers how many there were.
 */
export function deleteAllSnapshots(store: Store): number {
  const all = listSnapshots(store)
  for (const meta of all) forget(store, meta)
  return all.length
}

/** Drops a listed snapshot: its image, or its two files (the metadata first: a copy without it is not listed). */
function forget(store: Store, meta: SnapshotMeta): void {
  const registry = registryOf(store)
  if (registry.dir === null) registry.images.delete(meta.id)
  else {
    const files = filesOf(registry.dir, meta.id)
    rmSync(files.meta, { force: true })
    rmSync(files.db, { force: true })
  }
}

/**
 * POST /_sim/snapshots/{id}/restore: the world becomes exactly the snapshot — all tables replaced in
 * one transaction (a failure leaves the world untouched), then the RNG position and the clock (the
 * snapshot's instant, frozen or running as it was) reloaded. Call outside a transaction.
 */
export function restoreSnapshot(store: Store, id: string): SnapshotMeta {
  const meta = getSnapshot(store, id)
  if (!meta) throw new SimError('SNAPSHOT_NOT_FOUND', [id])
  const ours = schemaVersionOf(store, 'main')
  if (meta.schemaVersion !== ours) throw new SimError('SNAPSHOT_SCHEMA_MISMATCH', [meta.id, meta.schemaVersion, ours])
  const source = sourceFile(store, meta)
  try {
    try {
      store.sqlite.prepare('ATTACH DATABASE ? AS snapshot').run(source.path)
    } catch (error) {
      throw notRestorable(meta, error)
    }
    try {
      let theirs: string
      try {
        theirs = schemaVersionOf(store, 'snapshot')
      } catch (error) {
        throw notRestorable(meta, error)
      }
      if (theirs !== ours) throw new SimError('SNAPSHOT_SCHEMA_MISMATCH', [meta.id, theirs, ours])
      copyWorld(store, meta)
    } finally {
      store.sqlite.exec('DETACH DATABASE snapshot')
    }
  } finally {
    source.cleanup()
  }
  // Attempts the restored world had waiting (DUE) are sent, as they would have been.
  void flushWebhooks(store).catch(() => undefined)
  return meta
}

/** The snapshot as a database file ATTACH can open (an in-memory image goes to a temporary file). */
function sourceFile(store: Store, meta: SnapshotMeta): { path: string; cleanup: () => void } {
  const registry = registryOf(store)
  if (registry.dir !== null) {
    const path = filesOf(registry.dir, meta.id).db
    // ATTACH would create a missing file: check first.
    if (!existsSync(path)) throw new SimError('SNAPSHOT_NOT_RESTORABLE', [meta.id, 'its database file is missing'])
    return { path, cleanup: () => undefined }
  }
  const image = registry.images.get(meta.id)!.image
  const dir = mkdtempSync(join(tmpdir(), 'linkcy-sim-restore-'))
  const path = join(dir, `${meta.id}.db`)
  writeFileSync(path, image)
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Every table of the world in copy order: all but SQLite's and drizzle's own, sim_meta last. */
function worldTables(store: Store): string[] {
  const rows = store.sqlite
    .prepare(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '${MIGRATIONS_TABLE}' ORDER BY name = 'sim_meta', name`)
    .all() as { name: string }[]
  return rows.map((r) => r.name)
}

/** Replaces every world table with the attached snapshot's rows, in one transaction (foreign keys checked at the end). */
function copyWorld(store: Store, meta: SnapshotMeta): void {
  const sqlite = store.sqlite
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
  const tables = worldTables(store).map((name) => {
    const columns = (sqlite.prepare(`PRAGMA main.table_info(${quote(name)})`).all() as { name: string }[]).map((c) => quote(c.name)).join(', ')
    return { name, columns }
  })
  sqlite.pragma('foreign_keys = OFF') // a no-op inside a transaction: set around it, as wipeStore does
  try {
    sqlite.transaction(() => {
      for (const { name, columns } of tables) {
        sqlite.exec(`DELETE FROM main.${quote(name)}; INSERT INTO main.${quote(name)} (${columns}) SELECT ${columns} FROM snapshot.${quote(name)}`)
      }
      const broken = sqlite.prepare('PRAGMA main.foreign_key_check').all() as { table: string }[]
      if (broken.length > 0) throw new SimError('SNAPSHOT_NOT_RESTORABLE', [meta.id, `foreign keys broken in ${broken[0]!.table}`])
      reloadMeta(store)
      // A running clock resumes from the snapshot's instant (its stored offset is relative to real time).
      if (!store.clock.frozen) store.clock.set(meta.createdAt)
    }).immediate()
  } catch (error) {
    reloadMeta(store) // back to the untouched meta row
    throw error instanceof SimError ? error : notRestorable(meta, error)
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}

/** A failed ATTACH or copy as SNAPSHOT_NOT_RESTORABLE: a damaged file is named as such, other failures by SQLite's message. */
function notRestorable(meta: SnapshotMeta, error: unknown): SimError {
  const code = (error as { code?: unknown }).code
  const damaged = typeof code === 'string' && /^SQLITE_(CANTOPEN|NOTADB|CORRUPT)/.test(code)
  const reason = damaged ? `its database file is damaged (${code})` : error instanceof Error ? error.message.replace(/\.$/, '') : String(error)
  return new SimError('SNAPSHOT_NOT_RESTORABLE', [meta.id, reason])
}
