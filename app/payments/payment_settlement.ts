import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import PaymentEvent from '#models/payment_event'
import Conversation from '#models/conversation'
import { ChatService } from '#chat/chat_service'
import { PaymentStatus, assertTransition } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { gatewayFor } from '#payments/gateways/gateway_for'
import type { GatewayStatus, RedirectClaim } from '#payments/gateways/payment_gateway'
import { recordPaymentEvent } from '#payments/payment_audit'
import { announcePaymentChange } from '#payments/payment_notifier'

export type SettlementSource = 'success_redirect' | 'failure_redirect' | 'webhook' | 'reconciler'

export type SettlementResult = {
  payment: Payment
  /** What eSewa said this time ('rejected' when the redirect was refused before asking). */
  outcome: GatewayStatus['outcome'] | 'rejected' | 'skipped'
  changed: boolean
  reason?: string
}

/** Waits between reconciler checks of a pending payment: 5 min, 15 min, 1 h, 6 h, 24 h. */
export const RECHECK_DELAYS_MINUTES = [5, 15, 60, 360, 1440]
/** Completed payments are asked again after a day and a week, to catch refunds. */
const REFUND_WATCH_DAYS = [1, 7]
/** Consecutive failed checks after which an admin is asked to look. */
const ERRORS_BEFORE_FLAG = 5

/**
 * Decides what a payment is, from what eSewa says server to server. The
 * only path to `complete`: redirects, the webhook and the reconciler all
 * come here, and every decision is taken under a row lock and written to
 * the audit trail. A redirect alone never unlocks anything.
 */
export class PaymentSettlement {
  /**
   * eSewa sent the payer back to the success URL of an attempt.
   */
  async handleSuccessRedirect(
    payment: Payment,
    query: Record<string, unknown>
  ): Promise<SettlementResult> {
    await recordPaymentEvent(payment.id, PaymentEventType.CallbackReceived, {
      source: 'success_redirect',
      query: loggableQuery(query),
    })

    const reading = gatewayFor(payment.gateway).readSuccessRedirect(query)
    if (!reading.ok) return this.#reject(payment, reading.reason)

    const mismatch = this.#claimMismatch(payment, reading.claim, reading.signed)
    if (mismatch) {
      // An unsigned (v1) redirect is only a hint: its amount is checked by transrec with ours.
      if (reading.signed || mismatch !== 'amount differs from this attempt')
        return this.#reject(payment, mismatch)
      await recordPaymentEvent(payment.id, PaymentEventType.CallbackRejected, {
        reason: `${mismatch}; verifying with the stored amount`,
      })
    }

    if (payment.status === PaymentStatus.Complete && payment.esewaRefId === reading.claim.refId) {
      await recordPaymentEvent(payment.id, PaymentEventType.ReplayRejected, {
        reason: 'already complete with this eSewa reference',
      })
      return { payment, outcome: 'skipped', changed: false, reason: 'already complete' }
    }
    return this.settle(payment, 'success_redirect', { refId: reading.claim.refId })
  }

  /**
   * eSewa sent the payer to the failure URL. Only a hint: eSewa is asked
   * once, and nothing that was paid is undone.
   */
  async handleFailureRedirect(
    payment: Payment,
    query: Record<string, unknown>
  ): Promise<SettlementResult> {
    await recordPaymentEvent(payment.id, PaymentEventType.CallbackReceived, {
      source: 'failure_redirect',
      query: loggableQuery(query),
    })
    if (payment.status !== PaymentStatus.Pending) {
      await recordPaymentEvent(payment.id, PaymentEventType.ReplayRejected, {
        reason: `failure redirect ignored: payment is ${payment.status}`,
      })
      return { payment, outcome: 'skipped', changed: false }
    }
    return this.settle(payment, 'failure_redirect')
  }

  /**
   * Someone asked for this transaction to be checked again.
   */
  async recordWebhook(payment: Payment) {
    await recordPaymentEvent(payment.id, PaymentEventType.WebhookReceived)
  }

