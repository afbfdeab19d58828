import { Hono } from 'hono'
import { z } from 'zod'
import { ValidationError } from '../../state/errors'
import type { AppEnv } from '../env'
import { simBody } from './sim.schemas'

// /_sim/clock: read, set, freeze and advance the simulator clock (all TTLs and lifecycles follow it).
export const clockRoutes = new Hono<AppEnv>()

const present = (c: { var: AppEnv['Variables'] }) => ({ now: c.var.store.clock.iso(), frozen: c.var.store.clock.frozen })

clockRoutes.get('/clock', (c) => c.json(present(c)))

const SetClock = z.strictObject({ now: z.string().datetime({ offset: true }).optional(), frozen: z.boolean().optional() })

/**
 * POST /_sim/clock {now?, frozen?}: jumps to `now` and/or freezes or lets the clock run. Time only
 * moves forward (TTLs, lifecycles and scheduled jobs assume it): a `now` before the current instant
 * is a 400 on `now` (POST /_sim/reset goes back to real time).
 */
clockRoutes.post('/clock', async (c) => {
  const body = await simBody(c.req, SetClock)
  const clock = c.var.store.clock
  const target = body.now === undefined ? undefined : Date.parse(body.now)
  if (target !== undefined && target < clock.nowMs()) {
    throw new ValidationError([{ field: 'now', rejectedValue: body.now, message: `must not be before the simulator's current time ${clock.iso()}` }])
  }
  if (target !== undefined) clock.set(target)
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
