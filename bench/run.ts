import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, type App } from '../src/app'
import { DEFAULT_SCENARIO, loadScenario, parseScenario, type ScenarioDocument } from '../src/scenarios/loader'
import { openStore } from '../src/state/store'

// `npm run bench`: in-process throughput and latency of the main operations (app.request, no
// network), on a temporary SQLite file (WAL, as `npm start` runs) or in memory with --memory.
// Operations the simulator does not serve yet are skipped. Informative only: never asserted.

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000)
const WARMUP = 50
const inMemory = process.argv.includes('--memory')

type Json = Record<string, unknown>

interface Result {
  name: string
  count: number
  rps: number
  p50: number
  p95: number
  p99: number
}

const SANDBOX = { partnerName: 'sandbox', username: 'partner@sandbox.test', password: 'Sandbox-Password-1' }

/** Partner calls that LinkCy may put behind SCA run with the sandbox's BY_PASS strategy. */
const BY_PASS = { 'Linkcy-SCA-Strategy': 'BY_PASS' }

/**
 * The default world plus, in the sandbox partner, a VALIDATED consumer with two funded upgraded EUR
 * ledgers (the second with an ACTIVE card), and limits high enough for thousands of transfers.
 */
function benchScenario(): ScenarioDocument {
  const document = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as ScenarioDocument
  const sandbox = document.partners!.find((p) => p.name === 'sandbox')!
  const big = 1_000_000
  sandbox.limits = { ledger: { transactionLimit: big, transactionDailyLimit: big, transactionMonthlyLimit: big } }
  sandbox.consumers = [{
    ref: 'bench', firstName: 'Bench', lastName: 'Holder', phoneVerified: true,
    kycStatus: 'VALIDATED', linkcyStatus: 'VALIDATED', bankingStatus: 'VALIDATED', complianceStatus: 'VALIDATED',
    ledgers: [
      { ref: 'bench-from', friendlyName: 'From', balance: 100_000 },
      { ref: 'bench-to', friendlyName: 'To', balance: 100_000, cards: [{ ref: 'bench-card', type: 'PHYSICAL', status: 'ACTIVE' }] },
    ],
  }]
  return document
}

function request(app: App, method: string, path: string, body?: unknown, token?: string, extra: Record<string, string> = {}): Promise<Response> {
  const headers: Record<string, string> = { ...extra }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers.Authorization = `Bearer ${token}`
  return Promise.resolve(app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }))
}