  /**
   * Asks eSewa about the payment and applies the answer.
   */
  async settle(
    payment: Payment,
    source: SettlementSource,
    hints: { refId?: string | null } = {}
  ): Promise<SettlementResult> {
    if ([PaymentStatus.Refunded, PaymentStatus.Canceled].includes(payment.status)) {
      return { payment, outcome: 'skipped', changed: false, reason: `payment is ${payment.status}` }
    }
    const refIdHint = hints.refId ?? payment.esewaRefId ?? (await this.#lastClaimedRefId(payment))
    const gateway = gatewayFor(payment.gateway)

    await recordPaymentEvent(payment.id, PaymentEventType.VerificationRequested, { source })
    const check = await gateway.checkStatus(payment, { refId: refIdHint })
    await recordPaymentEvent(payment.id, PaymentEventType.VerificationResponse, {
      source,
      request: check.request,
      response: check.response,
      outcome: check.status.outcome,
      ...('reason' in check.status ? { reason: check.status.reason } : {}),
    })

    const { payment: updated, changed } = await this.#apply(payment.id, check.status, source)
    if (changed) {
      await announcePaymentChange(updated)
      if (updated.isComplete) {
        const conversation = await Conversation.query()
          .where('roomId', updated.roomId)
          .where('clientId', updated.clientId)
          .first()
        if (conversation) new ChatService().announceNewConversation(conversation)
      }
    }
    return { payment: updated, outcome: check.status.outcome, changed }
  }

  /**
   * Applies eSewa's answer to the locked row. Concurrent callbacks queue
   * here; the first completes the payment, the others find it complete.
   */
  async #apply(paymentId: number, status: GatewayStatus, source: SettlementSource) {
    return db.transaction(async (trx) => {
      const payment = await Payment.query({ client: trx })
        .where('id', paymentId)
        .forUpdate()
        .firstOrFail()
      const before = payment.status
      const now = DateTime.now()

      const moveTo = async (to: PaymentStatus, reason: string, changes: Partial<Payment> = {}) => {
        assertTransition(payment.status, to)
        payment.merge({ ...changes, status: to })
        await recordPaymentEvent(
          payment.id,
          PaymentEventType.StatusChanged,
          { from: before, to, reason, source },
          trx
        )
      }
      const flag = async (reason: string) => {
        if (payment.flagReason === reason) return
        payment.merge({ flaggedAt: now, flagReason: reason })
        await recordPaymentEvent(payment.id, PaymentEventType.Flagged, { reason, source }, trx)
      }
      const replay = (reason: string) =>
        recordPaymentEvent(payment.id, PaymentEventType.ReplayRejected, { reason, source }, trx)

      switch (status.outcome) {
        case 'complete': {
          if (status.amountPaisa !== payment.amountPaisa) {
            await flag(
              `eSewa reports COMPLETE for ${status.amountPaisa ?? '?'} paisa, not ${payment.amountPaisa}`
            )
            break
          }
          if (
            payment.status === PaymentStatus.Complete ||
            payment.status === PaymentStatus.Duplicate
          ) {
            await replay(`already ${payment.status}`)
            break
          }
          if (
            payment.status === PaymentStatus.Refunded ||
            payment.status === PaymentStatus.Canceled
          ) {
            await replay(`payment was ${payment.status}; a later COMPLETE does not restore it`)
            break
          }
          const otherUnlock = await Payment.query({ client: trx })
            .where('clientId', payment.clientId)
            .where('roomId', payment.roomId)
            .where('status', PaymentStatus.Complete)
            .whereNot('id', payment.id)
            .first()
          if (otherUnlock) {
            await moveTo(
              PaymentStatus.Duplicate,
              `room already unlocked by ${otherUnlock.transactionId}`,
              {
                esewaRefId: status.refId,
                paidAt: now,
                nextCheckAt: null,
              }
            )
            await flag('paid twice for one room: refund this payment in the eSewa merchant panel')
            break
          }
          await moveTo(
            PaymentStatus.Complete,
            'eSewa confirmed COMPLETE with the expected amount',
            {
              esewaRefId: status.refId,
              paidAt: now,
              checkAttempts: 0,
              nextCheckAt: now.plus({ days: REFUND_WATCH_DAYS[0] }),
            }
          )
          // The unlock opens the chat with the owner, in the same transaction.
          await new ChatService().openForPayment(payment, trx)
          break
        }

        case 'canceled':
        case 'full_refund': {
          const revokedStatus =
            status.outcome === 'canceled' ? PaymentStatus.Canceled : PaymentStatus.Refunded
          if (
            payment.status === PaymentStatus.Complete ||
            payment.status === PaymentStatus.Duplicate
          ) {
            await moveTo(
              revokedStatus,
              `eSewa reports ${status.outcome.toUpperCase()}: unlock revoked`,
              {
                revokedAt: now,
                nextCheckAt: null,
              }
            )
          } else if (payment.status === PaymentStatus.Pending) {
            await moveTo(
              PaymentStatus.Failed,
              `eSewa reports ${status.outcome.toUpperCase()} before completion`,
              {
                nextCheckAt: null,
              }
            )
          }
          break
        }

        case 'partial_refund':
          await flag('eSewa reports PARTIAL_REFUND: decide whether to keep the unlock')
          this.#scheduleRefundWatch(payment, now)
          break

        case 'ambiguous':
          await flag('eSewa reports AMBIGUOUS: check the payment with eSewa')
          this.#scheduleRecheck(payment, now, source)
          break

        case 'unknown':
          await flag(`eSewa reports an undocumented status ${status.status}`)
          this.#scheduleRecheck(payment, now, source)
          break

        case 'not_found':
        case 'pending': {
          if (payment.status === PaymentStatus.Pending) {
            if (status.outcome === 'not_found' && now > payment.expiresAt) {
              await moveTo(
                PaymentStatus.Expired,
                'never paid: eSewa has no such payment and the attempt is over',
                {
                  nextCheckAt: null,
                }
              )
            } else {
              payment.checkAttempts = 0
              this.#scheduleRecheck(payment, now, source)
            }
          } else if (payment.status === PaymentStatus.Complete) {
            await flag(`eSewa now reports ${status.outcome.toUpperCase()} for a completed payment`)
            this.#scheduleRefundWatch(payment, now)
          }
          break
        }

        case 'error': {
          // Never paid, never failed on an error: ask again later.
          payment.checkAttempts += 1
          if (payment.checkAttempts >= ERRORS_BEFORE_FLAG) {
            await flag(
              `eSewa could not be asked ${payment.checkAttempts} times in a row: ${status.reason}`
            )
          }
          if (payment.status === PaymentStatus.Pending) this.#scheduleRecheck(payment, now, source)
          break
        }
      }

      if (source === 'reconciler') {
        await recordPaymentEvent(
          payment.id,
          PaymentEventType.Reconciled,
          { outcome: status.outcome, status: payment.status },
          trx
        )
        if (payment.status === PaymentStatus.Complete && before === PaymentStatus.Complete) {
          this.#scheduleRefundWatch(payment, now)
        }
      }

      payment.useTransaction(trx)
      await payment.save()
      return { payment, changed: payment.status !== before }
    })
  }

