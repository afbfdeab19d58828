import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { clockRoutes } from './clock.routes'
import { scenarioRoutes, type ScenarioSource } from './scenarios.routes'
import { outboxRoutes } from './outbox.routes'
import { simVerificationRoutes } from './verifications.routes'
import { simKycRoutes } from './kyc.routes'
import { simScaRoutes } from './sca.routes'
import { simMoneyRoutes } from './money.routes'
import { simCardRoutes } from './cards.routes'
import { simDocumentRoutes } from './documents.routes'
import { simAcquiringRoutes } from './acquiring.routes'
import { simWebhookRoutes } from './webhooks.routes'
import { simKybRoutes } from '../kyb/kyb-sim.routes'
import { simSnapshotRoutes } from './snapshots.routes'
import { simFaultRoutes } from './faults.routes'

// OUR control plane, under /_sim (never under /api/partner): what tests, demos and the simulated
// phone use to drive the world. It needs no token: it is the simulator's, not LinkCy's.
export function createSimRoutes(source: ScenarioSource) {
  const sim = new Hono<AppEnv>()
  sim.route('/_sim', clockRoutes)
  sim.route('/_sim', scenarioRoutes(source))
  sim.route('/_sim', outboxRoutes)
  sim.route('/_sim', simVerificationRoutes)
  sim.route('/_sim', simKycRoutes)
  sim.route('/_sim', simScaRoutes)
  sim.route('/_sim', simMoneyRoutes)
  sim.route('/_sim', simCardRoutes)
  sim.route('/_sim', simDocumentRoutes)
  sim.route('/_sim', simAcquiringRoutes)
  sim.route('/_sim', simWebhookRoutes)
  sim.route('/_sim', simKybRoutes)
  sim.route('/_sim', simSnapshotRoutes)
  sim.route('/_sim', simFaultRoutes)
  return sim
}
