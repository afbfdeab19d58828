// Tiny object helpers shared by state operations and presenters.

/**
 * Drops undefined and null members: LinkCy (Jackson) reads a null member as an absent one, and its
 * responses omit absent optional fields.
 */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null)) as T
}

/** Drops undefined members only (an explicit null is kept): what a merge of known values needs. */
export function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>
}
