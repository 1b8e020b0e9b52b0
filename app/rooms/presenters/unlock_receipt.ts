import type Payment from '#models/payment'
import { formatNepalTime, formatNpr } from '#core/format'

/**
 * The receipt a client sees on a room they unlocked: what they paid, when
 * (Nepal time), eSewa's reference and the transaction id.
 */
export function presentUnlockReceipt(payment: Payment) {
  return {
    transactionId: payment.transactionId,
    amount: formatNpr(payment.amount),
    esewaRefId: payment.esewaRefId,
    paidAt: payment.paidAt ? formatNepalTime(payment.paidAt) : null,
  }
}
