import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Room from '#models/room'
import RoomPhoto from '#models/room_photo'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { RoomPhotoFactory } from '#database/factories/room_photo_factory'
import { RoomStatus } from '#rooms/enums/room_status'
import { PhotoStorage } from '#core/uploads/photo_storage'
import uploads from '#config/uploads'
import { fakeJpegBytes, flashedInputErrors, pngBytes, withRollback } from '#tests/helpers/app'

const roomForm = {
  title: 'Bright single room in Kupondole',
  description: 'Second floor, 24-hour water, attached bathroom, ten minutes from Pulchowk.',
  city: 'lalitpur',
  locality: 'Kupondole',
  rentNpr: '8500',
  roomType: 'single',
  furnished: 'true',
}

test.group('Owner rooms / listing a room', (group) => {
  withRollback(group)

  test('an owner lists a room with photos, stored on disk and served by the app', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const response = await client
      .post(urlFor('owner.rooms.store'))
      .fields(roomForm)
      .file('photos[]', pngBytes(1), { filename: 'front.png', contentType: 'image/png' })
      .file('photos[]', pngBytes(2), { filename: 'IMG_2201.jpg', contentType: 'image/jpeg' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)

    const room = await Room.query().where('ownerId', owner.id).preload('photos').firstOrFail()
    response.assertStatus(302)
    response.assertHeader('location', urlFor('rooms.show', { id: room.id }))
    assert.deepInclude(room.$attributes, {
      title: roomForm.title,
      rentNpr: 8500,
      furnished: true,
      status: RoomStatus.Available,
    })
    assert.lengthOf(room.photos, 2)
    // Re-encoded in sizes (tests/functional/rooms/photo_variants.spec.ts), whatever the browser said.
    assert.match(room.photos[1].fileName, /\.webp$/)
    assert.equal(room.photos[1].mimeType, 'image/webp')
    assert.isTrue(existsSync(new PhotoStorage().pathOf(room.photos[0].fileName)))

    const photo = await client.get(room.photos[0].url)
    photo.assertStatus(200)
    photo.assertHeader('content-type', 'image/webp')
  })

  test('missing and out-of-range fields come back with messages', async ({ client }) => {
    const owner = await UserFactory.apply('owner').create()
    const response = await client
      .post(urlFor('owner.rooms.store'))
      .fields({ ...roomForm, title: '', rentNpr: '50', city: 'delhi' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      title: ['Please enter Title'],
      city: ['Please choose one of the options'],
      rentNpr: ['Monthly rent must be at least 500'],
    })
    response.assertFlashMessage('description', roomForm.description)
  })

  test('a file that is not an image is refused, whatever its name says', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const response = await client
      .post(urlFor('owner.rooms.store'))
      .fields(roomForm)
      .file('photos[]', fakeJpegBytes(), { filename: 'room.jpg', contentType: 'image/jpeg' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      'photos.0': ['Photos must be JPEG, PNG or WebP images'],
    })
    assert.isNull(await Room.findBy('ownerId', owner.id))
  })

  test('a photo over the size limit is refused', async ({ client, assert }) => {
    const owner = await UserFactory.apply('owner').create()
    const tooBig = Buffer.alloc(uploads.photoMaxSizeMb * 1024 * 1024 + 1024)
    pngBytes().copy(tooBig)
    const response = await client
      .post(urlFor('owner.rooms.store'))
      .fields(roomForm)
      .file('photos[]', tooBig, { filename: 'huge.png', contentType: 'image/png' })
      .loginAs(owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.match(flashedInputErrors(response)['photos.0'][0], /at most/)
    assert.isNull(await Room.findBy('ownerId', owner.id))
  })

  test('a client cannot list rooms', async ({ client }) => {
    const user = await UserFactory.create()
    const page = await client.get(urlFor('owner.rooms.create')).loginAs(user)
    page.assertStatus(403)
    const post = await client
      .post(urlFor('owner.rooms.store'))
      .fields(roomForm)
      .loginAs(user)
      .withCsrfToken()
    post.assertStatus(403)
  })
})

