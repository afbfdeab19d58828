import { describe, expect, it } from 'vitest'
import { Clock, formatIsoDuration, parseIsoDuration, type ClockState } from '../../src/state/clock'

// A controllable "real" time source, so the running clock can be observed without sleeping.
function realTime(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start
  return { now: () => now, pass: (ms: number) => (now += ms) }
}

describe('Clock', () => {
  it('runs with real time by default', () => {
    const real = realTime()
    const clock = new Clock({}, real.now)
    expect(clock.nowMs()).toBe(real.now())
    real.pass(1500)
    expect(clock.nowMs()).toBe(real.now())
    expect(clock.frozen).toBe(false)
    expect(clock.iso()).toBe('2026-01-01T00:00:01.500Z')
  })

  it('freezes at the current instant or a given one, and stays there while real time passes', () => {
    const real = realTime()
    const clock = new Clock({}, real.now)
    clock.freeze()
    const at = clock.nowMs()
    real.pass(60_000)
    expect(clock.nowMs()).toBe(at)
    expect(clock.frozen).toBe(true)
    clock.freeze(Date.parse('2030-05-05T05:05:05Z'))
    expect(clock.iso()).toBe('2030-05-05T05:05:05.000Z')
  })

  it('set keeps the mode: a running clock runs on from the new instant, a frozen one stays', () => {
    const real = realTime()
    const clock = new Clock({}, real.now)
    clock.set(Date.parse('2027-01-01T00:00:00Z'))
    real.pass(1000)
    expect(clock.iso()).toBe('2027-01-01T00:00:01.000Z')
    clock.freeze()
    clock.set(Date.parse('2028-01-01T00:00:00Z'))
    real.pass(1000)
    expect(clock.iso()).toBe('2028-01-01T00:00:00.000Z')
    expect(clock.frozen).toBe(true)
  })

  it('advances forward only', () => {
    const clock = new Clock({}, realTime().now)
    clock.freeze(0)
    clock.advance(3_600_000)
    expect(clock.nowMs()).toBe(3_600_000)
    expect(() => clock.advance(-1)).toThrow(RangeError)
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError)
    expect(clock.nowMs()).toBe(3_600_000)
  })

  it('unfreezes from the instant it shows, then runs', () => {
    const real = realTime()
    const clock = new Clock({}, real.now)
    clock.freeze(Date.parse('2026-06-01T12:00:00Z'))
    real.pass(10_000)
    clock.unfreeze()
    expect(clock.iso()).toBe('2026-06-01T12:00:00.000Z')
    real.pass(2_000)
    expect(clock.iso()).toBe('2026-06-01T12:00:02.000Z')
    expect(clock.frozen).toBe(false)
  })

  it('reset goes back to real, running time', () => {
    const real = realTime()
    const clock = new Clock({}, real.now)
    clock.freeze(0)
    clock.reset()
    expect(clock.frozen).toBe(false)
    expect(clock.nowMs()).toBe(real.now())
  })

  it('reports every change (so the store can persist it) and restores from a snapshot', () => {
    const real = realTime()
    const clock = new Clock({}, real.now)
    const seen: ClockState[] = []
    clock.onChange = (s) => seen.push(s)
    clock.freeze(1000)
    clock.advance(500)
    clock.unfreeze()
    clock.reset()
    expect(seen).toHaveLength(4)
    expect(seen[1]).toMatchObject({ frozenAt: 1500 })
    clock.set(Date.parse('2026-02-02T00:00:00Z'))
    const restored = new Clock(clock.snapshot(), real.now)
    expect(restored.nowMs()).toBe(clock.nowMs())
    expect(restored.frozen).toBe(clock.frozen)
  })
})

describe('ISO-8601 durations', () => {
  it('parses the durations LinkCy uses', () => {
    expect(parseIsoDuration('PT10M')).toBe(600_000)
    expect(parseIsoDuration('PT48H')).toBe(48 * 3_600_000)
    expect(parseIsoDuration('P7D')).toBe(7 * 86_400_000)
    expect(parseIsoDuration('PT1800S')).toBe(1_800_000)
    expect(parseIsoDuration('PT8H6M12.345S')).toBe(((8 * 60 + 6) * 60 + 12) * 1000 + 345)
    expect(parseIsoDuration('P1DT1H')).toBe(25 * 3_600_000)
  })

  it('rejects what is not a duration', () => {
    for (const bad of ['', 'P', 'PT', 'P1DT', '10M', 'PT-5M', 'PT5X', 'P1Y', 'pt10m']) expect(parseIsoDuration(bad), bad).toBeNull()
  })

  it('formats milliseconds as LinkCy answers them', () => {
    expect(formatIsoDuration(600_000)).toBe('PT10M')
    expect(formatIsoDuration(48 * 3_600_000)).toBe('PT48H')
    expect(formatIsoDuration(30 * 24 * 3_600_000)).toBe('PT720H')
    expect(formatIsoDuration(3_661_000)).toBe('PT1H1M1S')
    expect(formatIsoDuration(45_000)).toBe('PT45S')
    expect(formatIsoDuration(0)).toBe('PT0S')
  })

  it('round-trips whole seconds', () => {
    for (const ms of [1000, 59_000, 600_000, 3_600_000, 90_061_000]) expect(parseIsoDuration(formatIsoDuration(ms))).toBe(ms)
  })
})
