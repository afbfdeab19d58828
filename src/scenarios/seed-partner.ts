import { partners, partnerAccounts } from '../state/db/schema'
import { upsertCredential } from '../state/auth'
import { findPartnerByName } from '../state/partners'
import { ScenarioError } from './scenario-error'
import type { Store } from '../state/store'
import { seedConsumer, seedRandomConsumers } from './seed-consumers'
import { seedScaDevice } from './seed-sca'
import type { PartnerSeed } from './schema'

export interface SeededPartner {
  id: string
  /** Partner account ids by e-mail. */
  users: Record<string, string>
  /** Consumer ids by scenario ref (or by index when no ref is given). */
  consumers: Record<string, string>
}

/** Creates a partner, its user accounts (with logins) and its end-users. */
export function seedPartner(store: Store, seed: PartnerSeed): SeededPartner {
  if (findPartnerByName(store, seed.name)) throw new ScenarioError([{ path: 'partners', message: `partner ${seed.name} already exists` }])
  const now = store.clock.nowMs()
  const id = store.rng.uuid()
  const domain = `${seed.name}.test`
  store.db
    .insert(partners)
    .values({
      id,
      name: seed.name,
      displayName: seed.displayName ?? seed.name,
      logoUrl: seed.logoUrl ?? null,
      contactInformation: seed.contactInformation ?? {
        adminEmail: `admin@${domain}`, billingEmail: `billing@${domain}`, commercialEmail: `sales@${domain}`,
        techEmail: `tech@${domain}`, complianceEmail: `compliance@${domain}`,
      },
      limits: seed.limits ?? {},
      settings: seed.settings,
      creationDate: now,
      updateDate: now,
    })
    .run()
  const users: Record<string, string> = {}
  for (const user of seed.users) {
    const accountId = store.rng.uuid()
    const roles = user.roles
    store.db.insert(partnerAccounts).values({ id: accountId, partnerId: id, email: user.email.toLowerCase(), roles, creationDate: now, updateDate: now }).run()
    const password = user.password ?? store.rng.secret(9)
    upsertCredential(store, { partnerId: id, kind: 'PARTNER', principalId: accountId, login: user.email.toLowerCase(), password, oneTime: user.password === undefined })
    users[user.email] = accountId
  }
  const consumers: Record<string, string> = {}
  seed.consumers.forEach((c, i) => {
    consumers[c.ref ?? String(i)] = seedConsumer(store, id, c)
    if (c.scaDevice) seedScaDevice(store, id, consumers[c.ref ?? String(i)]!, c.scaDevice)
  })
  for (const [ref, consumerId] of Object.entries(seedRandomConsumers(store, id, seed.randomConsumers))) consumers[ref] = consumerId
  return { id, users, consumers }
}
