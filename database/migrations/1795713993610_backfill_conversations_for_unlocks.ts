import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Unlocks paid before the chat existed get their conversation, as new
 * unlocks do.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      INSERT INTO conversations (room_id, client_id, owner_id, opened_by_payment_id, created_at, updated_at)
      SELECT DISTINCT ON (room_id, client_id) room_id, client_id, owner_id, id, coalesce(paid_at, created_at), now()
      FROM payments
      WHERE status = 'complete'
      ORDER BY room_id, client_id, paid_at
      ON CONFLICT (room_id, client_id) DO NOTHING
    `)
  }

  async down() {}
}
