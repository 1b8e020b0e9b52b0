import vine from '@vinejs/vine'
import { TRANSACTION_ID_PATTERN } from '#payments/transaction_id'

/**
 * Starting an unlock: only which room. The price is the server's.
 */
export const paymentIntentValidator = vine.create({
  roomId: vine.number().withoutDecimals().min(1),
})

/**
 * Asking the app to check a transaction with eSewa again.
 */
export const webhookValidator = vine.create({
  transactionId: vine.string().trim().regex(TRANSACTION_ID_PATTERN),
})
