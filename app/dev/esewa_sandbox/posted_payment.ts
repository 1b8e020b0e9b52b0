import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import EsewaSandboxTransaction from '#dev/esewa_sandbox/models/esewa_sandbox_transaction'
import { toPaisa } from '#payments/amount'
import { switches } from '#dev/esewa_sandbox/switches'
import { newSessionToken, sessionIsOpen } from '#dev/esewa_sandbox/transactions'
import type { SandboxEpayVersion } from '#dev/esewa_sandbox/statuses'

const TRANSACTION_UUID_PATTERN = /^[A-Za-z0-9-]+$/
const AMOUNT_PATTERN = /^\d{1,12}(\.\d+)?$/
const MAX_ID_LENGTH = 100

/** Why a posted form is refused: eSewa's JSON merchant-key error, or an error page. */
export type FormRejection =
  | { kind: 'merchant_key' }
  | { kind: 'error'; code: string | null; title: string; detail: string; failureUrl: string | null }

/** What a posted form leads to: the checkout page of its session, or a refusal. */
export type FormResult = FormRejection | { kind: 'checkout'; token: string }

/** A v2 or v1 form post, in the sandbox's own field names. */
export type PostedPayment = {
  version: SandboxEpayVersion
  productCode: string
  transactionUuid: string
  amount: string
  taxAmount: string
  productServiceCharge: string
  productDeliveryCharge: string
  totalAmount: string
  successUrl: string
  failureUrl: string
}

/**
 * Stores a posted payment and gives its checkout session. A uuid the payer
 * already paid (or that moved money: PENDING, refunds…) is a duplicate; a
 * uuid with an open session reuses that session (with the latest fields); a
 * uuid whose session ended unpaid starts again.
 */
export async function openTransaction(
  payment: PostedPayment,
  failureUrl: string | null
): Promise<FormResult> {
  const problem = checkPayment(payment)
  if (problem) {
    return { kind: 'error', code: null, title: problem.title, detail: problem.detail, failureUrl }
  }

  return db.transaction(async (trx) => {
    const existing = await EsewaSandboxTransaction.query({ client: trx })
      .where('version', payment.version)
      .where('productCode', payment.productCode)
      .where('transactionUuid', payment.transactionUuid)
      .forUpdate()
      .first()

    if (existing && existing.status !== 'INITIATED' && existing.status !== 'NOT_FOUND') {
      return {
        kind: 'error',
        code: null,
        title: 'Duplicate transaction',
        detail: `The transaction ${payment.transactionUuid} is already ${existing.status.toLowerCase().replace('_', ' ')} for ${payment.productCode}. Use a new ${payment.version === 'v2' ? 'transaction_uuid' : 'pid'}.`,
        failureUrl,
      }
    }

    const transaction = existing ?? new EsewaSandboxTransaction()
    transaction.useTransaction(trx)
    transaction.merge(payment)
    if (!existing || !sessionIsOpen(existing)) {
      transaction.merge({
        status: 'INITIATED',
        refId: null,
        payerEsewaId: null,
        sessionToken: newSessionToken(),
        sessionExpiresAt: DateTime.now().plus({ seconds: switches.get().sessionTtlSeconds }),
      })
    }
    await transaction.save()
    return { kind: 'checkout', token: transaction.sessionToken }
  })
}

type Problem = { title: string; detail: string }

/** The first thing wrong with a posted payment, in the order eSewa checks, or null. */
function checkPayment(payment: PostedPayment): Problem | null {
  return checkId(payment) ?? checkAmounts(payment) ?? checkUrls(payment)
}

/** The v2 transaction_uuid (or v1 pid): short enough, and for v2 only letters, digits and hyphens. */
function checkId(payment: PostedPayment): Problem | null {
  const idName = payment.version === 'v2' ? 'transaction_uuid' : 'pid'
  if (payment.transactionUuid.length > MAX_ID_LENGTH) {
    return {
      title: `Invalid ${idName}`,
      detail: `${idName} is longer than ${MAX_ID_LENGTH} characters.`,
    }
  }
  if (payment.version === 'v2' && !TRANSACTION_UUID_PATTERN.test(payment.transactionUuid)) {
    return {
      title: 'Invalid transaction_uuid',
      detail: 'transaction_uuid may contain only letters, digits and hyphens.',
    }
  }
  return null
}

/** Every amount is rupees, the total is more than 0 and equals its parts. */
function checkAmounts(payment: PostedPayment): Problem | null {
  const names =
    payment.version === 'v2'
      ? [
          'amount',
          'tax_amount',
          'product_service_charge',
          'product_delivery_charge',
          'total_amount',
        ]
      : ['amt', 'txAmt', 'psc', 'pdc', 'tAmt']
  const texts = [
    payment.amount,
    payment.taxAmount,
    payment.productServiceCharge,
    payment.productDeliveryCharge,
    payment.totalAmount,
  ]
  const paisa = texts.map((text) => (AMOUNT_PATTERN.test(text) ? toPaisa(text) : null))
  const bad = paisa.findIndex((value) => value === null)
  if (bad !== -1) {
    return {
      title: 'Invalid amount',
      detail: `${names[bad]} "${texts[bad]}" is not an amount in rupees.`,
    }
  }
  const [amount, tax, service, delivery, total] = paisa as number[]
  if (total <= 0) return { title: 'Invalid amount', detail: `${names[4]} must be more than 0.` }
  if (amount + tax + service + delivery !== total) {
    return {
      title: 'Invalid amount',
      detail: `${names[4]} (${texts[4]}) must equal ${names.slice(0, 4).join(' + ')} (${texts.slice(0, 4).join(' + ')}).`,
    }
  }
  return null
}

/** The success and failure URLs are absolute http(s) URLs. */
function checkUrls(payment: PostedPayment): Problem | null {
  for (const [name, url] of [
    [payment.version === 'v2' ? 'success_url' : 'su', payment.successUrl],
    [payment.version === 'v2' ? 'failure_url' : 'fu', payment.failureUrl],
  ]) {
    if (!httpUrl(url))
      return { title: 'Invalid URL', detail: `${name} must be an absolute http(s) URL.` }
  }
  return null
}

/** The URL when it is an absolute http(s) URL, else null. */
export function httpUrl(value: string | undefined) {
  if (!value || !URL.canParse(value)) return null
  const protocol = new URL(value).protocol
  return protocol === 'http:' || protocol === 'https:' ? value : null
}
