import { and, eq } from 'drizzle-orm'
import { partners, partnerAccounts } from '../state/db/schema'
import { recordMessage } from '../state/outbox'
import { upsertCredential } from '../state/auth'
import { findPartnerByName } from '../state/partners'
import { ScenarioError } from './scenario-error'
import type { Store } from '../state/store'
import { seedConsumer, seedRandomConsumers } from './seed-consumers'
import { seedScaDevice } from './seed-sca'
import { seedLedgers } from './seed-ledgers'
import { seedCorporates } from './seed-corporates'
import type { PartnerSeed } from './schema'

export interface SeededPartner {
  id: string
  /** Partner account ids by e-mail. */
  users: Record<string, string>
  /** Consumer ids by scenario ref (or by index when no ref is given). */
  consumers: Record<string, string>
  /** Corporate ids by scenario ref (or `corporate<index>`). */
  corporates: Record<string, string>
  /** Ledger ids by scenario ref (or `<consumer ref>.<index>`). */
  ledgers: Record<string, string>
  /** Card ids by scenario ref (or `<ledger ref>.card<index>`). */
  cards: Record<string, string>
}

/**
 * Creates a partner, its user accounts (with logins) and its end-users. A partner that already
 * exists is extended instead: its settings are merged and the users and end-users added to it.
 */
export function seedPartner(store: Store, seed: PartnerSeed, path = 'partners'): SeededPartner {
  const now = store.clock.nowMs()
  const existing = findPartnerByName(store, seed.name)
  const id = existing?.id ?? insertPartner(store, seed, now)
  if (existing) mergePartnerSettings(store, id, seed.settings, now)
  const users: Record<string, string> = {}
  seed.users.forEach((user, i) => {
    users[user.email] = seedPartnerUser(store, id, user, now, `${path}.users[${i}].email`)
  })
  const consumers: Record<string, string> = {}
  const ledgers: Record<string, string> = {}
  const cards: Record<string, string> = {}
  seed.consumers.forEach((c, i) => {
    const consumerId = seedConsumer(store, id, c)
    consumers[c.ref ?? String(i)] = consumerId
    if (c.scaDevice) seedScaDevice(store, id, consumerId, c.scaDevice)
    Object.assign(ledgers, seedLedgers(store, id, consumerId, c.ledgers, `${path}.consumers[${i}].ledgers`, c.ref ?? String(i), cards))
  })
  for (const [ref, consumerId] of Object.entries(seedRandomConsumers(store, id, seed.randomConsumers))) consumers[ref] = consumerId
  const corporates = seedCorporates(store, id, seed.corporates, `${path}.corporates`, ledgers, cards)
  return { id, users, consumers, corporates, ledgers, cards }
}

function insertPartner(store: Store, seed: PartnerSeed, now: number): string {
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
  return id
}

/** Overrides an existing partner's settings with the scenario's (when a scenario extends a partner). */
function mergePartnerSettings(store: Store, partnerId: string, settings: Record<string, unknown>, now: number): void {
  if (Object.keys(settings).length === 0) return
  const current = store.db.select().from(partners).where(eq(partners.id, partnerId)).get()!
  store.db.update(partners).set({ settings: { ...current.settings, ...settings }, updateDate: now }).where(eq(partners.id, partnerId)).run()
}

/**
 * A partner user account with its login. Without a password the account gets a one-time password,
 * "e-mailed" to the outbox as LinkCy does, and its first login answers a passwordChangeSecret.
 */
function seedPartnerUser(store: Store, partnerId: string, user: PartnerSeed['users'][number], now: number, path: string): string {
  const email = user.email.toLowerCase()
  const taken = store.db.select().from(partnerAccounts).where(and(eq(partnerAccounts.partnerId, partnerId), eq(partnerAccounts.email, email))).get()
  if (taken) throw new ScenarioError([{ path, message: `partner user ${email} already exists`, rejectedValue: user.email }])
  const accountId = store.rng.uuid()
  store.db.insert(partnerAccounts).values({ id: accountId, partnerId, email, roles: user.roles, creationDate: now, updateDate: now }).run()
  const password = user.password ?? store.rng.secret(9)
  upsertCredential(store, { partnerId, kind: 'PARTNER', principalId: accountId, login: email, password, oneTime: user.password === undefined })
  if (user.password === undefined) {
    recordMessage(store, { partnerId, channel: 'EMAIL', recipient: email, personId: null, purpose: 'PARTNER_ACCOUNT_OTP', text: `Your one-time password: ${password}`, payload: { otp: password } })
  }
  return accountId
}
