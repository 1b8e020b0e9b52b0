import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import ace from '@adonisjs/core/services/ace'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Room from '#models/room'
import type User from '#models/user'
import RoomPhoto from '#models/room_photo'
import PhotosResize from '#commands/photos_resize'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { cardNameOf } from '#core/uploads/photo_variants'
import { photoUrls } from '#rooms/presenters/photo_urls'
import { flashedInputErrors, withRollback } from '#tests/helpers/app'

const roomForm = {
  title: 'Sunny double room in Jhamsikhel',
  description: 'Third floor, solar hot water, shared kitchen, five minutes from Sanepa chowk.',
  city: 'lalitpur',
  locality: 'Jhamsikhel',
  rentNpr: '12000',
  roomType: 'double',
}

const storage = new PhotoStorage()
const CARD_BUDGET_BYTES = 60 * 1024
const GPS_IFD_TAG = Buffer.from([0x25, 0x88]) // 0x8825, little-endian as libexif writes it

/** Where a phone put its maker's name and the photo's place. */
const PHONE_EXIF = {
  IFD0: { Make: 'KothaTestPhone', Model: 'GPS-1' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '27/1 40/1 48/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '85/1 18/1 36/1',
  },
}

/**
 * A photo as a phone sends it: random pixels (the worst case for size),
 * EXIF with GPS.
 */
function noisyPhoneJpeg(width: number, height: number) {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .withExif(PHONE_EXIF)
    .toBuffer()
}

/**
 * A PNG whose header claims 20000×20000 pixels, in a few bytes: a decompression bomb.
 */
