import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { simBody } from './sim.schemas'

// /_sim/clock: read, set, freeze and advance the simulator clock (all TTLs and lifecycles follow it).
export const clockRoutes = new Hono<AppEnv>()

const present = (c: { var: AppEnv['Variables'] }) => ({ now: c.var.store.clock.iso(), frozen: c.var.store.clock.frozen })

clockRoutes.get('/clock', (c) => c.json(present(c)))

const SetClock = z.strictObject({ now: z.string().datetime({ offset: true }).optional(), frozen: z.boolean().optional() })
clockRoutes.post('/clock', async (c) => {
  const body = await simBody(c.req, SetClock)
  const clock = c.var.store.clock
  if (body.now) clock.set(Date.parse(body.now))
  if (body.frozen === true && !clock.frozen) clock.freeze()
  if (body.frozen === false && clock.frozen) clock.unfreeze()
  return c.json(present(c))
})

const Advance = z.strictObject({ seconds: z.number().min(0).max(100 * 365 * 24 * 3600) })
clockRoutes.post('/clock/advance', async (c) => {
  const { seconds } = await simBody(c.req, Advance)
  c.var.store.clock.advance(seconds * 1000)
  return c.json(present(c))
})
