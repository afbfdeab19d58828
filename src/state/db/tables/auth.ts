import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core'
import { partners } from './partners'

/** The kinds of principal that log in to LinkCy. */
export type PrincipalKind = 'PARTNER' | 'CONSUMER' | 'CORPORATE'

/** A login (partner e-mail or end-user phone) and its password, for any kind of principal. */
export const credentials = sqliteTable('credentials', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  principalKind: text('principal_kind').$type<PrincipalKind>().notNull(),
  principalId: text('principal_id').notNull(),
  login: text('login').notNull(),
  passwordHash: text('password_hash'),
  /** True while the password is a one-time password that must be changed (new partner accounts). */
  oneTime: integer('one_time', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [
  uniqueIndex('credentials_login_uq').on(t.partnerId, t.principalKind, t.login),
  uniqueIndex('credentials_principal_uq').on(t.principalKind, t.principalId),
])

/** Single-use secrets accepted by passwords/change (from passwords/reset or a first OTP login). */
export const passwordSecrets = sqliteTable('password_secrets', {
  secret: text('secret').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  credentialId: text('credential_id').notNull().references(() => credentials.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('password_secrets_credential_ix').on(t.credentialId)])

/** Rotating refresh tokens: each use consumes the token and issues a new one. */
export const refreshTokens = sqliteTable('refresh_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  credentialId: text('credential_id').notNull().references(() => credentials.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  createdAt: integer('created_at').notNull(),
})
