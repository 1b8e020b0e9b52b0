import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { cacheControlFor } from '#config/static'
import { drawRoomIllustration } from '#dev/demo/room_illustration'
import { RoomFactory } from '#database/factories/room_factory'
import { RoomPhotoFactory } from '#database/factories/room_photo_factory'
import { MessageFactory } from '#database/factories/message_factory'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { givenChatCast } from '#tests/helpers/chat'
import { withRollback } from '#tests/helpers/app'
import { rawRequest } from '#tests/helpers/raw_http'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * Cookies only where a session is needed, and cache headers that let
 * browsers and CDNs keep what is public, never what is private.
 */
async function roomPhoto() {
  const room = await RoomFactory.with('owner').create()
  const stored = await new PhotoStorage().storeBytes(drawRoomIllustration(3, 320, 240))
  return RoomPhotoFactory.merge({ roomId: room.id, ...stored }).create()
}

test.group('Cookies / only where a session is needed', (group) => {
  withRollback(group)

  test('a page sets the session cookie (what the others must not do), and no XSRF cookie', async ({
    assert,
  }) => {
    const browser = new HttpSession()
    const response = await browser.fetch('/')
    const names = response.headers.getSetCookie().map((line) => line.split('=')[0])
    assert.deepEqual(names, ['adonis-session'])
    // Scripts send the token of the page's meta tag instead.
    assert.match(browser.csrfToken, /^[\w-]{20,}$/)
  })

  test('room photos, /sw.js, robots.txt and the favicon set no cookie, even for a logged-in browser', async ({
    assert,
  }) => {
    const photo = await roomPhoto()
    const user = await UserFactory.create()
    const browser = await HttpSession.loggedInAs(user.email, TEST_PASSWORD)
    const paths = [
      urlFor('room_photos.show', { fileName: photo.fileName }),
      '/sw.js',
      '/robots.txt',
      '/favicon.ico',
      '/favicon.svg',
    ]
    for (const path of paths) {
      for (const method of ['GET', 'HEAD']) {
        const response = await rawRequest(path, { cookie: browser.cookieHeader }, { method })
        assert.equal(response.status, 200, `${method} ${path}`)
        assert.isUndefined(response.headers['set-cookie'], `${method} ${path}`)
      }
    }
    // The session was neither read nor renewed: the browser is still logged in as before.
    assert.equal((await browser.fetch(urlFor('client.home'))).status, 200)
  })

  test('a room photo that does not exist is the 404 page, still without a cookie', async ({
    assert,
  }) => {
    const response = await rawRequest(urlFor('room_photos.show', { fileName: 'nope.png' }), {
      accept: 'text/html',
    })
    assert.equal(response.status, 404)
    assert.include(response.body.toString(), 'This page does not exist')
    assert.isUndefined(response.headers['set-cookie'])
  })
})

/**
 * Outside a rolled-back transaction: start/health.ts keeps the connection it
 * was first loaded with (the test's transaction, inside withRollback).
 */
test.group('Cookies / none on the health probes', () => {
  test('GET and HEAD /health/live and /health/ready set no cookie, even when sent session cookies', async ({
    assert,
  }) => {
    const cookie = 'adonis-session=s%3Aanything; XSRF-TOKEN=anything'
    for (const path of ['/health/live', '/health/ready']) {
      for (const method of ['GET', 'HEAD']) {
        const response = await rawRequest(path, { cookie }, { method })
        assert.equal(response.status, 200, `${method} ${path}`)
        assert.isUndefined(response.headers['set-cookie'], `${method} ${path}`)
      }
    }
  })
})

test.group('Caching / public for a while, private never', (group) => {
  withRollback(group)

  test('room photos: public and immutable (a name is never reused), with an ETag', async ({
    assert,
  }) => {
    const photo = await roomPhoto()
    const path = urlFor('room_photos.show', { fileName: photo.fileName })
    const first = await rawRequest(path)
    assert.equal(first.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal(first.headers['content-type'], 'image/webp')
    const etag = first.headers.etag
    assert.isString(etag)
    const again = await rawRequest(path, { 'if-none-match': etag! })
    assert.equal(again.status, 304)

    // Deleted by its owner: gone at once for anyone who asks again.
    await photo.delete()
    assert.equal((await rawRequest(path)).status, 404)
  })

  test('chat images are private and never stored by the browser', async ({ client }) => {
    const cast = await givenChatCast()
    const stored = await new PhotoStorage('chat').storeBytes(drawRoomIllustration(4, 64, 48))
    const message = await MessageFactory.merge({
      conversationId: cast.conversation.id,
      senderId: cast.client.id,
      content: null,
      imageFileName: stored.fileName,
      imageMimeType: stored.mimeType,
      imageSizeBytes: stored.sizeBytes,
    }).create()
    const response = await client
      .get(urlFor('chat.image', { conversationId: cast.conversation.id, messageId: message.id }))
      .loginAs(cast.owner)
    response.assertStatus(200)
    response.assertHeader('cache-control', 'private, no-store')
  })

  test('only Vite’s hashed build output is immutable', ({ assert }) => {
    const immutable = 'public, max-age=31536000, immutable'
    assert.equal(cacheControlFor(app.publicPath('assets', 'app-H9D_PD8A.css')), immutable)
    assert.equal(cacheControlFor(app.publicPath('assets', 'live-DeuhYVWR.js')), immutable)
    const oneDay = 'public, max-age=86400'
    assert.equal(cacheControlFor(app.publicPath('favicon.ico')), oneDay)
    assert.equal(cacheControlFor(app.publicPath('robots.txt')), oneDay)
    assert.equal(cacheControlFor(app.publicPath('assets', 'app.css')), oneDay)
    assert.equal(cacheControlFor(app.publicPath('favicon-12345678.svg')), oneDay, 'not Vite’s')
  })

  test('the service worker is always fetched fresh', async ({ assert }) => {
    const response = await rawRequest('/sw.js')
    assert.equal(response.status, 200)
    assert.include(String(response.headers['cache-control']), 'no-store')
  })
})