function pngBomb() {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(20_000, 0)
  header.writeUInt32BE(20_000, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function storedNames() {
  await mkdir(storage.directory, { recursive: true })
  return (await readdir(storage.directory)).sort()
}

/** An owner lists a room with one photo, through the real form. */
function listRoom(client: ApiClient, owner: User, photo: Buffer, filename = 'IMG_4032.jpg') {
  return client
    .post(urlFor('owner.rooms.store'))
    .fields(roomForm)
    .file('photos[]', photo, { filename, contentType: 'image/jpeg' })
    .loginAs(owner)
    .withCsrfToken()
    .redirects(0)
}

/** The chunks of a WebP file (RIFF): image data, and EXIF, XMP or ICCP when it carries them. */
function webpChunks(bytes: Buffer) {
  const chunks = []
  let offset = 12
  while (offset + 8 <= bytes.length) {
    chunks.push(bytes.toString('latin1', offset, offset + 4))
    const size = bytes.readUInt32LE(offset + 4)
    offset += 8 + size + (size % 2)
  }
  return chunks
}

/** No EXIF, XMP or ICC in a stored file, by sharp and by its chunks. */
async function assertNoMetadata(assert: Assert, bytes: Buffer) {
  const metadata = await sharp(bytes).metadata()
  assert.notExists(metadata.exif)
  assert.notExists(metadata.xmp)
  assert.notExists(metadata.icc)
  assert.notExists(metadata.orientation)
  assert.includeMembers(['VP8 ', 'VP8L', 'VP8X', 'ALPH'], webpChunks(bytes))
  assert.isFalse(bytes.includes('KothaTestPhone'))
}

test.group('Room photos / stored in sizes', (group) => {
  withRollback(group)

  test('a large phone photo is stored as a card and a full size, without its EXIF', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const original = await noisyPhoneJpeg(3000, 2000)
    const source = await sharp(original).metadata()
    assert.isTrue(source.exif!.includes(GPS_IFD_TAG), 'the test photo carries GPS')

    const response = await listRoom(client, owner, original)
    response.assertStatus(302)
    const room = await Room.query().where('ownerId', owner.id).preload('photos').firstOrFail()
    const [photo] = room.photos
    assert.match(photo.fileName, /^[0-9a-f-]{36}\.webp$/)
    assert.equal(photo.mimeType, 'image/webp')

    const stem = photo.fileName.split('.')[0]
    const names = (await storedNames()).filter((name) => name.startsWith(`${stem}.`))
    assert.sameMembers(names, [photo.fileName, cardNameOf(photo.fileName)])
    const full = await readFile(storage.pathOf(photo.fileName))
    const card = await readFile(storage.pathOf(cardNameOf(photo.fileName)))
    assert.equal(photo.sizeBytes, full.byteLength)
    assert.deepInclude(await sharp(full).metadata(), { format: 'webp', width: 1600, height: 1067 })
    assert.deepInclude(await sharp(card).metadata(), { format: 'webp', width: 640, height: 427 })
    assert.isAtMost(card.byteLength, CARD_BUDGET_BYTES, `card is ${card.byteLength} bytes`)

    await assertNoMetadata(assert, full)
    await assertNoMetadata(assert, card)
    for (const name of await storedNames()) {
      assert.isFalse((await readFile(storage.pathOf(name))).equals(original), name)
    }
  })

  test('a photo is turned upright by its EXIF orientation, its colour profile dropped', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const sideways = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#3a7' },
    })
      .jpeg()
      .withExif(PHONE_EXIF)
      .withMetadata({ orientation: 6 })
      .withIccProfile('p3')
      .toBuffer()
    assert.equal((await sharp(sideways).metadata()).orientation, 6)

    await listRoom(client, owner, sideways)
    const room = await Room.query().where('ownerId', owner.id).preload('photos').firstOrFail()
    const full = await readFile(storage.pathOf(room.photos[0].fileName))
    const card = await readFile(storage.pathOf(cardNameOf(room.photos[0].fileName)))
    // Never enlarged: both sizes are the photo's own 200×300, upright.
    assert.deepInclude(await sharp(full).metadata(), { width: 200, height: 300 })
    assert.deepInclude(await sharp(card).metadata(), { width: 200, height: 300 })
    await assertNoMetadata(assert, full)
    await assertNoMetadata(assert, card)
  })

  test('both sizes are served, cached for a year as immutable', async ({ client, assert }) => {
    const room = await RoomFactory.with('owner').create()
    const stored = await storage.storeBytes(await noisyPhoneJpeg(800, 600))
    const photo = await RoomPhoto.create({ ...stored, roomId: room.id, position: 0 })

    for (const [url, name] of [
      [photo.url, photo.fileName],
      [photo.cardUrl, cardNameOf(photo.fileName)],
    ]) {
      const response = await client.get(url)
      response.assertStatus(200)
      response.assertHeader('content-type', 'image/webp')
      response.assertHeader('cache-control', 'public, max-age=31536000, immutable')
      assert.isTrue(Buffer.from(response.body()).equals(await readFile(storage.pathOf(name))))
    }
    const stem = photo.fileName.split('.')[0]
    assert.deepEqual(photoUrls(photo.fileName), {
      card: `/media/rooms/${stem}.card.webp`,
      full: `/media/rooms/${stem}.webp`,
      srcset: `/media/rooms/${stem}.card.webp 640w, /media/rooms/${stem}.webp 1600w`,
    })
    assert.equal(photo.srcset, photoUrls(photo.fileName).srcset)
    // A name the database does not know, even next to a known one, is not served.
    ;(await client.get(urlFor('room_photos.show', { fileName: `${stem}.jpg` }))).assertStatus(404)
    const unknownCard = urlFor('room_photos.show', { fileName: `${randomUUID()}.card.webp` })
    ;(await client.get(unknownCard)).assertStatus(404)
  })

  test('the room page and the owner pages link the right sizes', async ({ client }) => {
    const owner = await UserFactory.apply('owner').create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const photos = []
    for (const position of [0, 1]) {
      const stored = await storage.storeBytes(await noisyPhoneJpeg(64, 48))
      photos.push(await RoomPhoto.create({ ...stored, roomId: room.id, position }))
    }
    const page = await client.get(urlFor('rooms.show', { id: room.id }))
    page.assertTextIncludes(`srcset="${photos[0].srcset}"`)
    page.assertTextIncludes(`src="${photos[1].cardUrl}"`)
    const edit = await client.get(urlFor('owner.rooms.edit', { id: room.id })).loginAs(owner)
    edit.assertTextIncludes(`src="${photos[0].cardUrl}"`)
    const dashboard = await client.get(urlFor('owner.rooms.index')).loginAs(owner)
    dashboard.assertTextIncludes(`src="${photos[0].cardUrl}"`)
  })
})

test.group('Room photos / refused when they do not decode', (group) => {
  withRollback(group)

  const cases = [
    {
      name: 'a truncated JPEG',
      bytes: async () => {
        const whole = await noisyPhoneJpeg(600, 400)
        return whole.subarray(0, Math.floor(whole.length / 2))
      },
      message: /^IMG_4032\.jpg could not be read: it may be damaged or incomplete/,
    },
    {
      name: 'a decompression bomb',
      bytes: async () => pngBomb(),
      message: /^IMG_4032\.jpg is too large: a photo may have at most 50 megapixels$/,
    },
    {
      name: 'a text file named .jpg',
      bytes: async () => Buffer.from('<?php echo "not an image"; ?>'),
      message: /^Photos must be JPEG, PNG or WebP images$/,
    },
  ]

  for (const refused of cases) {
    test(`${refused.name} is refused next to the field, and nothing is stored`, async ({
      client,
      assert,
    }) => {
      const owner = await UserFactory.apply('owner').create()
      const before = await storedNames()
      const response = await listRoom(client, owner, await refused.bytes())
      response.assertStatus(302)
      assert.match(flashedInputErrors(response)['photos.0'][0], refused.message)
      assert.isNull(await Room.findBy('ownerId', owner.id))
      assert.deepEqual(await storedNames(), before)

      const form = await client
        .get(urlFor('owner.rooms.create'))
        .withFlashMessages(response.flashMessages())
        .loginAs(owner)
      form.assertTextIncludes('data-error-for="photos">')
      assert.match(form.text(), /data-error-for="photos">[^<]*(could not|too large|must be)/)
    })
  }

  test('asked for JSON, a photo that does not decode is a 422 naming the field', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const response = await listRoom(client, owner, pngBomb(), 'bomb.png').accept('json')
    response.assertStatus(422)
    const body = response.body() as { error: { code: string; fields: Record<string, string[]> } }
    assert.equal(body.error.code, 'E_VALIDATION_ERROR')
    assert.match(body.error.fields['photos.0'][0], /^bomb\.png is too large/)
  })
})

