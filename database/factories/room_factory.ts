import factory from '@adonisjs/lucid/factories'
import Room from '#models/room'
import { RoomCity } from '#rooms/enums/room_city'
import { RoomType } from '#rooms/enums/room_type'
import { RoomStatus } from '#rooms/enums/room_status'
import { UserFactory } from '#database/factories/user_factory'

/**
 * Rooms with an owner. `.apply('rented')` takes one off the listing.
 */
export const RoomFactory = factory
  .define(Room, ({ faker }) => ({
    title: `${faker.word.adjective()} room near ${faker.location.street()}`.slice(0, 120),
    description: faker.lorem.paragraphs(2),
    city: faker.helpers.enumValue(RoomCity),
    locality: faker.location.street().slice(0, 80),
    rentNpr: faker.number.int({ min: 8, max: 80 }) * 500,
    roomType: faker.helpers.enumValue(RoomType),
    furnished: faker.datatype.boolean(),
    status: RoomStatus.Available,
  }))
  .state('rented', (room) => {
    room.status = RoomStatus.Rented
  })
  .relation('owner', () => UserFactory)
  .build()
