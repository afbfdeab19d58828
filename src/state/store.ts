import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { eq } from 'drizzle-orm'
import * as schema from './db/schema'
import { Clock, type ClockState } from './clock'
import { Rng, randomSeed, type RngState } from './random'

export type Db = BetterSQLite3Database<typeof schema>

/** Everything a state operation needs: the database, the simulator clock and the seeded RNG. */
export interface Store {
  db: Db
  sqlite: Database.Database
  clock: Clock
  rng: Rng
  /** HS256 key of the JWTs this world issues (derived from the seed: tokens are reproducible). */
  jwtKey: Buffer
  /** True when the database was created by this open (the caller then loads the scenario). */
  isNew: boolean
  close(): void
}

export interface OpenStoreOptions {
  /** SQLite file path, or ':memory:'. */
  dbPath: string
  /** Seed of a new world; ignored (with the stored one kept) when the file already holds a world. */
  seed?: number
  /** Real-time source of the clock (tests may pin it). */
  realNow?: () => number
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url))

/** Opens (creating and migrating if needed) a simulator database. WAL mode; foreign keys on. */
/** How many compiled statements a store keeps (the simulator's distinct queries are a few hundred). */
const STATEMENT_CACHE_SIZE = 1000

/**
 * drizzle asks better-sqlite3 to prepare (compile) every query it runs; compiling was about half the
 * CPU of a transfer. A compiled statement is reusable, so the same SQL text gets the same statement
 * (least recently used ones are dropped past the bound). Output modes (raw, pluck, expand) are reset
 * before each reuse so a caller never sees another caller's mode; nothing here iterates statements,
 * so a statement is never busy when handed out again.
 */
function reuseStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite)
  const cache = new Map<string, Database.Statement>()
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source)
    if (statement) {
      cache.delete(source)
      if (statement.reader) statement.raw(false).pluck(false).expand(false)
    } else {
      statement = compile(source)
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
    }
    cache.set(source, statement)
    return statement
  }) as Database.Database['prepare']
}

export function openStore(options: OpenStoreOptions): Store {
  if (options.dbPath !== ':memory:') mkdirSync(dirname(options.dbPath), { recursive: true })
  const sqlite = new Database(options.dbPath)
  reuseStatements(sqlite)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder: MIGRATIONS })

  const stored = readMeta(db)
  const isNew = stored.seed === undefined
  const seed = isNew ? (options.seed ?? randomSeed()) : Number(stored.seed)
  const rng = new Rng({ seed, counter: isNew ? 0 : Number(stored.rngCounter ?? 0) })
  const clock = new Clock(stored.clock ? (JSON.parse(stored.clock) as ClockState) : {}, options.realNow)
  if (isNew) writeMeta(db, { seed: String(seed), rngCounter: '0', clock: JSON.stringify(clock.snapshot()) })
  clock.onChange = (state) => writeMeta(db, { clock: JSON.stringify(state) })

  return {
    db,
    sqlite,
    clock,
    rng,
    jwtKey: jwtKeyOf(seed),
    isNew,
    close: () => {
      if (sqlite.open) sqlite.close()
    },
  }
}

/**
 * Runs `fn` as one write transaction (BEGIN IMMEDIATE). The RNG position is saved with the data,
 * and restored if `fn` throws, so a refused request leaves no trace, not even in the id stream.
 * `fn` must be synchronous: requests are serialised by SQLite's single writer.
 */
export function tx<T>(store: Store, fn: () => T): T {
  const before: RngState = store.rng.state
  try {
    return store.sqlite.transaction(() => {
      const result = fn()
      if (store.rng.state.counter !== before.counter) writeMeta(store.db, { rngCounter: String(store.rng.state.counter) })
      return result
    }).immediate()
  } catch (error) {
    store.rng.restore(before)
    throw error
  }
}

/** Empties every table (keeping the seed): the world as a fresh `--seed` start would make it. */
export function wipeStore(store: Store): void {
  const tables = store.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name <> 'sim_meta'")
    .all() as { name: string }[]
  store.sqlite.pragma('foreign_keys = OFF')
  try {
    store.sqlite.transaction(() => {
      for (const { name } of tables) store.sqlite.prepare(`DELETE FROM "${name}"`).run()
      writeMeta(store.db, { rngCounter: '0' })
    }).immediate()
  } finally {
    store.sqlite.pragma('foreign_keys = ON')
  }
  store.rng.restore({ seed: store.rng.state.seed, counter: 0 })
  store.clock.reset()
}

/** The HS256 key of a seed's JWTs (a function of the seed only: tokens are reproducible). */
const jwtKeyOf = (seed: number): Buffer => createHash('sha256').update(`linkcy-sim:jwt:${seed}`).digest()

/**
 * Reloads the in-memory RNG position, clock and JWT key from the meta table, after its rows were
 * replaced underneath the store (a snapshot restore). Writes nothing: the table already holds them.
 */
export function reloadMeta(store: Store): void {
  const stored = readMeta(store.db)
  const seed = Number(stored.seed)
  store.rng.restore({ seed, counter: Number(stored.rngCounter ?? 0) })
  store.jwtKey = jwtKeyOf(seed)
  const clock = stored.clock ? (JSON.parse(stored.clock) as ClockState) : { offsetMs: 0, frozenAt: null }
  const onChange = store.clock.onChange
  store.clock.onChange = undefined
  try {
    if (clock.frozenAt !== null) store.clock.freeze(clock.frozenAt)
    else {
      if (store.clock.frozen) store.clock.unfreeze()
      store.clock.set(store.clock.realNowMs() + clock.offsetMs)
    }
  } finally {
    store.clock.onChange = onChange
  }
}

function readMeta(db: Db): Record<string, string | undefined> {
  const rows = db.select().from(schema.meta).all()
  return Object.fromEntries(rows.map((r) => [r.key, r.value]))
}

function writeMeta(db: Db, values: Record<string, string>): void {
  for (const [key, value] of Object.entries(values)) {
    db.insert(schema.meta).values({ key, value }).onConflictDoUpdate({ target: schema.meta.key, set: { value } }).run()
  }
}

/** Reads one meta value (used by the control plane and tests). */
export function metaValue(store: Store, key: string): string | undefined {
  return store.db.select().from(schema.meta).where(eq(schema.meta.key, key)).get()?.value
}
