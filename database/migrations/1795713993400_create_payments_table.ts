import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('payments', (table) => {
      table.increments('id').notNullable()
      // Money records outlive nothing they point to: rooms and users with payments are not deleted.
      table
        .integer('client_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('RESTRICT')
      table.integer('owner_id').unsigned().notNullable().references('users.id').onDelete('RESTRICT')
      table.integer('room_id').unsigned().notNullable().references('rooms.id').onDelete('RESTRICT')
      table.decimal('amount', 10, 2).notNullable().defaultTo(30)
      table
        .enum(
          'status',
          ['pending', 'complete', 'failed', 'expired', 'duplicate', 'refunded', 'canceled'],
          {
            useNative: true,
            enumName: 'payment_status',
          }
        )
        .notNullable()
        .defaultTo('pending')
      // eSewa's transaction_uuid (v2) or pid (v1): one per attempt.
      table.string('transaction_id', 64).notNullable().unique()
      table.string('esewa_ref_id', 32).nullable().unique()
      table
        .enum('gateway', ['esewa_v2', 'esewa_v1'], { useNative: true, enumName: 'payment_gateway' })
        .notNullable()
      table.string('product_code', 64).notNullable()
      // The exact amount string sent to eSewa, which the signature covered.
      table.string('amount_sent', 16).notNullable()
      // Scan-to-pay link: only a hash is kept; single use, short-lived.
      table.string('checkout_token_hash', 64).nullable().unique()
      table.timestamp('checkout_expires_at', { useTz: true }).nullable()
      table.timestamp('checkout_used_at', { useTz: true }).nullable()
      table.timestamp('paid_at', { useTz: true }).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      // Reconciler schedule and admin attention.
      table.timestamp('next_check_at', { useTz: true }).nullable()
      table.integer('check_attempts').notNullable().defaultTo(0)
      table.timestamp('flagged_at', { useTz: true }).nullable()
      table.text('flag_reason').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.raw(
      `ALTER TABLE payments ADD CONSTRAINT payments_transaction_id_format CHECK (transaction_id ~ '^[A-Za-z0-9-]+$')`
    )
    this.schema.raw(
      'ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount > 0)'
    )
    // One successful unlock per client and room.
    this.schema.raw(
      `CREATE UNIQUE INDEX payments_one_unlock_per_client_room ON payments (client_id, room_id) WHERE status = 'complete'`
    )
    this.schema.raw(
      'CREATE INDEX payments_client_room_index ON payments (client_id, room_id, created_at DESC)'
    )
    this.schema.raw('CREATE INDEX payments_owner_paid_index ON payments (owner_id, paid_at DESC)')
    this.schema.raw('CREATE INDEX payments_reconcile_index ON payments (status, next_check_at)')

    this.schema.createTable('payment_events', (table) => {
      table.bigIncrements('id').notNullable()
      table
        .integer('payment_id')
        .unsigned()
        .notNullable()
        .references('payments.id')
        .onDelete('RESTRICT')
      table.string('type', 40).notNullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['payment_id', 'id'])
    })
    // The audit trail is append-only, whatever the application does.
    this.schema.raw(`
      CREATE FUNCTION payment_events_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'payment_events is append-only';
      END
      $$ LANGUAGE plpgsql
    `)
    this.schema.raw(`
      CREATE TRIGGER payment_events_no_update_or_delete
      BEFORE UPDATE OR DELETE ON payment_events
      FOR EACH ROW EXECUTE FUNCTION payment_events_append_only()
    `)
  }

  async down() {
    this.schema.dropTable('payment_events')
    this.schema.raw('DROP FUNCTION IF EXISTS payment_events_append_only()')
    this.schema.dropTable('payments')
    this.schema.raw('DROP TYPE IF EXISTS payment_status')
    this.schema.raw('DROP TYPE IF EXISTS payment_gateway')
  }
}
