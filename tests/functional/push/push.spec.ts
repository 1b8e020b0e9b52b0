import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { urlFor } from '@adonisjs/core/services/url_builder'
import edge from 'edge.js'
import pushConfig from '#config/push'
import PushSubscription from '#models/push_subscription'
import { UserFactory } from '#database/factories/user_factory'
import { SERVICE_WORKER_SOURCE } from '#push/service_worker'
import { withRollback } from '#tests/helpers/app'
import { TestDevice } from '#tests/helpers/push_endpoint'

const FCM = 'https://fcm.googleapis.com/fcm/send'

test.group('Push / subscriptions API', (group) => {
  withRollback(group)

  test('a logged-in user stores this device; the same endpoint again updates the one row', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const device = new TestDevice(`${FCM}/device-one`)

    const created = await client
      .post(urlFor('push.subscriptions.store'))
      .json(device.toJSON())
      .header('Accept', 'application/json')
      .header('User-Agent', 'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile Safari/537.36')
      .withCsrfToken()
      .loginAs(user)
    created.assertStatus(201)
    assert.equal(created.body().subscription.deviceLabel, 'Chrome on Android')
    assert.notProperty(created.body().subscription, 'endpoint')
    assert.notProperty(created.body().subscription, 'keys')

    const renewed = new TestDevice(device.endpoint)
    const updated = await client
      .post(urlFor('push.subscriptions.store'))
      .json(renewed.toJSON())
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(user)
    updated.assertStatus(200)

    const rows = await PushSubscription.query().where('endpoint', device.endpoint)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].userId, user.id)
    assert.equal(rows[0].publicKey, renewed.toJSON().keys.p256dh)
    assert.equal(rows[0].authSecret, renewed.toJSON().keys.auth)
  })

  test('an endpoint another user had moves to the user who saves it', async ({
    client,
    assert,
  }) => {
    const [first, second] = await UserFactory.createMany(2)
    const device = new TestDevice(`${FCM}/shared-computer`)
    for (const user of [first, second]) {
      const response = await client
        .post(urlFor('push.subscriptions.store'))
        .json(device.toJSON())
        .header('Accept', 'application/json')
        .withCsrfToken()
        .loginAs(user)
      assert.oneOf(response.status(), [200, 201])
    }
    const rows = await PushSubscription.query().where('endpoint', device.endpoint)
    assert.deepEqual(
      rows.map((row) => row.userId),
      [second.id]
    )
  })

  test('invalid subscriptions get 422 with a message per field', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const good = new TestDevice(`${FCM}/x`).toJSON()
    const cases: [unknown, string[]][] = [
      [{}, ['endpoint', 'keys']],
      [{ ...good, endpoint: 'not a url' }, ['endpoint']],
      [{ ...good, endpoint: 'ftp://push.example/x' }, ['endpoint']],
      [{ ...good, keys: { p256dh: 'abc', auth: good.keys.auth } }, ['keys.p256dh']],
      // 65 bytes starting with 4, but not a point on the curve.
      [
        {
          ...good,
          keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: good.keys.auth },
        },
        ['keys.p256dh'],
      ],
      [
        {
          ...good,
          keys: { p256dh: good.keys.p256dh, auth: Buffer.alloc(8).toString('base64url') },
        },
        ['keys.auth'],
      ],
      [{ ...good, endpoint: `${FCM}/${'x'.repeat(2100)}` }, ['endpoint']],
    ]
    for (const [body, fields] of cases) {
      const response = await client
        .post(urlFor('push.subscriptions.store'))
        .json(body as object)
        .header('Accept', 'application/json')
        .withCsrfToken()
        .loginAs(user)
      response.assertStatus(422)
      const error = response.body().error
      assert.deepInclude(error, { status: 422, code: 'E_VALIDATION_ERROR' })
      assert.sameMembers(Object.keys(error.fields), fields, JSON.stringify(body).slice(0, 120))
      for (const messages of Object.values(error.fields) as string[][]) assert.isString(messages[0])
    }
    assert.lengthOf(await PushSubscription.query().where('userId', user.id), 0)
  })

  test('logged out: 401 with the API error shape, nothing stored', async ({ client, assert }) => {
    const device = new TestDevice(`${FCM}/visitor`)
    const stored = await client
      .post(urlFor('push.subscriptions.store'))
      .json(device.toJSON())
      .header('Accept', 'application/json')
      .withCsrfToken()
    stored.assertStatus(401)
    stored.assertBody({
      error: { status: 401, code: 'E_UNAUTHORIZED_ACCESS', message: 'Log in first' },
    })
    const deleted = await client
      .delete(urlFor('push.subscriptions.destroy'))
      .json({ endpoint: device.endpoint })
      .header('Accept', 'application/json')
      .withCsrfToken()
    deleted.assertStatus(401)
    assert.isNull(await PushSubscription.findBy('endpoint', device.endpoint))
  })

  test('without the CSRF token the request is refused', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const device = new TestDevice(`${FCM}/no-token`)
    const response = await client
      .post(urlFor('push.subscriptions.store'))
      .json(device.toJSON())
      .header('Accept', 'application/json')
      .loginAs(user)
    response.assertStatus(403)
    assert.equal(response.body().error.code, 'E_BAD_CSRF_TOKEN')
    assert.isNull(await PushSubscription.findBy('endpoint', device.endpoint))
  })

  test('DELETE forgets this device for this user, and only for them', async ({
    client,
    assert,
  }) => {
    const [owner, other] = await UserFactory.createMany(2)
    const device = new TestDevice(`${FCM}/to-forget`)
    const kept = new TestDevice(`${FCM}/laptop`)
    for (const subscription of [device, kept]) {
      await client
        .post(urlFor('push.subscriptions.store'))
        .json(subscription.toJSON())
        .header('Accept', 'application/json')
        .withCsrfToken()
        .loginAs(owner)
    }

    const byOther = await client
      .delete(urlFor('push.subscriptions.destroy'))
      .json({ endpoint: device.endpoint })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(other)
    byOther.assertStatus(200)
    byOther.assertBody({ removed: false })
    assert.isNotNull(await PushSubscription.findBy('endpoint', device.endpoint))

    const byOwner = await client
      .delete(urlFor('push.subscriptions.destroy'))
      .json({ endpoint: device.endpoint })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(owner)
    byOwner.assertBody({ removed: true })
    assert.isNull(await PushSubscription.findBy('endpoint', device.endpoint))
    assert.isNotNull(await PushSubscription.findBy('endpoint', kept.endpoint))

    const again = await client
      .delete(urlFor('push.subscriptions.destroy'))
      .json({ endpoint: device.endpoint })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(owner)
    again.assertBody({ removed: false })

    const invalid = await client
      .delete(urlFor('push.subscriptions.destroy'))
      .json({})
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(owner)
    invalid.assertStatus(422)
    assert.property(invalid.body().error.fields, 'endpoint')
  })
})

