import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ValidationError } from '../../state/errors'
import { wipeStore } from '../../state/store'
import { loadScenario, parseScenario, ScenarioError } from '../../scenarios/loader'
import type { Scenario } from '../../scenarios/schema'

/** Where /_sim/reset gets the scenario to reload (the one the simulator started with). */
export type ScenarioSource = () => Scenario

/** Runs a scenario step, turning a bad document into a 400 that names the bad fields. */
function withScenarioErrors<T>(fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof ScenarioError) {
      throw new ValidationError(error.issues.map((i) => ({ field: i.path, rejectedValue: i.rejectedValue ?? null, message: i.message })))
    }
    throw error
  }
}

// /_sim/reset empties the world and reloads the start scenario; /_sim/scenarios loads more on top.
export function scenarioRoutes(source: ScenarioSource) {
  const routes = new Hono<AppEnv>()
  routes.post('/reset', (c) => {
    const store = c.var.store
    wipeStore(store)
    return c.json(loadScenario(store, source()))
  })
  routes.post('/scenarios', async (c) => {
    let document: unknown
    try {
      document = await c.req.json()
    } catch {
      throw new ValidationError([{ field: 'body', rejectedValue: null, message: 'Malformed JSON request' }])
    }
    return c.json(withScenarioErrors(() => loadScenario(c.var.store, parseScenario(document))), 201)
  })
  return routes
}
