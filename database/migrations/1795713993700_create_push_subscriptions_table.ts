import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per browser (device) that may receive a user's push notifications.
 */
export default class extends BaseSchema {
  protected tableName = 'push_subscriptions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      // The push service URL is the device's identity: stored once, whoever it belongs to now.
      table.text('endpoint').notNullable().unique()
      // The subscription's keys.p256dh (the browser's P-256 public key) and keys.auth
      // (its 16-byte auth secret), base64url, for aes128gcm encryption.
      table.string('public_key', 128).notNullable()
      table.string('auth_secret', 64).notNullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.string('user_agent', 512).nullable()
      // "Chrome on Android", shown to the user in a list of their devices.
      table.string('device_label', 80).nullable()
      table.timestamp('last_success_at', { useTz: true }).nullable()
      table.timestamp('last_failure_at', { useTz: true }).nullable()
      // Failed deliveries since the last success.
      table.integer('failure_count').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
