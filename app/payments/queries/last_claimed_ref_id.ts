import PaymentEvent from '#models/payment_event'
import type Payment from '#models/payment'
import { PaymentEventType } from '#payments/enums/payment_event_type'

/**
 * The eSewa reference a v1 redirect claimed, for transrec when the
 * reconciler checks a payment whose redirect came earlier.
 */
export async function lastClaimedRefId(payment: Payment): Promise<string | null> {
  if (payment.gateway !== 'esewa_v1') return null
  const event = await PaymentEvent.query()
    .where('paymentId', payment.id)
    .where('type', PaymentEventType.CallbackReceived)
    .whereRaw(`data->>'source' = 'success_redirect'`)
    .orderBy('id', 'desc')
    .first()
  const query = (event?.data?.query ?? {}) as Record<string, unknown>
  return typeof query.refId === 'string' ? query.refId : null
}
