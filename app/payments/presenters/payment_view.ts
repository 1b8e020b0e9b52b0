import type Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { formatNepalTime, formatNpr } from '#core/format'

export type PaymentState = 'waiting' | 'checking' | 'unlocked' | 'failed' | 'expired' | 'revoked'

const messages: Record<PaymentState, string> = {
  waiting: 'Waiting for your payment in eSewa…',
  checking: 'Still checking with eSewa. This page updates by itself.',
  unlocked: 'Paid. The room is unlocked.',
  failed: 'The payment did not go through. You have not been charged for this attempt.',
  expired: 'This payment attempt has expired. Start again to unlock the room.',
  revoked: 'This payment was refunded or reversed by eSewa, so the room is locked again.',
}

/**
 * What the paying client is shown about a payment: a state for the modal
 * and the receipt fields. Nothing about other people.
 */
export function describePaymentForClient(payment: Payment, lastCheckFailed: boolean) {
  const state: PaymentState = (() => {
    switch (payment.status) {
      case PaymentStatus.Complete:
        return 'unlocked'
      case PaymentStatus.Failed:
        return 'failed'
      case PaymentStatus.Expired:
        return 'expired'
      case PaymentStatus.Refunded:
      case PaymentStatus.Canceled:
      case PaymentStatus.Duplicate:
        return 'revoked'
      default:
        return lastCheckFailed ? 'checking' : 'waiting'
    }
  })()
  return {
    transactionId: payment.transactionId,
    status: payment.status,
    state,
    message:
      payment.status === PaymentStatus.Duplicate
        ? 'You had already unlocked this room; this second payment will be refunded.'
        : messages[state],
    roomId: payment.roomId,
    amount: formatNpr(payment.amount),
    esewaRefId: payment.esewaRefId,
    paidAt: payment.paidAt ? formatNepalTime(payment.paidAt) : null,
  }
}
