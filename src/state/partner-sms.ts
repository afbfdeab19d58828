import { SimError, ValidationError } from './errors'
import { recordMessage } from './outbox'
import { getPartner, partnerSettings } from './partners'
import { getPersonConsumer } from './persons'
import { getRelatedPerson } from './corporate-related'
import type { Scope } from './scope'
import type { Store } from './store'

// POST /sms: a partner sends its own text by SMS to one of its end-users, through LinkCy. It is an
// option of the partner's contract: without it LinkCy answers SERVICE_NOT_ACTIVE.

export interface SmsRequest {
  consumerId?: string
  relatedPhysicalPersonId?: string
  message: string
}

/**
 * Sends (records in the outbox) the partner's SMS to a consumer or a corporate-related physical
 * person. Refused with 409 SERVICE_NOT_ACTIVE when the partner setting smsServiceActive is off; an
 * unknown person is 400 PERSON_NOT_FOUND. SIM: a related person declared without a phone is a 400.
 */
export function sendSms(store: Store, scope: Scope, req: SmsRequest): void {
  const partner = getPartner(store, scope.partnerId)
  if (!partnerSettings(partner).smsServiceActive) throw new SimError('SERVICE_NOT_ACTIVE')
  if (!req.consumerId) {
    const id = req.relatedPhysicalPersonId
    if (!id) throw new ValidationError([{ field: 'consumerId', rejectedValue: null, message: 'must not be null' }])
    const related = getRelatedPerson(store, scope, id)
    if (!related.phoneDigits) throw new ValidationError([{ field: 'relatedPhysicalPersonId', rejectedValue: id, message: 'phone must not be null' }])
    return recordSms(store, scope, related, req.message, partner.displayName ?? partner.name)
  }
  recordSms(store, scope, getPersonConsumer(store, scope, req.consumerId), req.message, partner.displayName ?? partner.name)
}

/** The SMS in the outbox, to the person's phone. */
function recordSms(store: Store, scope: Scope, person: { id: string; phoneDigits: string | null }, text: string, sender: string): void {
  recordMessage(store, {
    partnerId: scope.partnerId, channel: 'SMS', recipient: `+${person.phoneDigits}`, personId: person.id, purpose: 'PARTNER_SMS', text, payload: { sender },
  })
}
