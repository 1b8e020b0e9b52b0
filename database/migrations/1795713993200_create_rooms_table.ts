import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'rooms'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.integer('owner_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('title', 120).notNullable()
      table.text('description').notNullable()
      table
        .enum('city', ['kathmandu', 'lalitpur', 'bhaktapur', 'pokhara'], {
          useNative: true,
          enumName: 'room_city',
        })
        .notNullable()
      table.string('locality', 80).notNullable()
      table.integer('rent_npr').notNullable()
      table
        .enum('room_type', ['single', 'double', 'shared', 'flat_1bhk', 'flat_2bhk'], {
          useNative: true,
          enumName: 'room_type',
        })
        .notNullable()
      table.boolean('furnished').notNullable().defaultTo(false)
      table
        .enum('status', ['available', 'rented'], { useNative: true, enumName: 'room_status' })
        .notNullable()
        .defaultTo('available')

      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })

    this.schema.raw(
      `ALTER TABLE rooms ADD CONSTRAINT rooms_rent_range CHECK (rent_npr BETWEEN 500 AND 1000000)`
    )

    // Full-text search over title, locality and description, kept up to date by PostgreSQL.
    this.schema.raw(`
      ALTER TABLE rooms ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(locality, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B')
      ) STORED
    `)
    this.schema.raw('CREATE INDEX rooms_search_vector_index ON rooms USING GIN (search_vector)')

    // The listing shows available rooms, filtered by city and rent, newest or cheapest first.
    this.schema.raw(
      'CREATE INDEX rooms_listing_newest_index ON rooms (status, created_at DESC, id DESC)'
    )
    this.schema.raw('CREATE INDEX rooms_listing_city_rent_index ON rooms (status, city, rent_npr)')
    this.schema.raw('CREATE INDEX rooms_listing_rent_index ON rooms (status, rent_npr)')
    this.schema.raw('CREATE INDEX rooms_locality_index ON rooms (city, lower(locality))')
    this.schema.raw('CREATE INDEX rooms_owner_index ON rooms (owner_id, created_at DESC)')
  }

  async down() {
    this.schema.dropTable(this.tableName)
    this.schema.raw('DROP TYPE IF EXISTS room_city')
    this.schema.raw('DROP TYPE IF EXISTS room_type')
    this.schema.raw('DROP TYPE IF EXISTS room_status')
  }
}
