// The whole drizzle schema. drizzle-kit reads this file; every top-level row carries partner_id.
export * from './tables/sim'
export * from './tables/partners'
export * from './tables/auth'
export * from './tables/consumers'
export * from './tables/verifications'
export * from './tables/kyc'
export * from './tables/messages'
export * from './tables/sca'
