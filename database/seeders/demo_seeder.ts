import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import User from '#models/user'
import Room from '#models/room'
import RoomPhoto from '#models/room_photo'
import { UserRole } from '#accounts/enums/user_role'
import { RoomCity } from '#rooms/enums/room_city'
import { RoomType, roomTypeLabels } from '#rooms/enums/room_type'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { encodePhotoVariants } from '#core/uploads/photo_encoder'
import { drawRoomIllustration, seededRandom } from '#dev/demo/room_illustration'
import {
  DEMO_CLIENTS,
  DEMO_OWNERS,
  DEMO_PASSWORD,
  DESCRIPTION_PARTS,
  FLOORS,
  LOCALITIES,
  RENT_RANGES,
  TITLES,
} from '#dev/demo/demo_data'

const ROOMS_PER_OWNER = 8

// Distinct pictures drawn once and shared out among the rooms' photos.
const DISTINCT_PICTURES = 16

/**
 * Demo owners, clients and rooms across Kathmandu, Lalitpur, Bhaktapur and
 * Pokhara, with generated photos. Deterministic: the same data every time.
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const random = seededRandom(2026)
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]
    const storage = new PhotoStorage()

    const owners = await User.createMany(
      DEMO_OWNERS.map((owner) => ({ ...owner, password: DEMO_PASSWORD, role: UserRole.Owner })),
      { client: this.client }
    )
    await User.createMany(
      DEMO_CLIENTS.map((client) => ({ ...client, password: DEMO_PASSWORD, role: UserRole.Client })),
      { client: this.client }
    )

    const cities = Object.values(RoomCity)
    const types = Object.values(RoomType)
    // Encoded in their sizes once (tens of ms each), then written under a new name per photo.
    const pictures = await Promise.all(
      Array.from({ length: DISTINCT_PICTURES }, (_, index) =>
        encodePhotoVariants(drawRoomIllustration(index + 1, 640, 480))
      )
    )

    for (const [ownerIndex, owner] of owners.entries()) {
      for (let roomIndex = 0; roomIndex < ROOMS_PER_OWNER; roomIndex++) {
        const city = cities[(ownerIndex + roomIndex) % cities.length]
        const locality = pick(LOCALITIES[city])
        const roomType = pick(types)
        const [minRent, maxRent] = RENT_RANGES[roomType]
        const rentNpr = Math.round((minRent + random() * (maxRent - minRent)) / 500) * 500
        const fill = (text: string) =>
          text
            .replaceAll('{locality}', locality)
            .replaceAll(
              '{type}',
              roomTypeLabels[roomType].replace(/^(Single|Double|Shared)/, (word) =>
                word.toLowerCase()
              )
            )
            .replaceAll('{floor}', pick(FLOORS))

        const description = [
          fill(pick(DESCRIPTION_PARTS.opening)),
          pick(DESCRIPTION_PARTS.water),
          pick(DESCRIPTION_PARTS.extras),
          ...(locality === 'Lakeside' ? DESCRIPTION_PARTS.lakeside : []),
          pick(DESCRIPTION_PARTS.rules),
        ].join('\n\n')

        const room = await Room.create(
          {
            ownerId: owner.id,
            title: fill(pick(TITLES[roomType])),
            description,
            city,
            locality,
            rentNpr,
            roomType,
            furnished: random() < 0.5,
          },
          { client: this.client }
        )
        // Spread listing dates over the last two months, so "newest" means something.
        const listedAt = DateTime.now().minus({ hours: Math.floor(random() * 24 * 60) })
        await this.client
          .from('rooms')
          .where('id', room.id)
          .update({ created_at: listedAt.toJSDate() })

        const photoCount = 2 + Math.floor(random() * 3)
        for (let position = 0; position < photoCount; position++) {
          const stored = await storage.storeEncoded(pick(pictures))
          await RoomPhoto.create({ ...stored, roomId: room.id, position }, { client: this.client })
        }
      }
    }
  }
}