  /**
   * When the reconciler asks next: backing off after its own failed checks,
   * and soon after a check that a redirect or the webhook caused.
   */
  #scheduleRecheck(payment: Payment, now: DateTime, source: SettlementSource) {
    const step =
      source === 'reconciler'
        ? Math.min(payment.checkAttempts, RECHECK_DELAYS_MINUTES.length - 1)
        : 0
    payment.nextCheckAt = now.plus({ minutes: RECHECK_DELAYS_MINUTES[step] })
  }

  /**
   * After a completed payment was checked again, the next refund check, or none.
   */
  #scheduleRefundWatch(payment: Payment, now: DateTime) {
    const daysSincePaid = payment.paidAt ? now.diff(payment.paidAt, 'days').days : 0
    const nextDay = REFUND_WATCH_DAYS.find((day) => day > daysSincePaid + 0.01)
    payment.nextCheckAt = nextDay && payment.paidAt ? payment.paidAt.plus({ days: nextDay }) : null
  }

  /**
   * Checks a redirect's claim against the stored attempt.
   */
  #claimMismatch(payment: Payment, claim: RedirectClaim, signed: boolean): string | null {
    if (claim.transactionId !== payment.transactionId)
      return 'transaction id does not match this attempt'
    if (signed && claim.productCode !== payment.productCode)
      return 'product code differs from this attempt'
    if (signed && claim.status !== 'COMPLETE') return `redirect status is ${claim.status}`
    if (claim.amountPaisa !== payment.amountPaisa) return 'amount differs from this attempt'
    return null
  }

  async #reject(payment: Payment, reason: string): Promise<SettlementResult> {
    await recordPaymentEvent(payment.id, PaymentEventType.CallbackRejected, { reason })
    return { payment, outcome: 'rejected', changed: false, reason }
  }

  /**
   * The eSewa reference a v1 redirect claimed, for transrec when the
   * reconciler checks a payment whose redirect came earlier.
   */
  async #lastClaimedRefId(payment: Payment): Promise<string | null> {
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
}

/**
 * The redirect query as received, cut to a sane size for the audit trail.
 */
function loggableQuery(query: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(query)
      .slice(0, 20)
      .map(([key, value]) => [
        key.slice(0, 40),
        typeof value === 'string' ? value.slice(0, 2000) : value,
      ])
  )
}
