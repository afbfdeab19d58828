import { eq } from 'drizzle-orm'
import { getCorporate } from './corporates'
import { corporateRelated, corporates, corporateShares } from './db/schema'
import { deleteFileLinks } from './documents/file-links'
import { deleteEndUserFootprint } from './end-user-delete'
import type { Scope } from './scope'
import type { Store } from './store'

/**
 * DELETE /corporates/{id} (sandbox only): removes the corporate, its related persons and entities
 * with their shares, and everything that hangs off it and them (the related persons' verifications,
 * KYCs and messages; the corporate's login and tokens, SCA, documents and money:
 * state/end-user-delete.ts) and the diligence-review links issued about it, so its incorporation code
 * and owner phone can be used again. Another partner's corporate reads as CORPORATE_NOT_FOUND.
 */
export function deleteCorporate(store: Store, scope: Scope, corporateId: string): void {
  const { id, partnerId } = getCorporate(store, scope, corporateId)
  const related = store.db.select({ id: corporateRelated.id }).from(corporateRelated).where(eq(corporateRelated.corporateId, id)).all().map((r) => r.id)
  deleteEndUserFootprint(store, partnerId, 'CORPORATE', id, related)
  deleteFileLinks(store, [id])
  store.db.delete(corporateShares).where(eq(corporateShares.corporateId, id)).run()
  store.db.delete(corporateRelated).where(eq(corporateRelated.corporateId, id)).run()
  store.db.delete(corporates).where(eq(corporates.id, id)).run()
}
