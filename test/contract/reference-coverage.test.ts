import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hasReference } from '../helpers/reference'
import { makeWorld } from '../helpers/app'
import { erase, operationsOf, simulatorDoc, type Json } from './support'

// The simulator against LinkCy's reference (../shared, when present): how much of it is served, and
// no invented LinkCy operation: everything served under /api/partner exists there, same method and path.

const REFERENCE = fileURLToPath(new URL('../../../shared/linkcy-openapi/openapi.json', import.meta.url))

describe.skipIf(!hasReference)('reference coverage', () => {
  const key = (method: string, path: string) => `${method} ${erase(path)}`

  it('serves only operations that exist in the reference, and reports how many it serves', async () => {
    const reference = operationsOf(JSON.parse(readFileSync(REFERENCE, 'utf8')) as Json)
    const served = operationsOf(await simulatorDoc(makeWorld().app)).filter((o) => o.path.startsWith('/api/partner'))
    const known = new Set(reference.map((o) => key(o.method, o.path)))
    const servedKeys = new Set(served.map((o) => key(o.method, o.path)))

    const invented = served.filter((o) => !known.has(key(o.method, o.path))).map((o) => `${o.method} ${o.path}`)
    const missing = reference.filter((o) => !servedKeys.has(key(o.method, o.path)))
    const covered = reference.length - missing.length
    console.log(
      `[reference] the simulator serves ${covered} of the reference's ${reference.length} operations ` +
        `(${((100 * covered) / reference.length).toFixed(0)}%); ${missing.length} not served yet`,
    )
    expect(invented, 'operations served under /api/partner that the reference does not have').toEqual([])
  })
})
