import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import transmit from '@adonisjs/transmit/services/main'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { drawRoomIllustration } from '#dev/demo/room_illustration'
import { RoomFactory } from '#database/factories/room_factory'
import { RoomPhotoFactory } from '#database/factories/room_photo_factory'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { decoded, openStream, rawRequest } from '#tests/helpers/raw_http'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * gzip / brotli for text the browser accepts compressed; never for the live
 * stream, images or tiny bodies.
 */
test.group('Compression / text over 1 KB, when accepted', (group) => {
  withRollback(group)

  test('the listing page comes gzip or brotli, as the browser prefers, and reads the same', async ({
    assert,
  }) => {
    await RoomFactory.with('owner').createMany(3)
    const plain = await rawRequest('/')
    assert.isUndefined(plain.headers['content-encoding'], 'nothing asked, nothing compressed')
    const gzip = await rawRequest('/', { 'accept-encoding': 'gzip' })
    assert.equal(gzip.headers['content-encoding'], 'gzip')
    assert.include(String(gzip.headers.vary), 'Accept-Encoding')
    assert.equal(
      Number(gzip.headers['content-length']),
      gzip.body.length,
      'sent whole, with its length'
    )
    const br = await rawRequest('/', { 'accept-encoding': 'gzip, deflate, br' })
    assert.equal(br.headers['content-encoding'], 'br')
    assert.include(decoded(gzip).toString(), '</html>')
    assert.include(decoded(br).toString(), '</html>')
    assert.isBelow(gzip.body.length, plain.body.length / 3)
    console.log(
      `listing: ${plain.body.length} B raw, ${gzip.body.length} B gzip, ${br.body.length} B br`
    )
  })

  test('JSON from the API is compressed', async ({ assert }) => {
    await RoomFactory.with('owner').createMany(8)
    const response = await rawRequest('/api/rooms', {
      'accept': 'application/json',
      'accept-encoding': 'gzip',
    })
    assert.equal(response.status, 200)
    assert.include(String(response.headers['content-type']), 'application/json')
    assert.equal(response.headers['content-encoding'], 'gzip')
    assert.lengthOf(JSON.parse(decoded(response).toString()).data, 8)
  })

  test('CSS is compressed (the development stylesheet)', async ({ assert }) => {
    const response = await rawRequest('/resources/css/app.css', {
      'accept': 'text/css,*/*;q=0.1',
      'accept-encoding': 'gzip',
    })
    assert.equal(response.status, 200)
    assert.include(String(response.headers['content-type']), 'text/css')
    assert.equal(response.headers['content-encoding'], 'gzip')
  })

  test('images and tiny bodies are sent as they are', async ({ assert }) => {
    const room = await RoomFactory.with('owner').create()
    const stored = await new PhotoStorage().storeBytes(drawRoomIllustration(5, 320, 240))
    const photo = await RoomPhotoFactory.merge({ roomId: room.id, ...stored }).create()
    assert.isAbove(stored.sizeBytes, 1024)
    const accepts = { 'accept-encoding': 'gzip, br' }
    const image = await rawRequest(`/media/rooms/${photo.fileName}`, accepts)
    assert.equal(image.headers['content-type'], 'image/webp')
    assert.isUndefined(image.headers['content-encoding'])
    assert.equal(image.body.length, stored.sizeBytes)
    for (const path of ['/robots.txt', '/favicon.svg', '/health/live']) {
      const tiny = await rawRequest(path, accepts)
      assert.isBelow(tiny.body.length, 1024, path)
      assert.isUndefined(tiny.headers['content-encoding'], path)
    }
  })
})

test.group('Compression / never the live stream', (group) => {
  withRollback(group)

  test('the event stream is not compressed and each message arrives at once', async ({
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    const browser = await HttpSession.loggedInAs(user.email, TEST_PASSWORD)
    const uid = randomUUID()
    const stream = await openStream(`/__transmit/events?uid=${uid}`, {
      'cookie': browser.cookieHeader,
      'accept': 'text/event-stream',
      'accept-encoding': 'gzip, deflate, br',
    })
    cleanup(() => stream.close())
    assert.equal(stream.status, 200)
    assert.include(String(stream.headers['content-type']), 'text/event-stream')
    assert.isUndefined(stream.headers['content-encoding'])
    await stream.waitFor(':ok')

    const subscribed = await browser.fetch('/__transmit/subscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': browser.csrfToken },
      body: JSON.stringify({ uid, channel: `users/${user.id}` }),
    })
    assert.equal(subscribed.status, 204)
    for (const word of ['first', 'second']) {
      transmit.broadcast(`users/${user.id}`, { word })
      const waited = await stream.waitFor(`"word":"${word}"`, 1000)
      assert.isBelow(waited, 500, `"${word}" was not held back`)
    }
  })
})
