import { createApp } from './src/app'
import { openStore } from './src/state/store'
import { DEFAULT_SCENARIO, loadScenario, readScenarioFile } from './src/scenarios/loader'

const store = openStore({ dbPath: ':memory:', seed: 42 })
store.clock.freeze(Date.parse('2026-01-15T10:00:00Z'))
const scenario = readScenarioFile(DEFAULT_SCENARIO)
loadScenario(store, scenario)
const app = createApp(store, { scenario })
const res = await app.request('/api/partner/login', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ partnerName: 'sandbox', username: 'partner@sandbox.test', password: 'Sandbox-Password-1' }),
})
console.log(res.status)
const doc = await (await app.request('/openapi.json')).json() as any
for (const [p, item] of Object.entries(doc.paths)) for (const m of Object.keys(item as any)) console.log(m.toUpperCase(), p, (item as any)[m].tags?.join(','))