test.group('Room photos / deleted with every size', (group) => {
  withRollback(group)

  test('removing a photo, then deleting its room, removes every size of every photo', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const photos = []
    for (const position of [0, 1]) {
      const stored = await storage.storeBytes(await noisyPhoneJpeg(320, 240))
      photos.push(await RoomPhoto.create({ ...stored, roomId: room.id, position }))
    }
    const filesOf = (photo: RoomPhoto) => [photo.fileName, cardNameOf(photo.fileName)]
    const urlsOf = (photo: RoomPhoto) => [photo.url, photo.cardUrl]
    for (const name of photos.flatMap(filesOf)) assert.isTrue(existsSync(storage.pathOf(name)))

    await client
      .delete(urlFor('owner.room_photos.destroy', { id: room.id, photoId: photos[0].id }))
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    for (const name of filesOf(photos[0])) assert.isFalse(existsSync(storage.pathOf(name)), name)
    for (const url of urlsOf(photos[0])) (await client.get(url)).assertStatus(404)
    for (const name of filesOf(photos[1])) assert.isTrue(existsSync(storage.pathOf(name)), name)

    await client
      .delete(urlFor('owner.rooms.destroy', { id: room.id }))
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    for (const name of filesOf(photos[1])) assert.isFalse(existsSync(storage.pathOf(name)), name)
    for (const url of urlsOf(photos[1])) (await client.get(url)).assertStatus(404)
  })
})

test.group('Room photos / stored before resizing', (group) => {
  withRollback(group)

  /** A photo as uploads were kept before: the original bytes, EXIF and all. */
  async function oldPhoto() {
    const room = await RoomFactory.with('owner').create()
    const original = await noisyPhoneJpeg(1200, 900)
    const fileName = `${randomUUID()}.jpg`
    await mkdir(storage.directory, { recursive: true })
    await writeFile(storage.pathOf(fileName), original)
    const photo = await RoomPhoto.create({
      roomId: room.id,
      fileName,
      mimeType: 'image/jpeg',
      sizeBytes: original.byteLength,
      position: 0,
    })
    return { photo, original }
  }

  test('its original is served for both sizes', async ({ client, assert }) => {
    const { photo, original } = await oldPhoto()
    for (const url of [photo.url, photo.cardUrl]) {
      const response = await client.get(url)
      response.assertStatus(200)
      response.assertHeader('content-type', 'image/jpeg')
      assert.isTrue(Buffer.from(response.body()).equals(original))
    }
  })

  test('photos:resize stores it in sizes under a new name and deletes the original', async ({
    client,
    assert,
  }) => {
    const { photo } = await oldPhoto()
    const [oldFull, oldCard] = [photo.url, photo.cardUrl]
    const oldName = photo.fileName

    ace.ui.switchMode('raw')
    const command = await ace.create(PhotosResize, [])
    await command.exec()
    command.assertSucceeded()
    command.assertLogMatches(/(?<!\d)1 resized, /)
    ace.ui.switchMode('normal')

    await photo.refresh()
    assert.match(photo.fileName, /^[0-9a-f-]{36}\.webp$/)
    assert.notEqual(photo.fileName.split('.')[0], oldName.split('.')[0], 'a new name')
    assert.equal(photo.mimeType, 'image/webp')
    assert.isFalse(existsSync(storage.pathOf(oldName)))
    const full = await readFile(storage.pathOf(photo.fileName))
    assert.equal(photo.sizeBytes, full.byteLength)
    assert.deepInclude(await sharp(full).metadata(), { width: 1200, height: 900 })
    const card = await readFile(storage.pathOf(cardNameOf(photo.fileName)))
    assert.deepInclude(await sharp(card).metadata(), { width: 640, height: 480 })
    await assertNoMetadata(assert, full)
    await assertNoMetadata(assert, card)
    for (const url of [oldFull, oldCard]) (await client.get(url)).assertStatus(404)
    ;(await client.get(photo.cardUrl)).assertHeader('content-type', 'image/webp')

    // Run again, nothing is left to do.
    ace.ui.switchMode('raw')
    const again = await ace.create(PhotosResize, [])
    await again.exec()
    again.assertLogMatches(/0 resized, \d+ already had their sizes/)
    ace.ui.switchMode('normal')
  })
})
