import type { Store } from '../state/store'
import type { ConsumerSeed } from './schema'

// Placeholder until the consumer state module lands: creates a consumer in the declared state.
export function seedConsumer(_store: Store, _partnerId: string, _seed: ConsumerSeed): string {
  throw new Error('seedConsumer: not implemented yet')
}

export function seedRandomConsumers(_store: Store, _partnerId: string, count: number): Record<string, string> {
  if (count > 0) throw new Error('seedRandomConsumers: not implemented yet')
  return {}
}
