import Payment from '#models/payment'
import OpenConversation from '#chat/actions/open_conversation'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import type { GatewayStatus } from '#payments/gateways/payment_gateway'
import type { LockedPayment } from '#payments/locked_payment'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import { loggableRefId, refIdProblem } from '#payments/esewa_ref_id'
import { lockRefId, lockUnlockOf } from '#payments/settlement_locks'
import { REFUND_WATCH_DAYS } from '#payments/settlement'

type Complete = Extract<GatewayStatus, { outcome: 'complete' }>

/**
 * eSewa says COMPLETE. With our amount and a reference that is eSewa's and
 * no other payment's, it unlocks the room (opening the chat with the owner
 * in the same transaction), or it is a duplicate when another attempt of
 * the same client and room unlocked it first. Anything else is only noted,
 * and flagged when a person must look; the payment is never wrongly paid.
 */
export async function applyComplete(locked: LockedPayment, status: Complete) {
  const { payment } = locked
  if (status.amountPaisa !== payment.amountPaisa) {
    return locked.flag(
      `eSewa reports COMPLETE for ${status.amountPaisa ?? '?'} paisa, not ${payment.amountPaisa}`
    )
  }
  if (payment.status === PaymentStatus.Complete || payment.status === PaymentStatus.Duplicate) {
    return locked.replay(`already ${payment.status}`)
  }
  if (payment.status === PaymentStatus.Refunded || payment.status === PaymentStatus.Canceled) {
    return locked.replay(`payment was ${payment.status}; a later COMPLETE does not restore it`)
  }
  const problem = refIdProblem(status.refId)
  if (problem) {
    return keepForAdmin(locked, `eSewa reports COMPLETE with an unusable ref_id (${problem})`, {
      refId: loggableRefId(status.refId),
    })
  }

  // Settlements of the same unlock, and of the same reference, queue here (settlement_locks.ts).
  await lockUnlockOf(locked.trx, payment.clientId, payment.roomId)
  await lockRefId(locked.trx, status.refId)
  const holder = await Payment.query({ client: locked.trx })
    .where('esewaRefId', status.refId)
    .whereNot('id', payment.id)
    .first()
  if (holder) return refIdConflict(locked, status.refId, holder)

  const otherUnlock = await Payment.query({ client: locked.trx })
    .where('clientId', payment.clientId)
    .where('roomId', payment.roomId)
    .where('status', PaymentStatus.Complete)
    .whereNot('id', payment.id)
    .first()
  if (otherUnlock) return duplicate(locked, status.refId, otherUnlock)

  await locked.moveTo(PaymentStatus.Complete, 'eSewa confirmed COMPLETE with the expected amount', {
    esewaRefId: status.refId,
    paidAt: locked.now,
    checkAttempts: 0,
    nextCheckAt: locked.now.plus({ days: REFUND_WATCH_DAYS[0] }),
  })
  // The unlock opens the chat with the owner, in the same transaction.
  await new OpenConversation().handle(payment, locked.trx)
}

/**
 * Paid for a room this client had already unlocked: kept apart, flagged for
 * a refund, and watched like an unlock (so a refund an admin makes is seen).
 */
async function duplicate(locked: LockedPayment, refId: string, otherUnlock: Payment) {
  await locked.moveTo(
    PaymentStatus.Duplicate,
    `room already unlocked by ${otherUnlock.transactionId}`,
    {
      esewaRefId: refId,
      paidAt: locked.now,
      checkAttempts: 0,
      nextCheckAt: locked.now.plus({ days: REFUND_WATCH_DAYS[0] }),
    }
  )
  await locked.flag('paid twice for one room: refund this payment in the eSewa merchant panel', {
    unlockPaymentId: otherUnlock.id,
    unlockTransactionId: otherUnlock.transactionId,
  })
}

/**
 * eSewa gave a reference another payment already holds: nothing is stored,
 * both trails say so (with both payment ids), and an admin is asked to look.
 */
async function refIdConflict(locked: LockedPayment, refId: string, holder: Payment) {
  const { payment } = locked
  const reason = `eSewa reports COMPLETE with ref_id ${refId}, already stored on payment ${holder.transactionId}: check both with eSewa`
  const details = {
    refId,
    paymentId: payment.id,
    transactionId: payment.transactionId,
    storedOnPaymentId: holder.id,
    storedOnTransactionId: holder.transactionId,
  }
  // Once per conflict, not on every re-check.
  if (payment.flagReason !== reason) {
    await locked.record(PaymentEventType.RefIdConflict, { ...details, source: locked.source })
    await new RecordPaymentEvent().handle(
      holder.id,
      PaymentEventType.RefIdConflict,
      { ...details, source: locked.source },
      locked.trx
    )
  }
  await keepForAdmin(locked, reason, details)
}

/** Flagged, status unchanged, asked again later with back-off. */
async function keepForAdmin(
  locked: LockedPayment,
  reason: string,
  details: Record<string, unknown>
) {
  await locked.flag(reason, details)
  if (locked.payment.status === PaymentStatus.Pending) {
    locked.payment.checkAttempts += 1
    locked.scheduleRecheck()
  }
}
