/**
 * What an eSewa reference (v2 `ref_id` / `transaction_code`, v1 `refId`)
 * may look like before it is stored or sent back to eSewa: letters and
 * digits ("0007G36"), no longer than the `payments.esewa_ref_id` column.
 */
export const ESEWA_REF_ID_MAX_LENGTH = 32
const ESEWA_REF_ID_PATTERN = /^[A-Za-z0-9]+$/

/** Why `refId` is not an eSewa reference, or null when it is one. */
export function refIdProblem(refId: unknown): string | null {
  if (typeof refId !== 'string' || refId.length === 0) return 'missing'
  if (refId.length > ESEWA_REF_ID_MAX_LENGTH) {
    return `${refId.length} characters long, at most ${ESEWA_REF_ID_MAX_LENGTH}`
  }
  if (!ESEWA_REF_ID_PATTERN.test(refId)) return 'not only letters and digits'
  return null
}

/** A reference as it may go into the audit trail: cut short, whatever it holds. */
export function loggableRefId(refId: unknown) {
  return typeof refId === 'string' ? refId.slice(0, ESEWA_REF_ID_MAX_LENGTH + 8) : String(refId)
}
