import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The local eSewa sandbox's own ledger (development and tests only): what a
 * merchant posted to the simulated ePay forms, the checkout session and what
 * the simulated payer did. The app's payment tables never point here.
 */
export default class extends BaseSchema {
  protected tableName = 'esewa_sandbox_transactions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      // 'v2' (/api/epay/main/v2/form) or 'v1' (/epay/main).
      table.string('version', 2).notNullable()
      // v2 product_code, v1 scd.
      table.string('product_code', 64).notNullable()
      // v2 transaction_uuid, v1 pid.
      table.string('transaction_uuid', 100).notNullable()
      // Amounts exactly as posted (v1: amt, txAmt, psc, pdc, tAmt).
      table.string('amount', 32).notNullable()
      table.string('tax_amount', 32).notNullable()
      table.string('product_service_charge', 32).notNullable()
      table.string('product_delivery_charge', 32).notNullable()
      table.string('total_amount', 32).notNullable()
      // v1: su and fu.
      table.text('success_url').notNullable()
      table.text('failure_url').notNullable()
      // INITIATED, PENDING, COMPLETE, AMBIGUOUS, NOT_FOUND, CANCELED, FULL_REFUND, PARTIAL_REFUND.
      table.string('status', 20).notNullable().defaultTo('INITIATED')
      // eSewa's reference: transaction_code in the v2 callback, ref_id in the status API, refId in v1.
      table.string('ref_id', 16).nullable().unique()
      // The checkout page's random token and when it stops working.
      table.string('session_token', 64).notNullable().unique()
      table.timestamp('session_expires_at', { useTz: true }).notNullable()
      // Which published test eSewa ID paid.
      table.string('payer_esewa_id', 16).nullable()

      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()

      // One transaction per merchant and uuid (a v1 pid may repeat a v2 uuid).
      table.unique(['product_code', 'transaction_uuid', 'version'])
      table.index(['updated_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
