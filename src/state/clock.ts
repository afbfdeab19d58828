// The simulator's only source of time. It runs with real time by default (offset 0), and can be
// set, frozen and advanced so tests and demos make days pass without sleeping.

export interface ClockState {
  /** Milliseconds added to the real time while the clock runs. */
  offsetMs: number
  /** When frozen, the instant the clock shows (epoch ms); otherwise null. */
  frozenAt: number | null
}

export class Clock {
  private state: ClockState
  private readonly realNow: () => number
  /** Called after every change so the store can persist the clock (a restart keeps time). */
  onChange?: (state: ClockState) => void

  constructor(state: Partial<ClockState> = {}, realNow: () => number = Date.now) {
    this.realNow = realNow
    this.state = { offsetMs: state.offsetMs ?? 0, frozenAt: state.frozenAt ?? null }
  }

  /** Set while a scheduled job runs: the instant the job was due (see `at`). */
  private replayingAt: number | null = null

  /** Current simulator time in epoch milliseconds. */
  nowMs(): number {
    return this.replayingAt ?? this.state.frozenAt ?? this.realNow() + this.state.offsetMs
  }

  /**
   * Runs `fn` with the clock showing `instant` (not persisted). The scheduler runs a job due in the
   * past at its due instant, so what it records and schedules is dated as if time had passed gradually.
   */
  at<T>(instant: number, fn: () => T): T {
    const previous = this.replayingAt
    this.replayingAt = instant
    try {
      return fn()
    } finally {
      this.replayingAt = previous
    }
  }

  now(): Date {
    return new Date(this.nowMs())
  }

  /**
   * Wall-clock time, whatever the simulator shows: only for what a real system outside the world
   * checks against its own clock (a webhook's svix-timestamp), never for world state.
   */
  realNowMs(): number {
    return this.realNow()
  }

  /** ISO-8601 UTC string of the current simulator time. */
  iso(): string {
    return this.now().toISOString()
  }

  get frozen(): boolean {
    return this.state.frozenAt !== null
  }

  snapshot(): ClockState {
    return { ...this.state }
  }

  /** Stops the clock at its current instant (or at `at`). */
  freeze(at: number = this.nowMs()): void {
    this.state = { offsetMs: at - this.realNow(), frozenAt: at }
    this.onChange?.(this.snapshot())
  }

  /** Lets the clock run again from the instant it shows now. */
  unfreeze(): void {
    const at = this.nowMs()
    this.state = { offsetMs: at - this.realNow(), frozenAt: null }
    this.onChange?.(this.snapshot())
  }

  /** Jumps to an instant, keeping the frozen/running mode. */
  set(at: number): void {
    this.state = this.frozen ? { offsetMs: at - this.realNow(), frozenAt: at } : { offsetMs: at - this.realNow(), frozenAt: null }
    this.onChange?.(this.snapshot())
  }

  /** Moves time forward (never backwards: TTLs and lifecycles assume time only grows). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance needs a non-negative number of milliseconds')
    this.set(this.nowMs() + ms)
  }

  /** Back to real time, running. */
  reset(): void {
    this.state = { offsetMs: 0, frozenAt: null }
    this.onChange?.(this.snapshot())
  }
}

/** Parses the ISO-8601 durations LinkCy uses (PT10M, PT48H, P7D, PT1800S, PT8H6M12.345S) into ms. */
export function parseIsoDuration(text: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text)
  if (!m || text === 'P' || text.endsWith('T')) return null
  const [, d, h, min, s] = m
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Math.round(Number(s ?? 0) * 1000)
}

/** Renders milliseconds as the ISO-8601 duration LinkCy answers with (PT10M, PT48H, PT720H). */
export function formatIsoDuration(ms: number): string {
  let s = Math.round(ms / 1000)
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`
}
