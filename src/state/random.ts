import { createHash } from 'node:crypto'
import { Faker, en, fr, base } from '@faker-js/faker'

// All ids, names, codes and secrets come from here. The stream is counter-based (SHA-256 of
// seed and block number), so its position is one integer that the store persists with each
// write: same seed + same requests = same world, even across restarts.

export interface RngState {
  seed: number
  /** Number of 32-bit words drawn so far. */
  counter: number
}

export class Rng {
  private seedValue: number
  private counterValue: number
  private block: Uint32Array | null = null
  private blockIndex = -1
  private readonly faker = new Faker({ locale: [fr, en, base] })

  constructor(state: RngState) {
    this.seedValue = state.seed
    this.counterValue = state.counter
  }

  get state(): RngState {
    return { seed: this.seedValue, counter: this.counterValue }
  }

  /** Moves the stream (used by reset and by a rolled-back transaction). */
  restore(state: RngState): void {
    this.seedValue = state.seed
    this.counterValue = state.counter
    this.block = null
    this.blockIndex = -1
  }

  /** Next uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const index = Math.floor(this.counterValue / 8)
    if (index !== this.blockIndex || !this.block) {
      const digest = createHash('sha256').update(`${this.seedValue}:${index}`).digest()
      this.block = new Uint32Array(digest.buffer, digest.byteOffset, 8)
      this.blockIndex = index
    }
    const word = this.block[this.counterValue % 8]!
    this.counterValue += 1
    return word
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return (this.uint32() * 2 ** 21 + (this.uint32() >>> 11)) / 2 ** 53
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[this.int(0, items.length - 1)]!
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n)
    for (let i = 0; i < n; i += 4) {
      const w = this.uint32()
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (w >>> (8 * j)) & 0xff
    }
    return out
  }

  /** RFC 4122 version-4 UUID built from the stream. */
  uuid(): string {
    const b = this.bytes(16)
    b[6] = (b[6]! & 0x0f) | 0x40
    b[8] = (b[8]! & 0x3f) | 0x80
    const h = b.toString('hex')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }

  /** A string of n decimal digits (codes, OTPs). */
  digits(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += String(this.int(0, 9))
    return s
  }

  /** URL-safe opaque secret of `bytes` random bytes. */
  secret(bytes = 24): string {
    return this.bytes(bytes).toString('base64url')
  }

  /** A faker instance freshly seeded from the stream: one draw per generated entity. */
  fake(): Faker {
    this.faker.seed(this.uint32())
    return this.faker
  }
}

/** A seed for worlds started without --seed. Only place that reads real entropy. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31)
}

/**
 * sha256 of `parts` as hex: for values that must be reproducible without drawing from the world's
 * stream (ids of things outside the world or created at network-timing-dependent moments).
 */
export function derivedHex(...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex')
}

/** A version-4-shaped UUID derived from `parts` (see derivedHex): same parts, same id. */
export function derivedUuid(...parts: (string | number)[]): string {
  const hex = derivedHex(...parts)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
