import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hasReference } from '../helpers/reference'
import { makeWorld } from '../helpers/app'
import { erase, operationsOf, simulatorDoc, type Json } from './support'

// The simulator against LinkCy's reference (../shared, when present): every reference operation is
// served, and no invented LinkCy operation: everything served under /api/partner exists there, same method and
// path. An operation of LinkCy's newer docs (../shared/linkcy-api/*.md notes, e.g. the deprecated
// DELETE /api/partner/sca) also counts as documented, unless the note marks its path as inferred.

const REFERENCE = fileURLToPath(new URL('../../../shared/linkcy-openapi/openapi.json', import.meta.url))
const NOTES = fileURLToPath(new URL('../../../shared/linkcy-api', import.meta.url))
const NOTE_OP = /\b(GET|POST|PUT|PATCH|DELETE)\b[`\s|*]*`?(\/api\/partner[^\s`|)?,;(]*)/g

/** method + erased path of every operation the newer-docs notes state (lines marking a guess are left out). */
function newerDocOperations(): Set<string> {
  const out = new Set<string>()
  if (!existsSync(NOTES)) return out
  for (const file of readdirSync(NOTES).filter((f) => f.endsWith('.md'))) {
    for (const line of readFileSync(join(NOTES, file), 'utf8').split('\n')) {
      if (/inferred|unknown|not visible|\(\?\)/i.test(line)) continue
      for (const m of line.matchAll(NOTE_OP)) out.add(`${m[1]} ${erase(m[2]!.replace(/\/$/, ''))}`)
    }
  }
  return out
}

describe.skipIf(!hasReference)('reference coverage', () => {
  const key = (method: string, path: string) => `${method} ${erase(path)}`

  it('serves every operation of the reference and only operations that exist in it', async () => {
    const reference = operationsOf(JSON.parse(readFileSync(REFERENCE, 'utf8')) as Json)
    const served = operationsOf(await simulatorDoc(makeWorld().app)).filter((o) => o.path.startsWith('/api/partner'))
    const known = new Set(reference.map((o) => key(o.method, o.path)))
    const servedKeys = new Set(served.map((o) => key(o.method, o.path)))

    const newer = newerDocOperations()
    const fromNewerDocs = served.filter((o) => !known.has(key(o.method, o.path)) && newer.has(key(o.method, o.path)))
    const invented = served.filter((o) => !known.has(key(o.method, o.path)) && !newer.has(key(o.method, o.path))).map((o) => `${o.method} ${o.path}`)
    const missing = reference.filter((o) => !servedKeys.has(key(o.method, o.path)))
    const covered = reference.length - missing.length
    console.log(
      `[reference] the simulator serves ${covered} of the reference's ${reference.length} operations ` +
        `(${((100 * covered) / reference.length).toFixed(0)}%); ${missing.length} not served yet` +
        (fromNewerDocs.length ? `; plus ${fromNewerDocs.length} from LinkCy's newer docs (${fromNewerDocs.map((o) => `${o.method} ${o.path}`).join(', ')})` : ''),
    )
    expect(invented, 'operations served under /api/partner that the reference does not have').toEqual([])
    expect(missing.map((o) => `${o.method} ${o.path}`), 'reference operations the simulator does not serve').toEqual([])
  })
})
