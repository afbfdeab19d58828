import type { Store } from '../state/store'
import type { Principal } from '../state/scope'

/** Hono variables every handler can read. */
export interface AppEnv {
  Variables: {
    store: Store
    /** null for anonymous calls (login, consumer creation with partnerName, ...). */
    principal: Principal | null
  }
}
