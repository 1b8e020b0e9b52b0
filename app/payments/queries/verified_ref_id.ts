import PaymentEvent from '#models/payment_event'
import type Payment from '#models/payment'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { refIdProblem } from '#payments/esewa_ref_id'

/** How many verified redirects of one payment are looked at, newest first. */
const LOOK_BACK = 20

/**
 * The eSewa reference to re-check a v1 payment with (transrec needs one)
 * when eSewa has not confirmed one yet: only a reference from a verified
 * success redirect (its `oid` and amount matched this attempt), never one
 * from a redirect that failed its checks. The newest that transrec has not
 * already refused; if it refused them all, the first the payer brought
 * back. v2 needs none: its status API asks by transaction id.
 */
export async function verifiedRedirectRefId(payment: Payment): Promise<string | null> {
  if (payment.gateway !== 'esewa_v1') return null
  const verified = await PaymentEvent.query()
    .where('paymentId', payment.id)
    .where('type', PaymentEventType.RedirectVerified)
    .orderBy('id', 'desc')
    .limit(LOOK_BACK)
  const refIds = [
    ...new Set(
      verified
        .map((event) => event.data.refId)
        .filter((refId): refId is string => refIdProblem(refId) === null)
    ),
  ]
  if (refIds.length === 0) return null
  const refused = await refusedRefIds(payment)
  return refIds.find((refId) => !refused.has(refId)) ?? refIds.at(-1)!
}

/** References transrec answered with a failure for this payment. */
async function refusedRefIds(payment: Payment) {
  const answers = await PaymentEvent.query()
    .where('paymentId', payment.id)
    .where('type', PaymentEventType.VerificationResponse)
    .whereRaw(`data->>'outcome' = 'not_found'`)
    .orderBy('id', 'desc')
    .limit(LOOK_BACK * 5)
  return new Set(
    answers
      .map((event) => (event.data.request as { form?: { rid?: unknown } } | undefined)?.form?.rid)
      .filter((rid): rid is string => typeof rid === 'string' && rid !== '')
  )
}
