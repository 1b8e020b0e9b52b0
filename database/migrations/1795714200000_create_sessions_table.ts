import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side sessions (@adonisjs/session's database store): the cookie
 * holds only the id, so destroying a row ends every copy of that cookie.
 * `user_id` tags a logged-in session with its user (ending all of a user's
 * sessions at once); expired rows are collected by the store now and then.
 */
export default class extends BaseSchema {
  protected tableName = 'sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id').primary()
      table.text('data').notNullable()
      table.string('user_id').nullable().index()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
