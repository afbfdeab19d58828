import { expect } from 'vitest'
import type { TestWorld } from './app'

/** Messages of the simulator's outbox for a person, newest first (GET /_sim/outbox). */
export async function outboxOf(w: TestWorld, personId: string): Promise<Array<Record<string, string>>> {
  const res = await w.call('GET', `/_sim/outbox?personId=${personId}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { content: Array<Record<string, string>> }).content
}
