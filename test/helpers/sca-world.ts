import { createRoute, z } from '@hono/zod-openapi'
import { createApp, type App } from '../../src/app'
import { loadScenario, parseScenario, type LoadedScenario } from '../../src/scenarios/loader'
import { openStore, tx, type Store } from '../../src/state/store'
import { eq } from 'drizzle-orm'
import { credentials } from '../../src/state/db/schema'
import { issueTokens } from '../../src/state/auth'
import { getPartner } from '../../src/state/partners'
import { requires } from '../../src/routes/middleware/auth'
import { scaHeaders, waitingScaResponse, withSca } from '../../src/routes/middleware/sca'
import { createRouter, json, jsonBody } from '../../src/routes/openapi'
import { devicesOfEndUser } from '../../src/state/sca-devices'
import { defaultTarget } from '../../src/state/sca-targets'
import { OTHER, SANDBOX, partnerLogin, requester } from './app'

// A world for the SCA tests: the default partners plus consumers with and without SCA devices,
// a partner SCA policy chosen per test, and a probe route (an SCA-guarded CARD_CREATE stand-in with a
// minimal body) for the policy tests; the table-driven tests (sca-cases.ts) use the real POST /cards.

export const PHONES = {
  alice: '33612000001', // ACTIVE device, BIOMETRY + PIN
  bob: '33612000002', // no device
  carol: '33612000003', // ACTIVE device, BIOMETRY only
  dave: '33612000004', // device still PENDING_ACTIVATION
  erin: '33612000005', // ACTIVE device, second consumer with one (for cross-user checks)
} as const
export type Who = keyof typeof PHONES
export const PASSWORD = 'Consumer-Password-1'
export const PROBE_PATH = '/api/partner/sca-probe/cards'

const consumer = (ref: Who, scaDevice?: Record<string, unknown>) => ({
  ref, password: PASSWORD, phoneVerified: true, phone: { countryCode: '33', number: PHONES[ref].slice(2) }, ...(scaDevice ? { scaDevice } : {}),
})

export interface ScaWorld {
  app: App
  store: Store
  loaded: LoadedScenario
  ids: Record<Who, string>
  call(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<Response>
  partnerToken(): Promise<string>
  /** Logs a consumer in with BY_PASS: its tokens. */
  consumerTokens(who: Who): Promise<{ token: string; refreshToken: string }>
  deviceOf(who: Who): string
  /** The consumer of the other partner (same phone as alice), with an ACTIVE device. */
  olga: string
}

/** The world, with `sca` as the sandbox partner's policy (`null`: the defaults). */
export function makeScaWorld(sca: Record<string, unknown> | null = null): ScaWorld {
  const store = openStore({ dbPath: ':memory:', seed: 7 })
  store.clock.freeze(Date.parse('2026-01-15T10:00:00Z'))
  const scenario = parseScenario({
    partners: [
      {
        name: SANDBOX.partnerName, users: [{ email: SANDBOX.username, password: SANDBOX.password, roles: 'ALL' }],
        ...(sca ? { settings: { sca } } : {}),
        consumers: [
          consumer('alice', { factors: ['BIOMETRY', 'PIN'] }), consumer('bob'), consumer('carol', { factors: ['BIOMETRY'] }),
          consumer('dave', { status: 'PENDING_ACTIVATION', factors: ['BIOMETRY'] }), consumer('erin', { factors: ['BIOMETRY', 'PIN'] }),
        ],
      },
      {
        name: OTHER.partnerName, users: [{ email: OTHER.username, password: OTHER.password, roles: 'ALL' }],
        consumers: [{ ...consumer('alice', { factors: ['BIOMETRY'] }), ref: 'olga' }],
      },
    ],
  })
  const loaded = loadScenario(store, scenario)
  const app = createApp(store, { scenario })
  app.route('/', probeRoutes())
  const ids = loaded.partners.sandbox!.consumers as Record<Who, string>
  const call = requester(app)
  return {
    app, store, loaded, ids, call, olga: loaded.partners['other-sandbox']!.consumers.olga!,
    partnerToken: () => partnerLogin(call),
    async consumerTokens(who) {
      // Issued directly: the SCA policy under test must not stand in the way of the set-up.
      const credential = store.db.select().from(credentials).where(eq(credentials.principalId, ids[who])).get()!
      return tx(store, () => issueTokens(store, getPartner(store, credential.partnerId), credential))
    },
    deviceOf(who) {
      return devicesOfEndUser(store, ids[who])[0]!.id
    },
  }
}

export const loginBody = (who: Who) => ({ consumerPhone: PHONES[who], partnerName: 'sandbox', password: PASSWORD })

/** A CARD_CREATE-guarded probe for the policy tests: SCA for the end-user named in the body (defaultTarget), nothing created. */
function probeRoutes() {
  const router = createRouter()
  const route = createRoute({
    method: 'post', path: PROBE_PATH,
    middleware: [requires({ roles: ['CARD_CREATE'], endUser: true })] as const,
    request: { headers: scaHeaders, body: jsonBody(z.object({ endUserId: z.string().uuid(), friendlyName: z.string().max(20) })) },
    responses: { 201: json(z.object({ id: z.string() })), 202: waitingScaResponse },
  })
  let created = 0
  router.openapi(route, (c) => withSca(c, 'CARD_CREATE', () => {
    const { friendlyName } = c.req.valid('json')
    created += 1
    return c.json({ id: `${friendlyName}-${created}` }, 201)
  }, defaultTarget))
  return router
}

/** Asserts nothing; reads a JSON body. */
export const bodyOf = async (res: Response) => (await res.json()) as Record<string, unknown>
