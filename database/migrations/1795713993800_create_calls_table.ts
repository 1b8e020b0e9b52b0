import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('calls', (table) => {
      table.increments('id').notNullable()
      table
        .integer('conversation_id')
        .unsigned()
        .notNullable()
        .references('conversations.id')
        .onDelete('CASCADE')
      table
        .integer('caller_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table
        .integer('callee_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table
        .enum(
          'status',
          ['ringing', 'accepted', 'ended', 'rejected', 'missed', 'cancelled', 'busy', 'failed'],
          {
            useNative: true,
            enumName: 'call_status',
          }
        )
        .notNullable()
      table.timestamp('requested_at', { useTz: true }).notNullable()
      table.timestamp('answered_at', { useTz: true }).nullable()
      // When both browsers reported the media connection up.
      table.timestamp('connected_at', { useTz: true }).nullable()
      table.timestamp('ended_at', { useTz: true }).nullable()
      table.integer('duration_seconds').nullable()
      table.string('end_reason', 60).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.raw('CREATE INDEX calls_conversation_index ON calls (conversation_id, id DESC)')
    // Finding a user's call in progress (busy checks, ring timeouts).
    this.schema.raw(
      `CREATE INDEX calls_active_caller_index ON calls (caller_id) WHERE status IN ('ringing', 'accepted')`
    )
    this.schema.raw(
      `CREATE INDEX calls_active_callee_index ON calls (callee_id) WHERE status IN ('ringing', 'accepted')`
    )

    // A call's entry in the conversation ("Video call · 4 min 12 s", "Missed call").
    this.schema.alterTable('messages', (table) => {
      table
        .integer('call_id')
        .unsigned()
        .nullable()
        .unique()
        .references('calls.id')
        .onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable('messages', (table) => {
      table.dropColumn('call_id')
    })
    this.schema.dropTable('calls')
    this.schema.raw('DROP TYPE IF EXISTS call_status')
  }
}
