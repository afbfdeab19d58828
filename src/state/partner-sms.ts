import { SimError, ValidationError } from './errors'
import { recordMessage } from './outbox'
import { getPartner, partnerSettings } from './partners'
import { getPersonConsumer } from './persons'
import type { Scope } from './scope'
import type { Store } from './store'
import { RELATED_PERSON_TYPE } from './verifications'

// POST /sms: a partner sends its own text by SMS to one of its end-users, through LinkCy. It is an
// option of the partner's contract: without it LinkCy answers SERVICE_NOT_ACTIVE.

export interface SmsRequest {
  consumerId?: string
  relatedPhysicalPersonId?: string
  message: string
}

/**
 * Sends (records in the outbox) the partner's SMS to a consumer. Refused with 409 SERVICE_NOT_ACTIVE
 * when the partner setting smsServiceActive is off; an unknown person is 400 PERSON_NOT_FOUND.
 */
export function sendSms(store: Store, scope: Scope, req: SmsRequest): void {
  const partner = getPartner(store, scope.partnerId)
  if (!partnerSettings(partner).smsServiceActive) throw new SimError('SERVICE_NOT_ACTIVE')
  if (!req.consumerId) {
    const id = req.relatedPhysicalPersonId
    if (!id) throw new ValidationError([{ field: 'consumerId', rejectedValue: null, message: 'must not be null' }])
    // SIM: corporate-related persons are not simulated yet, so every relatedPhysicalPersonId is unknown.
    throw new SimError('PERSON_NOT_FOUND', [RELATED_PERSON_TYPE, id], { field: 'relatedPhysicalPersonId', rejectedValue: id })
  }
  const consumer = getPersonConsumer(store, scope, req.consumerId)
  recordMessage(store, {
    partnerId: scope.partnerId, channel: 'SMS', recipient: `+${consumer.phoneDigits}`, personId: consumer.id, purpose: 'PARTNER_SMS',
    text: req.message, payload: { sender: partner.displayName ?? partner.name },
  })
}
