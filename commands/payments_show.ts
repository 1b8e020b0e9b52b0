import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import Payment from '#models/payment'
import { formatNepalTime } from '#core/format'

/**
 * Prints a payment and its audit trail, or the payments flagged for an admin.
 */
export default class PaymentsShow extends BaseCommand {
  static commandName = 'payments:show'
  static description = "Show a payment's audit trail (by transaction id), or --flagged payments"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Transaction id (eSewa transaction_uuid / pid)', required: false })
  declare transactionId?: string

  @flags.boolean({ description: 'List payments flagged for an admin' })
  declare flagged: boolean

  async run() {
    if (this.flagged || !this.transactionId) {
      const flagged = await Payment.query()
        .whereNotNull('flaggedAt')
        .orderBy('flaggedAt', 'desc')
        .limit(100)
      if (!flagged.length) this.logger.info('no flagged payments')
      for (const payment of flagged) {
        this.logger.warning(
          `${payment.transactionId} [${payment.status}] ${formatNepalTime(payment.flaggedAt)}: ${payment.flagReason}`
        )
      }
      return
    }
    const payment = await Payment.query()
      .where('transactionId', this.transactionId)
      .preload('events')
      .preload('client')
      .preload('room')
      .first()
    if (!payment) {
      this.logger.error(`no payment ${this.transactionId}`)
      this.exitCode = 1
      return
    }
    this.logger.info(
      `${payment.transactionId} ${payment.gateway} ${payment.status} Rs. ${payment.amount} (sent "${payment.amountSent}") ` +
        `client #${payment.clientId} room #${payment.roomId} "${payment.room.title}" ref ${payment.esewaRefId ?? '-'}`
    )
    if (payment.flagReason) this.logger.warning(`flagged: ${payment.flagReason}`)
    for (const event of payment.events) {
      this.logger.log(
        `${formatNepalTime(event.createdAt, 'yyyy-LL-dd HH:mm:ss')}  ${event.type.padEnd(22)} ${JSON.stringify(event.data)}`
      )
    }
  }
}
