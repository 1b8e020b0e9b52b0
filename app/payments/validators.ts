import vine from '@vinejs/vine'
import { TRANSACTION_ID_PATTERN } from '#payments/transaction_id'
import { intId } from '#core/validators/ids'

/**
 * Starting an unlock: only which room. The price is the server's.
 */
export const paymentIntentValidator = vine.create({
  roomId: intId(),
})

/**
 * Asking the app to check a transaction with eSewa again.
 */
export const webhookValidator = vine.create({
  transactionId: vine.string().trim().regex(TRANSACTION_ID_PATTERN),
})
