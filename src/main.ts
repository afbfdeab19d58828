import { serve } from '@hono/node-server'
import { createApp } from './app'
import { readConfig, USAGE } from './config'
import { loadScenario, readScenarioFile } from './scenarios/loader'
import { openStore } from './state/store'

// CLI entry point: parse flags, open (and migrate) the database, load the scenario into a new
// world, serve, and close the database cleanly on SIGINT/SIGTERM.

function main(): void {
  let config
  try {
    config = readConfig(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (config.help) {
    console.log(USAGE)
    return
  }
  let scenario
  try {
    scenario = readScenarioFile(config.scenario)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(2)
  }
  const store = openStore({ dbPath: config.db, seed: config.seed })
  if (store.isNew) loadScenario(store, scenario)
  const app = createApp(store, { scenario, log: config.quiet ? undefined : (line) => console.log(line) })

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const base = `http://${config.host}:${info.port}`
    console.log(`linkcy-sim listening on ${base} (db ${config.db}, seed ${store.rng.state.seed})`)
    console.log(`  API       ${base}/api/partner   docs ${base}/docs   OpenAPI ${base}/openapi.json   control plane ${base}/_sim`)
    for (const partner of scenario.partners) {
      for (const user of partner.users) {
        console.log(`  partner ${partner.name}: username ${user.email}  password ${user.password ?? '(one-time, see /_sim/outbox)'}`)
      }
    }
  })

  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is already in use (--port / PORT)` : error.message)
    store.close()
    process.exit(1)
  })

  const shutdown = (signal: string) => {
    console.log(`${signal}: closing`)
    server.close()
    store.close()
    process.exit(0)
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main()
