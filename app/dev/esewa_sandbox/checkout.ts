import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import EsewaSandboxTransaction from '#dev/esewa_sandbox/models/esewa_sandbox_transaction'
import { toPaisa } from '#payments/amount'
import {
  encodeCallbackData,
  esewaEchoAmount,
  REQUEST_SIGNED_FIELDS,
  signaturesMatch,
  signRequest,
} from '#payments/gateways/esewa_signature'
import { findMerchant } from '#dev/esewa_sandbox/merchants'
import { switches } from '#dev/esewa_sandbox/switches'
import { newSessionToken, sessionIsOpen, uniqueRefId } from '#dev/esewa_sandbox/transactions'
import type { SandboxEpayVersion } from '#dev/esewa_sandbox/statuses'

/** Every field of the ePay v2 form; all required, none empty. */
export const V2_FORM_FIELDS = [
  'amount',
  'tax_amount',
  'total_amount',
  'transaction_uuid',
  'product_code',
  'product_service_charge',
  'product_delivery_charge',
  'success_url',
  'failure_url',
  'signed_field_names',
  'signature',
] as const

/** Every field of the (unsigned) ePay v1 form. */
export const V1_FORM_FIELDS = [
  'amt',
  'txAmt',
  'psc',
  'pdc',
  'tAmt',
  'scd',
  'pid',
  'su',
  'fu',
] as const

/** eSewa's answer to a v2 form with an unknown product_code, byte for byte (HTTP 400). */
export const MERCHANT_KEY_ERROR_JSON =
  '{"error_message":"Unable to fetch merchant key. Please try again later.","code":0}'

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

const TRANSACTION_UUID_PATTERN = /^[A-Za-z0-9-]+$/
const AMOUNT_PATTERN = /^\d{1,12}(\.\d+)?$/
const MAX_ID_LENGTH = 100

/** Why a posted form is refused: eSewa's JSON merchant-key error, or an error page. */
export type FormRejection =
  | { kind: 'merchant_key' }
  | { kind: 'error'; code: string | null; title: string; detail: string; failureUrl: string | null }

/** What a posted form leads to: the checkout page of its session, or a refusal. */
export type FormResult = FormRejection | { kind: 'checkout'; token: string }

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

type PostedPayment = {
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
 * Takes an ePay v2 form post as eSewa does: every field present, a known
 * product_code, a valid HMAC over total_amount,transaction_uuid,product_code,
 * a well-formed uuid, a total equal to its parts and a uuid not paid already.
 * Opens (or reuses) a checkout session.
 */
export async function startV2Payment(body: Record<string, unknown>): Promise<FormResult> {
  const fields = pickStrings(body, V2_FORM_FIELDS)
  const failureUrl = httpUrl(fields.failure_url)
  const missing = V2_FORM_FIELDS.filter((name) => !fields[name])
  if (missing.length)
    return invalidPayload(
      `Required fields are missing or empty: ${missing.join(', ')}.`,
      failureUrl
    )

  const merchant = findMerchant(fields.product_code)
  if (!merchant) return { kind: 'merchant_key' }

  const expected = signRequest(merchant.secretKey, {
    total_amount: fields.total_amount,
    transaction_uuid: fields.transaction_uuid,
    product_code: fields.product_code,
  })
  if (fields.signed_field_names !== REQUEST_SIGNED_FIELDS.join(',')) {
    return invalidSignature(
      `signed_field_names must be exactly "${REQUEST_SIGNED_FIELDS.join(',')}".`,
      failureUrl
    )
  }
  if (!signaturesMatch(expected, fields.signature)) {
    return invalidSignature(
      'The signature is not base64 HMAC-SHA256 of total_amount,transaction_uuid,product_code with the merchant secret.',
      failureUrl
    )
  }

  return openTransaction(
    {
      version: 'v2',
      productCode: fields.product_code,
      transactionUuid: fields.transaction_uuid,
      amount: fields.amount,
      taxAmount: fields.tax_amount,
      productServiceCharge: fields.product_service_charge,
      productDeliveryCharge: fields.product_delivery_charge,
      totalAmount: fields.total_amount,
      successUrl: fields.success_url,
      failureUrl: fields.failure_url,
    },
    failureUrl
  )
}

/**
 * Takes an ePay v1 form post. v1 is unsigned: whatever tAmt the browser posts
 * is what the payer is charged, as long as it equals amt + txAmt + psc + pdc.
 */
export async function startV1Payment(body: Record<string, unknown>): Promise<FormResult> {
  const fields = pickStrings(body, V1_FORM_FIELDS)
  const failureUrl = httpUrl(fields.fu)
  const missing = V1_FORM_FIELDS.filter((name) => !fields[name])
  if (missing.length)
    return invalidPayload(
      `Required fields are missing or empty: ${missing.join(', ')}.`,
      failureUrl
    )

  if (!findMerchant(fields.scd)) {
    return {
      kind: 'error',
      code: null,
      title: 'Invalid merchant',
      detail: `No merchant has the service code "${fields.scd}".`,
      failureUrl,
    }
  }

  return openTransaction(
    {
      version: 'v1',
      productCode: fields.scd,
      transactionUuid: fields.pid,
      amount: fields.amt,
      taxAmount: fields.txAmt,
      productServiceCharge: fields.psc,
      productDeliveryCharge: fields.pdc,
      totalAmount: fields.tAmt,
      successUrl: fields.su,
      failureUrl: fields.fu,
    },
    failureUrl
  )
}

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

/**
 * Stores a posted payment and gives its checkout session. A uuid the payer
 * already paid (or that moved money: PENDING, refunds…) is a duplicate; a
 * uuid with an open session reuses that session (with the latest fields); a
 * uuid whose session ended unpaid starts again.
 */
async function openTransaction(
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

function checkPayment(payment: PostedPayment): { title: string; detail: string } | null {
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

  for (const [name, url] of [
    [payment.version === 'v2' ? 'success_url' : 'su', payment.successUrl],
    [payment.version === 'v2' ? 'failure_url' : 'fu', payment.failureUrl],
  ]) {
    if (!httpUrl(url))
      return { title: 'Invalid URL', detail: `${name} must be an absolute http(s) URL.` }
  }
  return null
}

function invalidPayload(detail: string, failureUrl: string | null): FormRejection {
  return { kind: 'error', code: null, title: 'Invalid payload', detail, failureUrl }
}

function invalidSignature(detail: string, failureUrl: string | null): FormRejection {
  return { kind: 'error', code: 'ES104', title: 'Invalid payload signature', detail, failureUrl }
}

async function expire(transaction: EsewaSandboxTransaction, trx: TransactionClientContract) {
  transaction.status = 'NOT_FOUND'
  await transaction.useTransaction(trx).save()
}

function lockByToken(token: string, trx: TransactionClientContract) {
  return EsewaSandboxTransaction.query({ client: trx })
    .where('sessionToken', token)
    .forUpdate()
    .first()
}

function pickStrings<Name extends string>(body: Record<string, unknown>, names: readonly Name[]) {
  const picked = {} as Record<Name, string>
  for (const name of names) {
    const value = body[name]
    picked[name] = typeof value === 'string' ? value : ''
  }
  return picked
}

/** The URL when it is an absolute http(s) URL, else null. */
function httpUrl(value: string | undefined) {
  if (!value || !URL.canParse(value)) return null
  const protocol = new URL(value).protocol
  return protocol === 'http:' || protocol === 'https:' ? value : null
}
