import { OpenAPIHono } from '@hono/zod-openapi'
import { cors } from 'hono/cors'
import type { MiddlewareHandler } from 'hono'
import type { Store } from './state/store'
import type { AppEnv } from './routes/env'
import { renderError, notFoundBody } from './routes/errors'
import { authenticate } from './routes/middleware/auth'
import { limitJsonDepth } from './routes/middleware/body-limits'
import { injectFaults } from './routes/middleware/faults'
import { runDueJobs } from './state/scheduler'
import { JOB_HANDLERS } from './state/jobs'
import { docsRoutes } from './routes/docs'
import { apiRouters } from './routes/index'
import { createSimRoutes } from './routes/sim/sim.routes'
import { pageRoutes } from './routes/pages/pages.routes'
import { fileRoutes } from './routes/files/files.routes'
import type { Scenario } from './scenarios/schema'

export interface AppOptions {
  /** Receives one line per request (method, path, status, duration). Off in tests. */
  log?: (line: string) => void
  /** The scenario /_sim/reset reloads (default: none, an empty world). */
  scenario?: Scenario
}

/** The simulator's HTTP application over one store: LinkCy's API, the /_sim control plane, docs. */
export function createApp(store: Store, options: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>()

  app.use('*', async (c, next) => {
    const started = performance.now()
    c.set('store', store)
    await next()
    options.log?.(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`)
  })
  // Browser front ends call the simulator directly in local development: allow any origin.
  app.use('/api/*', cors({ origin: '*', exposeHeaders: ['Content-Type'], maxAge: 600 }))
  app.use('/_sim/*', cors({ origin: '*', maxAge: 600 }))
  // The world catches up with the clock before LinkCy's API answers (ledgers activate, transfers settle).
  const catchUp: MiddlewareHandler = async (_c, next) => {
    runDueJobs(store, JOB_HANDLERS)
    await next()
    runDueJobs(store, JOB_HANDLERS) // e.g. after POST /_sim/clock/advance
  }
  app.use('/api/*', catchUp)
  app.use('/_sim/*', catchUp)
  app.use('/pages/*', catchUp)
  app.use('/api/*', authenticate)
  app.use('/api/*', injectFaults) // /_sim/faults rules (after authentication: a rule may name the caller's partner)
  app.use('/api/*', limitJsonDepth)
  app.use('/_sim/*', limitJsonDepth)

  for (const router of apiRouters) app.route('/', router)
  app.route('/', createSimRoutes(() => options.scenario ?? { partners: [] }))
  app.route('/', pageRoutes)
  app.route('/', fileRoutes)
  app.route('/', docsRoutes)

  app.openAPIRegistry.registerComponent('securitySchemes', 'Linkcy-Auth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'linkcy-sim: simulated LinkCy partner API', version: '0.1.0' },
    servers: [{ url: '/' }],
    security: [{ 'Linkcy-Auth': [] }],
  })

  app.onError((error, c) => {
    const { status, body } = renderError(error, store.clock.iso())
    if (status >= 500) console.error(error)
    return c.json(body, status as 400)
  })
  app.notFound((c) => c.json(notFoundBody(c.req.method, c.req.path, store.clock.iso()), 404))
  return app
}

export type App = ReturnType<typeof createApp>
