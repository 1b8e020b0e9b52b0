import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'room_photos'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.integer('room_id').unsigned().notNullable().references('rooms.id').onDelete('CASCADE')
      // Random name of the file under UPLOADS_DIR/rooms; never the uploader's file name.
      table.string('file_name', 80).notNullable().unique()
      table.string('mime_type', 30).notNullable()
      table.integer('size_bytes').notNullable()
      table.smallint('position').notNullable().defaultTo(0)

      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['room_id', 'position'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
