import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The fields eSewa signs on a ePay v2 request, in this order.
 */
export const REQUEST_SIGNED_FIELDS = ['total_amount', 'transaction_uuid', 'product_code'] as const

/**
 * The fields a v2 success callback must sign, at least.
 */
export const CALLBACK_REQUIRED_SIGNED_FIELDS = [
  'transaction_code',
  'status',
  'total_amount',
  'transaction_uuid',
  'product_code',
] as const

/**
 * The message eSewa signs: "name=value" for each name, in the given order,
 * joined with commas. Values are the exact strings sent or received.
 */
export function signatureMessage(names: readonly string[], values: Record<string, string>) {
  return names.map((name) => `${name}=${values[name] ?? ''}`).join(',')
}

/**
 * base64(HMAC-SHA256(secret, message)), eSewa's signature.
 */
export function signMessage(secret: string, message: string) {
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64')
}

/**
 * Signs the request fields of a v2 checkout form.
 */
export function signRequest(
  secret: string,
  fields: { total_amount: string; transaction_uuid: string; product_code: string }
) {
  return signMessage(secret, signatureMessage(REQUEST_SIGNED_FIELDS, fields))
}

/**
 * Constant-time comparison of two base64 signatures.
 */
export function signaturesMatch(expected: string, received: string) {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(received, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

export type DecodedCallback = {
  /** Every field of the decoded JSON as the exact text eSewa sent (numbers keep "1000.0"). */
  raw: Record<string, string>
  signedFieldNames: string[]
}

/**
 * Decodes the `data` parameter of a v2 success redirect: base64 JSON.
 * A literal "+" may have become a space on the way (query-string decoding);
 * base64 has no spaces, so they go back to "+". Numbers keep their source
 * text ("1000.0" stays "1000.0"), since the signature covers that text.
 * Returns null when `data` is not base64 JSON of an object.
 */
export function decodeCallbackData(data: unknown): DecodedCallback | null {
  if (typeof data !== 'string' || data.length === 0 || data.length > 4096) return null
  const base64 = data.replaceAll(' ', '+')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null

  let parsed: unknown
  try {
    // Node 24's JSON.parse passes each primitive's source text to the reviver.
    const keepNumberText = (_key: string, value: unknown, context?: { source?: string }) =>
      typeof value === 'number' && context?.source !== undefined ? context.source : value
    parsed = JSON.parse(
      Buffer.from(base64, 'base64').toString('utf8'),
      keepNumberText as Parameters<typeof JSON.parse>[1]
    )
  } catch {
    return null
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null

  const raw: Record<string, string> = {}
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') raw[key] = value
    else if (typeof value === 'boolean' || value === null) raw[key] = String(value)
  }
  const signedFieldNames = (raw.signed_field_names ?? '').split(',').filter(Boolean)
  return { raw, signedFieldNames }
}

/**
 * Checks a decoded v2 callback's signature over the fields it names, with
 * the merchant secret. The names must include every required field.
 */
export function verifyCallbackSignature(secret: string, callback: DecodedCallback) {
  const names = callback.signedFieldNames
  if (!CALLBACK_REQUIRED_SIGNED_FIELDS.every((name) => names.includes(name))) return false
  if (names.some((name) => !(name in callback.raw))) return false
  const expected = signMessage(secret, signatureMessage(names, callback.raw))
  return signaturesMatch(expected, callback.raw.signature ?? '')
}

/**
 * Builds a signed v2 callback payload the way eSewa does (used by the local
 * sandbox and by tests). `totalAmount` is the reformatted text, e.g. "30.0".
 */
export function encodeCallbackData(
  secret: string,
  fields: {
    transaction_code: string
    status: string
    total_amount: string
    transaction_uuid: string
    product_code: string
  }
) {
  const signedFieldNames =
    'transaction_code,status,total_amount,transaction_uuid,product_code,signed_field_names'
  const values: Record<string, string> = { ...fields, signed_field_names: signedFieldNames }
  const signature = signMessage(secret, signatureMessage(signedFieldNames.split(','), values))
  const json = JSON.stringify({ ...values, signature })
  return Buffer.from(json, 'utf8').toString('base64')
}

/**
 * The way eSewa writes an amount back: one decimal at least ("30" → "30.0").
 */
export function esewaEchoAmount(sent: string) {
  const paisaText = sent.includes('.') ? sent.replace(/0+$/, '').replace(/\.$/, '.0') : `${sent}.0`
  return paisaText
}
