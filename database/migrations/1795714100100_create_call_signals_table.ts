import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every WebRTC signal (offer, answer, ICE candidate) of a call, stored
 * before it is broadcast: a call page whose stream dropped asks for the
 * signals after the last id it saw, so none is lost.
 */
export default class extends BaseSchema {
  protected tableName = 'call_signals'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id').notNullable()
      table.integer('call_id').unsigned().notNullable().references('calls.id').onDelete('CASCADE')
      table
        .integer('sender_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.jsonb('payload').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
    // Catching up: a call's signals after an id, in order.
    this.schema.raw('CREATE INDEX call_signals_call_index ON call_signals (call_id, id)')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
