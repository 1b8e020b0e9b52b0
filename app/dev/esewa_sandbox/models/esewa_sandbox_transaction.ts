import { EsewaSandboxTransactionSchema } from '#database/schema'
import { column } from '@adonisjs/lucid/orm'
import type { SandboxEpayVersion, SandboxTransactionStatus } from '#dev/esewa_sandbox/statuses'

/**
 * A payment posted to the local eSewa sandbox (v2 form or v1 form), with its
 * checkout session. Amounts are the exact strings the merchant posted.
 */
export default class EsewaSandboxTransaction extends EsewaSandboxTransactionSchema {
  @column()
  declare version: SandboxEpayVersion

  @column()
  declare status: SandboxTransactionStatus

  /** The checkout page's secret token: never serialized. */
  @column({ serializeAs: null })
  declare sessionToken: string
}