async function measure(name: string, count: number, step: (i: number) => Promise<Response>, expected: number): Promise<Result> {
  for (let i = 0; i < WARMUP; i++) await step(-1 - i)
  const times: number[] = []
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    const t0 = performance.now()
    const res = await step(i)
    if (res.status !== expected) throw new Error(`${name}: expected ${expected}, got ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
    times.push(performance.now() - t0)
  }
  const total = performance.now() - started
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!
  return { name, count, rps: (count / total) * 1000, p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

async function main(): Promise<void> {
  const dir = inMemory ? undefined : mkdtempSync(join(tmpdir(), 'linkcy-sim-bench-'))
  const dbPath = dir ? join(dir, 'bench.db') : ':memory:'
  const rssBefore = process.memoryUsage().rss
  const store = openStore({ dbPath, seed: 1 })
  const scenario = parseScenario(benchScenario())
  const seeded = loadScenario(store, scenario).partners.sandbox!
  const app = createApp(store, { scenario })
  const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Json> }
  const served = (method: string, path: string) => Boolean(doc.paths[path]?.[method])

  const results: Result[] = []
  const skipped: string[] = []
  results.push(await measure('login (POST /login)', ITERATIONS, () => request(app, 'POST', '/api/partner/login', SANDBOX), 200))
  const token = ((await (await request(app, 'POST', '/api/partner/login', SANDBOX)).json()) as Json).token as string

  const ids: string[] = []
  if (served('post', '/api/partner/consumers')) {
    const body = (i: number) => ({
      firstName: 'Bench',
      lastName: `Consumer${i + WARMUP}`,
      phone: { countryCode: '33', number: String(700_000_000 + i + WARMUP) },
      emailAddress: `bench${i + WARMUP}@example.test`,
    })
    results.push(
      await measure('consumer create (POST /consumers)', ITERATIONS, async (i) => {
        const res = await request(app, 'POST', '/api/partner/consumers', body(i), token)
        if (res.status === 201) ids.push(((await res.clone().json()) as Json).id as string)
        return res
      }, 201),
    )
  } else skipped.push('consumer create')

  const consumerPath = '/api/partner/consumers/{consumerId}'
  if (ids.length > 0 && served('get', consumerPath)) {
    results.push(await measure('consumer get (GET /consumers/{id})', ITERATIONS, (i) => request(app, 'GET', `/api/partner/consumers/${ids[Math.abs(i) % ids.length]}`, undefined, token), 200))
  } else skipped.push('consumer get')

  if (ids.length > 0 && served('get', '/api/partner/consumers')) {
    results.push(await measure(`consumer list (GET /consumers, ${ids.length} rows, page of 20)`, Math.min(ITERATIONS, 300), () => request(app, 'GET', '/api/partner/consumers?pageSize=20', undefined, token), 200))
  } else skipped.push('consumer list')

  if (served('post', '/api/partner/corporates')) {
    const n = (i: number) => i + WARMUP
    const corporate = (i: number) => ({
      registeredName: `Bench ${n(i)} SAS`, incorporationCountry: 'FRA', incorporationCode: String(80_000_000_000_000 + n(i)), industry: 'IT_SERVICES',
      registeredAddress: { isoCountryCode: 'FRA', city: 'Paris', postalCode: '75002', street: 'Rue de la Paix', number: '1' },
      expectedMonthlyExpenses: { value: 'LESS_THAN_10_000', currency: 'EUR' },
      accountOwnerInfo: { firstName: 'Bench', lastName: `Owner${n(i)}`, isDirector: true, directSharesPercentage: 100, phone: { countryCode: '33', number: String(690_000_000 + n(i)) } },
    })
    results.push(await measure('corporate create (POST /corporates, owner + share + login)', ITERATIONS, (i) => request(app, 'POST', '/api/partner/corporates', corporate(i), token), 201))
  } else skipped.push('corporate create')

  const [fromId, toId, cardId] = [seeded.ledgers['bench-from'], seeded.ledgers['bench-to'], seeded.cards['bench-card']]
  if (served('post', '/api/partner/transactions/inter-ledger')) {
    const transfer = { ledgerFromId: fromId, ledgerToId: toId, amount: 0.01, reference: 'Bench' }
    results.push(await measure('inter-ledger transfer (POST /transactions/inter-ledger)', ITERATIONS, () => request(app, 'POST', '/api/partner/transactions/inter-ledger', transfer, token, BY_PASS), 201))
  } else skipped.push('inter-ledger transfer')

  if (served('get', '/api/partner/transactions')) {
    const rows = ITERATIONS + WARMUP
    results.push(await measure(`transactions list (GET /transactions?ledgerId, ~${rows} rows, page of 20)`, Math.min(ITERATIONS, 300), () => request(app, 'GET', `/api/partner/transactions?ledgerId=${fromId}&pageSize=20`, undefined, token), 200))
  } else skipped.push('transactions list')

  // /_sim is the simulator's control plane (no token): a card network asking to authorize a payment.
  if (cardId) {
    const payment = { amount: 0.01, merchantName: 'Bench Shop', merchantCategoryCode: '5411' }
    results.push(await measure('card authorization (POST /_sim/cards/{id}/authorizations)', ITERATIONS, () => request(app, 'POST', `/_sim/cards/${cardId}/authorizations`, payment), 201))
  } else skipped.push('card authorization')

  const rssAfter = process.memoryUsage().rss
  store.close()
  if (dir) rmSync(dir, { recursive: true, force: true })

  const rows = results.map((r) => [r.name, String(r.count), r.rps.toFixed(0), r.p50.toFixed(2), r.p95.toFixed(2), r.p99.toFixed(2)])
  const header = ['operation', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  console.log(`linkcy-sim bench: in-process, ${inMemory ? 'in-memory database' : 'temporary SQLite file (WAL)'}, node ${process.version}`)
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
  if (skipped.length > 0) console.log(`skipped (not served yet): ${skipped.join(', ')}`)
  console.log(`RSS: ${mb(rssBefore)} before, ${mb(rssAfter)} after (${mb(rssAfter - rssBefore)} more)`)
}

await main()
