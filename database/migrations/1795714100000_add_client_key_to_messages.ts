import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The idempotency key a browser puts on each send: a retried send (its
 * answer lost) finds the stored message instead of making a copy. One key
 * per conversation; NULL (sends without a key, call entries) never collides.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('messages', (table) => {
      table.string('client_key', 64).nullable()
      table.unique(['conversation_id', 'client_key'], {
        indexName: 'messages_conversation_client_key_unique',
      })
    })
  }

  async down() {
    this.schema.alterTable('messages', (table) => {
      table.dropUnique(['conversation_id', 'client_key'], 'messages_conversation_client_key_unique')
      table.dropColumn('client_key')
    })
  }
}
