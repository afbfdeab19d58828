import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { tx, type Store } from '../state/store'
import { seedPartner, type SeededPartner } from './seed-partner'
import { ScenarioSchema, type Scenario } from './schema'
import { ScenarioError } from './scenario-error'
import { seedWebhooks } from './seed-webhooks'
import { withoutEvents } from '../state/webhooks'

export { ScenarioError }

/** The scenario loaded into a new database when no --scenario is given. */
export const DEFAULT_SCENARIO = fileURLToPath(new URL('../../fixtures/default.json', import.meta.url))


/** Validates a scenario document; throws ScenarioError with the path of every bad field. */
export function parseScenario(document: unknown): Scenario {
  const result = ScenarioSchema.safeParse(document)
  if (result.success) return result.data
  throw new ScenarioError(result.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message, rejectedValue: valueAt(document, i.path) })))
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((cur, k) => (cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[k] : undefined), document)
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '')
}

export function readScenarioFile(file: string): Scenario {
  let document: unknown
  try {
    document = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ScenarioError([{ path: '', message: `cannot read ${file}: ${(error as Error).message}` }])
  }
  return parseScenario(document)
}

export interface LoadedScenario {
  partners: Record<string, SeededPartner>
}

/**
 * Creates everything a scenario declares, in one transaction; answers the created ids by name/ref.
 * What it declares is the world's past: no webhook event is emitted while loading.
 */
export function loadScenario(store: Store, scenario: Scenario): LoadedScenario {
  return withoutEvents(store, () => tx(store, () => {
    const partners: Record<string, SeededPartner> = {}
    scenario.partners.forEach((seed, i) => {
      partners[seed.name] = seedPartner(store, seed, `partners[${i}]`)
      seedWebhooks(store, partners[seed.name]!.id, seed.webhooks)
    })
    return { partners }
  }))
}

export type ScenarioDocument = z.input<typeof ScenarioSchema>
