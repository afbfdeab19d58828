import type { CardRuleCreator, CardRuleType } from './db/tables/card-profiles'
import { cardRulesOf, deleteRules, upsertRule, type CardRuleInput } from './card-rules'
import { getCard } from './cards'
import { SimError } from './errors'
import { isEndUser, userTypeOf, type Scope } from './scope'
import type { Store } from './store'

// PUT and DELETE of a card's rules. A rule belongs to its creator: the partner's (PARTNER) and the
// end-user's (END_USER) rules of a type coexist and the lower limit applies, so an end-user can
// tighten a limit but never loosen the partner's. LinkCy's own rules (LINKCY, set by a suspension)
// are out of reach of both.

export interface CardRuleUpdate extends CardRuleInput {
  /** Newer API versions let the caller say whose rule it sets (END_USER, PARTNER, LINKCY). */
  creatorType?: CardRuleCreator | null
}

/**
 * Whose rule a call sets: an end-user token sets its own (END_USER); a partner token sets PARTNER
 * rules, or END_USER ones when it says so (a partner app relaying its user's choice). Asking for a
 * creator the caller cannot act as (LINKCY; PARTNER with an end-user token) is 403 INSUFFICIENT_RIGHTS.
 */
function creatorOf(scope: Scope, asked: CardRuleCreator | null | undefined): CardRuleCreator {
  const own: CardRuleCreator = isEndUser(scope) ? 'END_USER' : 'PARTNER'
  if (!asked || asked === own) return own
  if (asked === 'END_USER' && own === 'PARTNER') return 'END_USER'
  throw new SimError('INSUFFICIENT_RIGHTS', [userTypeOf(scope)])
}

/**
 * Update a rule from card (Card_updateRule): creates or replaces the caller's rule of `type` on the
 * card (404 CARD_NOT_FOUND for another partner's or another end-user's card). Any card status.
 */
export function updateCardRule(store: Store, scope: Scope, cardId: string, rule: CardRuleUpdate): void {
  const card = getCard(store, scope, cardId)
  upsertRule(store, card.partnerId, 'CARD', card.id, creatorOf(scope, rule.creatorType), { type: rule.type, value: rule.value, name: rule.name })
}

/**
 * Remove rule from card (Card_removeRule). A partner removes the partner's and the end-user's rule
 * of the type; an end-user only its own, and asking to remove a partner's rule when it has none of
 * its own is 403 INSUFFICIENT_RIGHTS. Removing an absent rule is a no-op (204).
 */
export function removeCardRule(store: Store, scope: Scope, cardId: string, type: CardRuleType): void {
  const card = getCard(store, scope, cardId)
  if (!isEndUser(scope)) {
    deleteRules(store, 'CARD', card.id, type, ['PARTNER', 'END_USER'])
    return
  }
  if (deleteRules(store, 'CARD', card.id, type, ['END_USER']) > 0) return
  if (cardRulesOf(store, card.id).some((r) => r.type === type && r.creator === 'PARTNER')) {
    throw new SimError('INSUFFICIENT_RIGHTS', [userTypeOf(scope)])
  }
}