test.group('Owner rooms / managing own rooms', (group) => {
  withRollback(group)

  test('an owner edits their room and adds a photo', async ({ client, assert }) => {
    const room = await RoomFactory.with('owner', 1, (owner) => owner.apply('owner')).create()
    await room.load('owner')
    const response = await client
      .put(urlFor('owner.rooms.update', { id: room.id }))
      .fields({ ...roomForm, title: 'Renovated single room in Kupondole', rentNpr: '9000' })
      .file('photos[]', pngBytes(3), { filename: 'new.png' })
      .loginAs(room.owner)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', urlFor('owner.rooms.index'))
    await room.refresh()
    assert.equal(room.title, 'Renovated single room in Kupondole')
    assert.equal(room.rentNpr, 9000)
    assert.lengthOf(await RoomPhoto.query().where('roomId', room.id), 1)
  })

  test('a room cannot have more photos than allowed', async ({ client, assert }) => {
    const room = await RoomFactory.with('owner', 1, (owner) => owner.apply('owner')).create()
    await room.load('owner')
    for (let position = 0; position < uploads.photosPerRoom; position++) {
      await RoomPhotoFactory.merge({ roomId: room.id, position }).create()
    }
    const response = await client
      .put(urlFor('owner.rooms.update', { id: room.id }))
      .fields(roomForm)
      .file('photos[]', pngBytes(99), { filename: 'one-more.png' })
      .loginAs(room.owner)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.match(flashedInputErrors(response).photos[0], /at most 8 photos/)
    assert.lengthOf(await RoomPhoto.query().where('roomId', room.id), uploads.photosPerRoom)
  })

  test('marking a room rented takes it off the listing; listing it again brings it back', async ({
    client,
    assert,
  }) => {
    const room = await RoomFactory.with('owner', 1, (owner) => owner.apply('owner'))
      .merge({ title: 'Room that gets rented soon' })
      .create()
    await room.load('owner')

    await client
      .post(urlFor('owner.rooms.status', { id: room.id }))
      .form({ status: 'rented' })
      .loginAs(room.owner)
      .withCsrfToken()
    assert.notInclude((await client.get(urlFor('rooms.index'))).text(), room.title)
    ;(await client.get(urlFor('rooms.show', { id: room.id }))).assertTextIncludes('Rented')

    await client
      .post(urlFor('owner.rooms.status', { id: room.id }))
      .form({ status: 'available' })
      .loginAs(room.owner)
      .withCsrfToken()
    ;(await client.get(urlFor('rooms.index'))).assertTextIncludes(room.title)
  })

  test('deleting a room removes it and its photo files', async ({ client, assert }) => {
    const room = await RoomFactory.with('owner', 1, (owner) => owner.apply('owner')).create()
    await room.load('owner')
    const stored = await RoomPhotoFactory.merge({ roomId: room.id }).create()

    const response = await client
      .delete(urlFor('owner.rooms.destroy', { id: room.id }))
      .loginAs(room.owner)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', urlFor('owner.rooms.index'))
    assert.isNull(await Room.find(room.id))
    assert.isFalse(existsSync(new PhotoStorage().pathOf(stored.fileName)))
    ;(await client.get(urlFor('room_photos.show', { fileName: stored.fileName }))).assertStatus(404)
  })

  test("an owner gets 403 on every change to another owner's room", async ({ client, assert }) => {
    const room = await RoomFactory.with('owner', 1, (owner) => owner.apply('owner')).create()
    const photo = await RoomPhotoFactory.merge({ roomId: room.id }).create()
    const intruder = await UserFactory.apply('owner').create()

    const attempts = [
      client.get(urlFor('owner.rooms.edit', { id: room.id })),
      client.put(urlFor('owner.rooms.update', { id: room.id })).fields(roomForm),
      client.post(urlFor('owner.rooms.status', { id: room.id })).form({ status: 'rented' }),
      client.delete(urlFor('owner.rooms.destroy', { id: room.id })),
      client.delete(urlFor('owner.room_photos.destroy', { id: room.id, photoId: photo.id })),
    ]
    for (const attempt of attempts) {
      const response = await attempt.loginAs(intruder).withCsrfToken()
      response.assertStatus(403)
      response.assertTextIncludes('You cannot do that')
    }
    await room.refresh()
    assert.equal(room.status, RoomStatus.Available)
    assert.exists(await RoomPhoto.find(photo.id))
  })

  test('the dashboard lists only the owner’s own rooms', async ({ client, assert }) => {
    const mine = await RoomFactory.with('owner', 1, (owner) => owner.apply('owner'))
      .merge({ title: 'My own room in Thamel' })
      .create()
    await mine.load('owner')
    const theirs = await RoomFactory.with('owner', 1, (owner) => owner.apply('owner'))
      .merge({ title: 'Somebody else’s room' })
      .create()
    const response = await client.get(urlFor('owner.rooms.index')).loginAs(mine.owner)
    response.assertTextIncludes(mine.title)
    assert.notInclude(response.text(), theirs.title)
  })
})
