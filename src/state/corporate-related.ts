import { and, eq } from 'drizzle-orm'
import { findCorporate, type CorporateRow } from './corporates'
import { corporateRelated } from './db/schema'
import { SimError } from './errors'
import type { RelatedRow } from './kyb-graph'
import { isEndUser, type Scope } from './scope'
import type { Store } from './store'

// The corporate-related persons and entities of a corporate (tag KYB), as the KYB operations find
// them: a partner sees its corporates' rows; a corporate end-user (its account owner) only its own.
// Another partner's, another corporate's or a consumer's call reads as absent.

export type { CorporateRow, RelatedRow }

/** A related row by id whatever its partner (follow-ups of an already scoped operation). */
export function relatedById(store: Store, relatedId: string): RelatedRow | undefined {
  return store.db.select().from(corporateRelated).where(eq(corporateRelated.id, relatedId)).get()
}

/** The related row this caller may see (of one of its partner's corporates; a corporate end-user: of itself), or undefined. */
export function findRelated(store: Store, scope: Scope, relatedId: string): RelatedRow | undefined {
  const row = store.db.select().from(corporateRelated).where(and(eq(corporateRelated.partnerId, scope.partnerId), eq(corporateRelated.id, relatedId))).get()
  if (!row || (isEndUser(scope) && !findCorporate(store, scope, row.corporateId))) return undefined
  return row
}

/**
 * The related person or entity `relatedId` of the corporate `corporateId`, both visible to the
 * caller; LinkCy's CORPORATE_RELATED_NOT_FOUND (404) otherwise (an unknown corporate included).
 */
export function getCorporateRelated(store: Store, scope: Scope, corporateId: string, relatedId: string): { corporate: CorporateRow; related: RelatedRow } {
  const corporate = findCorporate(store, scope, corporateId)
  const related = corporate && findRelated(store, scope, relatedId)
  if (!corporate || !related || related.corporateId !== corporate.id) throw new SimError('CORPORATE_RELATED_NOT_FOUND', [relatedId])
  return { corporate, related }
}

/** Writes columns of a related row; its updateDate moves to `at`. */
export function setRelatedColumns(store: Store, relatedId: string, columns: Partial<RelatedRow>, at: number): void {
  store.db.update(corporateRelated).set({ ...columns, updateDate: at }).where(eq(corporateRelated.id, relatedId)).run()
}

/** A related person's display name ("First Middle Last"), or its registered name for an entity. */
export function relatedName(row: RelatedRow): string {
  if (row.kind === 'CORPORATE') return row.registeredName ?? row.id
  return [row.firstName, row.middleName, row.lastName].filter(Boolean).join(' ') || row.id
}

/** LinkCy's person type of a corporate-related physical person (KYC and verification messages). */
const RELATED_PHYSICAL_PERSON = 'CORPORATE_RELATED_PHYSICAL_PERSON'

/**
 * Whether a KYC or verification body targets a corporate-related person: a partner naming
 * relatedPhysicalPersonId (and no consumerId), or a corporate's account owner naming one of its
 * related persons. A consumer end-user always acts on itself.
 */
export function targetsRelatedPerson(scope: Scope, target: { consumerId?: string; relatedPhysicalPersonId?: string }): boolean {
  if (scope.principal?.kind === 'CORPORATE') return true
  return scope.principal?.kind !== 'CONSUMER' && !target.consumerId && !!target.relatedPhysicalPersonId
}

/**
 * The related physical person a KYC or verification operation targets; PERSON_ID_REQUIRED for a
 * corporate that names none, PERSON_NOT_FOUND (400, on relatedPhysicalPersonId; 404 where the
 * reference says so) for an unknown one, another partner's or corporate's, or a legal entity.
 */
export function getRelatedPerson(store: Store, scope: Scope, relatedId: string | undefined, notFoundStatus?: 404): RelatedRow {
  if (!relatedId) throw new SimError('PERSON_ID_REQUIRED', [scope.principal?.kind ?? 'ANONYMOUS'], { field: 'relatedPhysicalPersonId', rejectedValue: null })
  const row = findRelated(store, scope, relatedId)
  if (!row || row.kind !== 'PHYSICAL_PERSON') {
    throw new SimError('PERSON_NOT_FOUND', [RELATED_PHYSICAL_PERSON, relatedId], { field: 'relatedPhysicalPersonId', rejectedValue: relatedId, ...(notFoundStatus ? { status: notFoundStatus } : {}) })
  }
  return row
}
