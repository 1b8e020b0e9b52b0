/**
 * The local eSewa sandbox's API for the app's own tests, in one import:
 *
 *   import { switches, complete, setStatus, findTransaction } from '#dev/esewa_sandbox/sandbox'
 *   switches.set({ outcome: 'pending', statusApi: 'down' })
 *   await complete(transactionUuid)
 *   await setStatus(transactionUuid, 'FULL_REFUND')
 *   switches.reset()
 */
export {
  switches,
  DEFAULT_SWITCHES,
  SANDBOX_OUTCOMES,
  SANDBOX_STATUS_API_MODES,
  type SandboxSwitches,
  type SandboxOutcome,
  type SandboxStatusApiMode,
} from '#dev/esewa_sandbox/switches'
export {
  complete,
  setStatus,
  findTransaction,
  recentTransactions,
  newRefId,
  SandboxTransactionNotFoundError,
  type TransactionLookup,
} from '#dev/esewa_sandbox/transactions'
export { sandboxMerchants, findMerchant, type SandboxMerchant } from '#dev/esewa_sandbox/merchants'
export {
  TEST_ESEWA_IDS,
  TEST_PASSWORD,
  TEST_TOKEN,
  MERCHANT_KEY_ERROR_JSON,
} from '#dev/esewa_sandbox/checkout'
export {
  ESEWA_STATUSES,
  type EsewaStatus,
  type SandboxTransactionStatus,
  type SandboxEpayVersion,
} from '#dev/esewa_sandbox/statuses'