test.group('Push / what the browser loads', () => {
  test('GET /push/public-key gives the configured VAPID public key', async ({ client, assert }) => {
    const response = await client.get(urlFor('push.public_key'))
    response.assertStatus(200)
    response.assertBody({ publicKey: pushConfig.vapid.publicKey, enabled: true })
    assert.lengthOf(Buffer.from(response.body().publicKey, 'base64url'), 65)
  })

  test('GET /sw.js is the service worker, for the whole site, never cached', async ({
    client,
    assert,
  }) => {
    const response = await client.get(urlFor('push.service_worker'))
    response.assertStatus(200)
    assert.equal(urlFor('push.service_worker'), '/sw.js')
    assert.match(response.header('content-type') ?? '', /^application\/javascript/)
    response.assertHeader('service-worker-allowed', '/')
    assert.include(response.header('cache-control') ?? '', 'no-cache')
    const source = response.text()
    for (const handler of [
      "addEventListener('push'",
      "addEventListener('notificationclick'",
      "addEventListener('pushsubscriptionchange'",
    ]) {
      assert.include(source, handler)
    }
    // The same file as in production: no test hooks in it.
    assert.equal(source, await readFile(app.makePath(SERVICE_WORKER_SOURCE), 'utf8'))
    for (const hook of ['TEST_HOOKS', 'reportToTest', 'testClick', 'test-click']) {
      assert.notInclude(source, hook)
    }
  })

  test('the notifications control explains itself without script', async ({ assert }) => {
    const html = await edge.render('components/push_control', {})
    assert.include(html, 'data-push-control')
    assert.include(html, `data-public-key-url="${urlFor('push.public_key')}"`)
    assert.include(html, `data-subscriptions-url="${urlFor('push.subscriptions.store')}"`)
    assert.include(html, 'Notifications on this device')
    assert.include(html, 'even when it is closed')
    assert.match(html, /<button[^>]*data-push-toggle[^>]*hidden/)
  })
})
