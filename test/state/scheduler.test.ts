import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/state/store'
import { runDueJobs, schedule, type JobHandler } from '../../src/state/scheduler'
import { tx } from '../../src/state/store'

describe('scheduler', () => {
  it('runs due jobs in due order, each at its due instant, and follow-ups scheduled by them', () => {
    const store = openStore({ dbPath: ':memory:', seed: 1 })
    store.clock.freeze(Date.parse('2026-01-01T00:00:00Z'))
    const t0 = store.clock.nowMs()
    const seen: string[] = []
    const handlers: Record<string, JobHandler> = {
      PING: (s, p) => {
        seen.push(`${String(p.name)}@${s.clock.nowMs() - t0}`)
        if (p.name === 'a') schedule(s, 'p', 'PING', s.clock.nowMs() + 500, { name: 'a-follow-up' })
      },
    }
    tx(store, () => {
      schedule(store, 'p', 'PING', t0 + 2000, { name: 'b' })
      schedule(store, 'p', 'PING', t0 + 1000, { name: 'a' })
      schedule(store, 'p', 'PING', t0 + 9000, { name: 'later' })
    })
    expect(runDueJobs(store, handlers)).toBe(0)
    store.clock.advance(3000)
    expect(runDueJobs(store, handlers)).toBe(3)
    expect(seen).toEqual(['a@1000', 'a-follow-up@1500', 'b@2000'])
    expect(store.clock.nowMs() - t0).toBe(3000) // the replay did not move the clock
  })

  it('drops a job that fails, without stopping the others', () => {
    const store = openStore({ dbPath: ':memory:', seed: 1 })
    store.clock.freeze(Date.parse('2026-01-01T00:00:00Z'))
    const seen: string[] = []
    tx(store, () => {
      schedule(store, 'p', 'BOOM', store.clock.nowMs(), {})
      schedule(store, 'p', 'OK', store.clock.nowMs(), {})
    })
    const quiet = console.error
    console.error = () => {}
    try {
      expect(runDueJobs(store, { BOOM: () => { throw new Error('boom') }, OK: () => { seen.push('ok') } })).toBe(2)
    } finally {
      console.error = quiet
    }
    expect(seen).toEqual(['ok'])
    expect(runDueJobs(store, {})).toBe(0)
  })
})
