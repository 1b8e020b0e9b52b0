import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type EsewaSandboxTransaction from '#dev/esewa_sandbox/models/esewa_sandbox_transaction'
import { toPaisa } from '#payments/amount'
import { encodeCallbackData, esewaEchoAmount } from '#payments/gateways/esewa_signature'
import { findMerchant } from '#dev/esewa_sandbox/merchants'
import { switches } from '#dev/esewa_sandbox/switches'
import { lockByToken, sessionIsOpen, uniqueRefId } from '#dev/esewa_sandbox/transactions'

// The ePay forms that open a checkout session live beside this file.
export {
  V2_FORM_FIELDS,
  V1_FORM_FIELDS,
  MERCHANT_KEY_ERROR_JSON,
  startV2Payment,
  startV1Payment,
  type FormRejection,
  type FormResult,
} from '#dev/esewa_sandbox/epay_forms'

/** The published UAT payer accounts, password and OTP token. */
export const TEST_ESEWA_IDS = [
  '9806800001',
  '9806800002',
  '9806800003',
  '9806800004',
  '9806800005',
] as const
export const TEST_PASSWORD = 'Nepal@123'
export const TEST_TOKEN = '123456'

/** What the payer typed on the checkout page. */
export type CheckoutInput = {
  action?: unknown
  esewaId?: unknown
  password?: unknown
  token?: unknown
}

/** A message per wrong checkout field. */
export type CredentialErrors = Partial<Record<'esewaId' | 'password' | 'token', string>>

/** What the checkout page shows or where it sends the payer. */
export type CheckoutResult =
  | { kind: 'unknown' }
  | { kind: 'closed'; transaction: EsewaSandboxTransaction }
  | { kind: 'open'; transaction: EsewaSandboxTransaction }
  | {
      kind: 'invalid'
      transaction: EsewaSandboxTransaction
      errors: CredentialErrors
      esewaId: string
    }
  | { kind: 'redirect'; url: string }

/**
 * Locks a checkout session; one that is unknown, already finished or past
 * its expiry (which turns it NOT_FOUND) is not open.
 */
async function lockOpenSession(token: string, trx: TransactionClientContract) {
  const transaction = await lockByToken(token, trx)
  if (!transaction) return { kind: 'unknown' as const }
  if (transaction.status !== 'INITIATED') return { kind: 'closed' as const, transaction }
  if (!sessionIsOpen(transaction)) {
    await expire(transaction, trx)
    return { kind: 'closed' as const, transaction }
  }
  return { kind: 'open' as const, transaction }
}

/**
 * The checkout page of a session. An open session past its expiry (or under
 * the `expireSessions` switch) becomes NOT_FOUND, as eSewa's timeout does.
 */
export async function openCheckout(token: string): Promise<CheckoutResult> {
  return db.transaction(async (trx) => {
    const session = await lockOpenSession(token, trx)
    return session.kind === 'open' ? { kind: 'open', transaction: session.transaction } : session
  })
}

/**
 * The payer's answer on the checkout page: cancel (NOT_FOUND, back to the
 * failure URL), or log in with a published test account and then, by the
 * `outcome` switch, pay (COMPLETE, back to the success URL with eSewa's
 * parameters), be declined (NOT_FOUND) or be left PENDING (failure URL).
 */
export async function submitCheckout(token: string, input: CheckoutInput): Promise<CheckoutResult> {
  return db.transaction(async (trx) => {
    const session = await lockOpenSession(token, trx)
    if (session.kind !== 'open') return session
    const transaction = session.transaction

    if (input.action === 'cancel') {
      await expire(transaction, trx)
      return { kind: 'redirect', url: transaction.failureUrl }
    }

    const esewaId = typeof input.esewaId === 'string' ? input.esewaId.trim() : ''
    const errors = checkCredentials(esewaId, input.password, input.token)
    if (Object.keys(errors).length) return { kind: 'invalid', transaction, errors, esewaId }

    transaction.payerEsewaId = esewaId
    const { outcome } = switches.get()
    if (outcome === 'decline') {
      transaction.status = 'NOT_FOUND'
      await transaction.useTransaction(trx).save()
      return { kind: 'redirect', url: transaction.failureUrl }
    }
    if (outcome === 'pending') {
      transaction.status = 'PENDING'
      transaction.refId = null
      await transaction.useTransaction(trx).save()
      return { kind: 'redirect', url: transaction.failureUrl }
    }

    transaction.status = 'COMPLETE'
    transaction.refId = await uniqueRefId(trx)
    await transaction.useTransaction(trx).save()
    return { kind: 'redirect', url: successRedirectUrl(transaction) }
  })
}

/**
 * Where eSewa sends the payer after a payment:
 * - v2: success_url + "?data=" + base64 JSON signed with the merchant secret,
 *   total_amount written back eSewa's way ("30" → "30.0"). "?data=" is
 *   appended even when success_url has a query string, and the base64 is not
 *   percent-encoded (a "+" may reach the merchant as a space).
 * - v1: su + "?oid=<pid>&amt=<tAmt>&refId=<ref>" ("&" when su has a "?").
 */
export function successRedirectUrl(transaction: EsewaSandboxTransaction) {
  if (!transaction.refId)
    throw new Error(`Sandbox transaction ${transaction.transactionUuid} has no ref_id`)
  if (transaction.version === 'v1') {
    const separator = transaction.successUrl.includes('?') ? '&' : '?'
    const query = `oid=${encodeURIComponent(transaction.transactionUuid)}&amt=${encodeURIComponent(transaction.totalAmount)}&refId=${transaction.refId}`
    return `${transaction.successUrl}${separator}${query}`
  }
  const merchant = findMerchant(transaction.productCode)
  if (!merchant)
    throw new Error(`The eSewa sandbox no longer knows merchant ${transaction.productCode}`)
  const data = encodeCallbackData(merchant.secretKey, {
    transaction_code: transaction.refId,
    status: 'COMPLETE',
    total_amount: esewaEchoAmount(transaction.totalAmount),
    transaction_uuid: transaction.transactionUuid,
    product_code: transaction.productCode,
  })
  return `${transaction.successUrl}?data=${data}`
}

/**
 * An amount posted as text, shown as the app shows money: "Rs. 30",
 * "Rs. 1,250.50".
 */
export function displayAmount(text: string) {
  const paisa = toPaisa(text) ?? 0
  const whole = paisa % 100 === 0
  const formatter = new Intl.NumberFormat('en-IN', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  })
  return `Rs. ${formatter.format(paisa / 100)}`
}

/** Messages for what is wrong on the checkout login; empty when all is right. */
export function checkCredentials(
  esewaId: string,
  password: unknown,
  token: unknown
): CredentialErrors {
  const errors: CredentialErrors = {}
  if (!(TEST_ESEWA_IDS as readonly string[]).includes(esewaId)) {
    errors.esewaId = `Use a sandbox test eSewa ID: ${TEST_ESEWA_IDS[0]} to ${TEST_ESEWA_IDS.at(-1)}.`
  }
  if (password !== TEST_PASSWORD) errors.password = 'The password is not right for this eSewa ID.'
  if (token !== TEST_TOKEN)
    errors.token = 'The token (OTP) is not right. Enter the 6 digits sent to you.'
  return errors
}

/** Ends a checkout session unpaid, as eSewa's timeout or a cancel does. */
async function expire(transaction: EsewaSandboxTransaction, trx: TransactionClientContract) {
  transaction.status = 'NOT_FOUND'
  await transaction.useTransaction(trx).save()
}
