import {
  REQUEST_SIGNED_FIELDS,
  signaturesMatch,
  signRequest,
} from '#payments/gateways/esewa_signature'
import { findMerchant } from '#dev/esewa_sandbox/merchants'
import {
  httpUrl,
  openTransaction,
  type FormRejection,
  type FormResult,
} from '#dev/esewa_sandbox/posted_payment'

export type { FormRejection, FormResult } from '#dev/esewa_sandbox/posted_payment'

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

/** A refusal for a form that lacks fields or carries bad values. */
function invalidPayload(detail: string, failureUrl: string | null): FormRejection {
  return { kind: 'error', code: null, title: 'Invalid payload', detail, failureUrl }
}

/** A refusal for a form whose signature is wrong (eSewa's ES104). */
function invalidSignature(detail: string, failureUrl: string | null): FormRejection {
  return { kind: 'error', code: 'ES104', title: 'Invalid payload signature', detail, failureUrl }
}

/** The named fields of a form body, as strings ("" when absent or not text). */
function pickStrings<Name extends string>(body: Record<string, unknown>, names: readonly Name[]) {
  const picked = {} as Record<Name, string>
  for (const name of names) {
    const value = body[name]
    picked[name] = typeof value === 'string' ? value : ''
  }
  return picked
}
