/**
 * Transaction statuses of the local eSewa sandbox: INITIATED while the
 * checkout session is open, then eSewa's own status API values.
 */
export const ESEWA_STATUSES = [
  'PENDING',
  'COMPLETE',
  'AMBIGUOUS',
  'NOT_FOUND',
  'CANCELED',
  'FULL_REFUND',
  'PARTIAL_REFUND',
] as const

/** A status eSewa's status API can answer. */
export type EsewaStatus = (typeof ESEWA_STATUSES)[number]

/** What the sandbox stores: eSewa's statuses plus INITIATED (form posted, not paid yet). */
export type SandboxTransactionStatus = 'INITIATED' | EsewaStatus

/** Which ePay protocol a sandbox transaction came through. */
export type SandboxEpayVersion = 'v2' | 'v1'

/** Statuses with an eSewa reference (ref_id); PENDING and NOT_FOUND have none. */
export const STATUSES_WITH_REF_ID: readonly EsewaStatus[] = [
  'COMPLETE',
  'AMBIGUOUS',
  'CANCELED',
  'FULL_REFUND',
  'PARTIAL_REFUND',
]

/** Checks that a value is one of eSewa's status API values. */
export function isEsewaStatus(value: unknown): value is EsewaStatus {
  return typeof value === 'string' && (ESEWA_STATUSES as readonly string[]).includes(value)
}
