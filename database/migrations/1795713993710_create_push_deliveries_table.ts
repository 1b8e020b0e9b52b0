import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The outcome of every attempt to hand a notification to a push service.
 * Rows older than a month are deleted by the push queue.
 */
export default class extends BaseSchema {
  protected tableName = 'push_deliveries'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id').notNullable()
      // Kept after the subscription is pruned, so the log still tells what happened.
      table
        .integer('subscription_id')
        .unsigned()
        .nullable()
        .references('push_subscriptions.id')
        .onDelete('SET NULL')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('kind', 32).notNullable()
      table.string('tag', 100).nullable()
      // The push service (scheme and host), never the full endpoint.
      table.string('push_service', 255).notNullable()
      table.smallint('attempt').notNullable()
      table.integer('status_code').nullable()
      table
        .enum('outcome', ['delivered', 'pruned', 'retrying', 'failed', 'config_error'], {
          useNative: true,
          enumName: 'push_delivery_outcome',
        })
        .notNullable()
      table.text('error').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['user_id', 'created_at'])
      table.index(['subscription_id'])
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
    this.schema.raw('DROP TYPE IF EXISTS push_delivery_outcome')
  }
}
