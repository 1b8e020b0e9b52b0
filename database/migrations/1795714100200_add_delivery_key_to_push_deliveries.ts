import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Which notification (the job key) each delivery attempt was for: a job run
 * again after a crash skips the devices its first run already reached.
 */
export default class extends BaseSchema {
  protected tableName = 'push_deliveries'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('delivery_key', 200).nullable()
      table.index(['delivery_key', 'subscription_id'], 'push_deliveries_delivery_key_index')
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['delivery_key', 'subscription_id'], 'push_deliveries_delivery_key_index')
      table.dropColumn('delivery_key')
    })
  }
}
