import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('conversations', (table) => {
      table.increments('id').notNullable()
      table.integer('room_id').unsigned().notNullable().references('rooms.id').onDelete('RESTRICT')
      table
        .integer('client_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.integer('owner_id').unsigned().notNullable().references('users.id').onDelete('RESTRICT')
      // The payment whose success opened it; access is re-checked against live payments on every use.
      table
        .integer('opened_by_payment_id')
        .unsigned()
        .notNullable()
        .references('payments.id')
        .onDelete('RESTRICT')
      table.timestamp('last_message_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
      table.unique(['room_id', 'client_id'])
    })
    // Inboxes: a user's conversations, most recent activity first.
    this.schema.raw(
      'CREATE INDEX conversations_owner_activity_index ON conversations (owner_id, last_message_at DESC NULLS LAST, id DESC)'
    )
    this.schema.raw(
      'CREATE INDEX conversations_client_activity_index ON conversations (client_id, last_message_at DESC NULLS LAST, id DESC)'
    )

    this.schema.createTable('messages', (table) => {
      table.bigIncrements('id').notNullable()
      table
        .integer('conversation_id')
        .unsigned()
        .notNullable()
        .references('conversations.id')
        .onDelete('CASCADE')
      table
        .integer('sender_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table
        .integer('receiver_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.text('content').nullable()
      // Random name under UPLOADS_DIR/chat; served only to the two participants.
      table.string('image_file_name', 80).nullable().unique()
      table.string('image_mime_type', 30).nullable()
      table.integer('image_size_bytes').nullable()
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_has_content CHECK (content IS NOT NULL OR image_file_name IS NOT NULL)`
    )
    // Latest messages of a conversation, and paging back by id.
    this.schema.raw(
      'CREATE INDEX messages_conversation_latest_index ON messages (conversation_id, id DESC)'
    )
    // Unread messages of a user.
    this.schema.raw(
      'CREATE INDEX messages_unread_index ON messages (receiver_id, conversation_id) WHERE read_at IS NULL'
    )
  }

  async down() {
    this.schema.dropTable('messages')
    this.schema.dropTable('conversations')
  }
}
