import { test } from '@japa/runner'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import webpush from 'web-push'
import pushConfig, {
  DEFAULT_VAPID_SUBJECT,
  DEV_KEYS_FILE,
  resolveVapid,
  vapidProblem,
} from '#config/push'
import PushSubscription from '#models/push_subscription'
import PushDelivery from '#models/push_delivery'
import type User from '#models/user'
import { PushDeliveryOutcome, PushKind } from '#push/enums/push_kind'
import { UserFactory } from '#database/factories/user_factory'
import { deliverToUser, notifyUser, resetPushBurst } from '#push/notify_user'
import {
  callTag,
  messageTag,
  plainText,
  preparePush,
  pushKindDefaults,
  type PushNotification,
} from '#push/push_notification'
import { parseRetryAfter } from '#push/push_sender'
import { saveDeviceSubscription } from '#push/actions/save_device_subscription'
import { forgetDevice } from '#push/actions/forget_device'
import { describeDevice } from '#push/device_label'
import { withEnvLines } from '#commands/webpush_keys'
import db from '@adonisjs/lucid/services/db'
import jobsConfig from '#config/jobs'
import { PUSH_QUEUE } from '#push/push_jobs'
import { drainJobs, withRollback } from '#tests/helpers/app'
import {
  FakePushService,
  recordingSleep,
  TestDevice,
  verifyVapidAuthorization,
} from '#tests/helpers/push_endpoint'

/** A user with one device subscribed at a fresh endpoint of the fake push service. */
async function givenDevice(service: FakePushService, user?: User) {
  const owner = user ?? (await UserFactory.create())
  const device = new TestDevice(service.endpoint())
  const { subscription } = await saveDeviceSubscription(
    owner.id,
    device.toJSON(),
    'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile Safari/537.36'
  )
  return { user: owner, device, subscription }
}

const examples: Record<PushKind, PushNotification> = {
  [PushKind.Unlock]: {
    kind: PushKind.Unlock,
    title: 'Room unlocked',
    body: 'Bishal unlocked “Sunny room in Sanepa” (Rs. 30).',
    url: '/owner/rooms',
  },
  [PushKind.Message]: {
    kind: PushKind.Message,
    title: 'Sita',
    body: 'Is the room still free?',
    url: '/conversations/12',
    tag: messageTag(12),
  },
  [PushKind.Call]: {
    kind: PushKind.Call,
    title: 'Sita is calling',
    body: 'Video call about “Sunny room in Sanepa”',
    url: '/conversations/12',
    tag: callTag(99),
    actions: [{ action: 'open-call', title: 'Answer', url: '/calls/99' }],
  },
  [PushKind.MissedCall]: {
    kind: PushKind.MissedCall,
    title: 'Missed call',
    body: 'Sita called you',
    url: '/conversations/12',
    tag: callTag(99),
  },
}

test.group('Push / notifications are built from their kind', () => {
  test('each kind has its urgency, time to live and tag', ({ assert }) => {
    const call = preparePush(examples[PushKind.Call])
    assert.equal(call.urgency, 'high')
    assert.equal(call.ttlSeconds, 45)
    assert.isTrue(call.payload.requireInteraction)
    assert.isTrue(call.payload.renotify)
    assert.deepEqual(call.payload.actions, [
      { action: 'open-call', title: 'Answer', url: '/calls/99' },
    ])

    const message = preparePush(examples[PushKind.Message])
    assert.equal(message.urgency, 'normal')
    assert.equal(message.payload.tag, 'message-conversation-12')
    assert.isTrue(message.payload.renotify)
    assert.match(message.topic!, /^[A-Za-z0-9_-]{1,32}$/)

    const unlock = preparePush(examples[PushKind.Unlock])
    assert.equal(unlock.urgency, 'normal')
    assert.equal(unlock.ttlSeconds, 86400)
    assert.isNull(unlock.tag)
    assert.isUndefined(unlock.topic)
    assert.isFalse(unlock.payload.renotify)

    // A call without its own tag still replaces the previous ringing notification.
    assert.equal(
      preparePush({ ...examples[PushKind.Call], tag: undefined }).tag,
      pushKindDefaults[PushKind.Call].tag
    )
    // The caller may override any default.
    const urgentUnlock = preparePush({
      ...examples[PushKind.Unlock],
      urgency: 'high',
      ttlSeconds: 60,
    })
    assert.deepInclude(urgentUnlock, { urgency: 'high', ttlSeconds: 60 })
  })

  test('text is plain and short; markup stays visible as text', ({ assert }) => {
    const push = preparePush({
      ...examples[PushKind.Message],
      title: 'Sita\u0000\u202E <b>Gurung</b>',
      body: `Line one\nline two\t<script>alert(1)</script> ${'x'.repeat(400)}`,
    })
    assert.equal(push.payload.title, 'Sita <b>Gurung</b>')
    assert.isTrue(push.payload.body.startsWith('Line one line two <script>alert(1)</script> x'))
    assert.lengthOf([...push.payload.body], 240)
    assert.isTrue(push.payload.body.endsWith('…'))
    assert.equal(plainText('  ', 10), '')
    assert.equal(preparePush({ ...examples[PushKind.Unlock], title: ' ' }).payload.title, 'Kotha')
  })

  test('a notification links to this site only', ({ assert }) => {
    const appUrl = new URL(process.env.APP_URL ?? 'http://localhost:3333')
    assert.equal(
      preparePush({ ...examples[PushKind.Unlock], url: `${appUrl.origin}/rooms/5?tab=chat` })
        .payload.url,
      '/rooms/5?tab=chat'
    )
    for (const url of [
      'https://evil.example/rooms/5',
      '//evil.example/x',
      'javascript:alert(1)',
      '/\\evil.example',
      'rooms/5',
    ]) {
      assert.throws(
        () => preparePush({ ...examples[PushKind.Unlock], url }),
        /must link to this site|Not a URL/
      )
    }
    assert.throws(() =>
      preparePush({
        ...examples[PushKind.Call],
        actions: [{ action: 'x', title: 'x', url: 'https://evil.example' }],
      })
    )
  })

  test('Retry-After is read in seconds or as a date', ({ assert }) => {
    assert.equal(parseRetryAfter('3'), 3000)
    assert.closeTo(parseRetryAfter(new Date(Date.now() + 5000).toUTCString()) ?? 0, 5000, 1000)
    assert.isNull(parseRetryAfter('soon'))
    assert.isNull(parseRetryAfter(null))
  })

  test('a device gets a short label', ({ assert }) => {
    assert.equal(
      describeDevice(
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36'
      ),
      'Chrome on Android'
    )
    assert.equal(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1'
      ),
      'Safari on iOS'
    )
    assert.equal(
      describeDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
      ),
      'Firefox on Windows'
    )
    assert.isNull(describeDevice(undefined))
  })
})

test.group('Push / configuration', () => {
  test('development and tests use a stored key pair that belongs together', ({ assert }) => {
    assert.isTrue(pushConfig.enabled)
    if (pushConfig.keySource === 'dev-file') {
      const stored = JSON.parse(readFileSync(app.makePath(DEV_KEYS_FILE), 'utf8'))
      assert.equal(stored.publicKey, pushConfig.vapid.publicKey)
    }
    assert.isNull(vapidProblem(pushConfig.vapid, pushConfig.vapid.subject))
    assert.isTrue(existsSync(app.makePath(DEV_KEYS_FILE)) || pushConfig.keySource === 'env')
  })

  test('a public key from another pair, a bad key or a bad subject is refused', ({ assert }) => {
    const one = webpush.generateVAPIDKeys()
    const other = webpush.generateVAPIDKeys()
    assert.match(
      vapidProblem({ publicKey: other.publicKey, privateKey: one.privateKey }, 'mailto:a@b.np')!,
      /does not belong/
    )
    assert.match(
      vapidProblem({ publicKey: 'abc', privateKey: one.privateKey }, 'mailto:a@b.np')!,
      /not valid/
    )
    assert.match(vapidProblem(one, 'admin@kotha')!, /not valid/)
    assert.isNull(vapidProblem(one, 'https://kotha.example'))
  })

  test('production without keys (or with broken ones) runs with push off, never crashes', ({
    assert,
  }) => {
    const file = app.makePath('tmp', `vapid-never-${process.pid}.json`)
    const missing = resolveVapid({}, true, file)
    assert.deepInclude(missing, {
      publicKey: '',
      privateKey: '',
      keySource: 'none',
      subject: DEFAULT_VAPID_SUBJECT,
    })
    assert.match(missing.disabledReason!, /not set/)
    assert.isFalse(existsSync(file), 'no development keys in production')

    const one = webpush.generateVAPIDKeys()
    const other = webpush.generateVAPIDKeys()
    assert.match(
      resolveVapid({ publicKey: one.publicKey }, true, file).disabledReason!,
      /must both be set/
    )
    assert.match(
      resolveVapid({ publicKey: other.publicKey, privateKey: one.privateKey }, true, file)
        .disabledReason!,
      /does not belong/
    )
    assert.match(
      resolveVapid({ ...one, subject: 'kotha' }, true, file).disabledReason!,
      /not valid/
    )
    assert.deepEqual(resolveVapid({ ...one, subject: 'mailto:ops@kotha.np' }, true, file), {
      ...one,
      subject: 'mailto:ops@kotha.np',
      keySource: 'env',
      disabledReason: null,
    })
  })

  test('development generates its key pair once, and says so when the keys are wrong', ({
    assert,
    cleanup,
  }) => {
    const file = app.makePath('tmp', `vapid-dev-test-${process.pid}.json`)
    cleanup(() => rmSync(file, { force: true }))
    const first = resolveVapid({}, false, file)
    assert.equal(first.keySource, 'dev-file')
    assert.isNull(first.disabledReason)
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
      publicKey: first.publicKey,
      privateKey: first.privateKey,
    })
    assert.deepEqual(resolveVapid({}, false, file), first)
    assert.throws(
      () =>
        resolveVapid(
          { publicKey: first.publicKey, privateKey: webpush.generateVAPIDKeys().privateKey },
          false,
          file
        ),
      /webpush:keys/
    )
  })

  test('webpush:keys --write replaces the lines in .env, or adds them', ({ assert }) => {
    const values = { VAPID_PUBLIC_KEY: 'PUB', VAPID_PRIVATE_KEY: 'PRIV' }
    assert.equal(
      withEnvLines('A=1\n# VAPID_PUBLIC_KEY=\nVAPID_PRIVATE_KEY=old\n', values),
      'A=1\nVAPID_PUBLIC_KEY=PUB\nVAPID_PRIVATE_KEY=PRIV\n'
    )
    assert.equal(
      withEnvLines('# VAPID_PUBLIC_KEY=doc\nVAPID_PUBLIC_KEY=old', values),
      '# VAPID_PUBLIC_KEY=doc\nVAPID_PUBLIC_KEY=PUB\nVAPID_PRIVATE_KEY=PRIV\n'
    )
    assert.equal(
      withEnvLines('', { VAPID_SUBJECT: 'mailto:$1@x.np' }),
      'VAPID_SUBJECT=mailto:$1@x.np\n'
    )
  })
})

test.group('Push / delivery to a push service (offline round trip)', (group) => {
  withRollback(group)
  let service: FakePushService
  group.each.setup(async () => {
    service = await FakePushService.start()
    return () => service.close()
  })

  for (const kind of Object.values(PushKind)) {
    test('{$self}: VAPID-signed, encrypted for the device, with its TTL and urgency')
      .with([kind])
      .run(async ({ assert }) => {
        const { user, device, subscription } = await givenDevice(service)
        const before = Date.now()

        const reports = await deliverToUser(user.id, examples[kind])

        assert.deepEqual(reports, [
          {
            subscriptionId: subscription.id,
            pushService: service.origin,
            outcome: PushDeliveryOutcome.Delivered,
            attempts: 1,
            statusCode: 201,
          },
        ])
        const [request] = service.receivedBy(device.endpoint)
        const defaults = pushKindDefaults[kind]
        assert.equal(request.headers['ttl'], String(defaults.ttlSeconds))
        assert.equal(request.headers['urgency'], defaults.urgency)
        assert.equal(request.headers['content-encoding'], 'aes128gcm')
        assert.equal(request.headers['content-type'], 'application/octet-stream')
        // Tagged kinds carry a Topic, so the push service keeps only the latest for an offline device.
        assert.equal(request.headers['topic'], preparePush(examples[kind]).topic)
        assert.equal(Boolean(request.headers['topic']), kind !== PushKind.Unlock)

        // The push service's checks: the key, the ES256 signature, the audience, expiry and subject.
        const claims = verifyVapidAuthorization(
          request.headers['authorization'],
          pushConfig.vapid.publicKey
        )
        assert.equal(claims.aud, service.origin)
        assert.isAbove(claims.exp * 1000, Date.now())
        assert.isAtMost(claims.exp * 1000, before + 24 * 3600 * 1000 + 1000)
        assert.equal(claims.sub, pushConfig.vapid.subject)

        // Only the device's private key opens the body.
        const payload = JSON.parse(device.decrypt(request.body))
        const expected = preparePush(examples[kind]).payload
        assert.deepEqual({ ...payload, sentAt: undefined }, { ...expected, sentAt: undefined })
        assert.equal(payload.title, examples[kind].title)
        assert.equal(payload.body, examples[kind].body)
        assert.equal(payload.url, examples[kind].url)
        assert.throws(() => new TestDevice(device.endpoint).decrypt(request.body))

        await subscription.refresh()
        assert.isNotNull(subscription.lastSuccessAt)
        const log = await PushDelivery.query().where('subscriptionId', subscription.id)
        assert.deepEqual(
          log.map((row) => [row.kind, row.attempt, row.statusCode, row.outcome]),
          [[kind, 1, 201, PushDeliveryOutcome.Delivered]]
        )
      })
  }

  test('a call is high urgency and short-lived; a message is normal', async ({ assert }) => {
    const { user, device } = await givenDevice(service)
    await deliverToUser(user.id, examples[PushKind.Call])
    await deliverToUser(user.id, examples[PushKind.Message])
    const [call, message] = service.receivedBy(device.endpoint)
    assert.equal(call.headers['urgency'], 'high')
    assert.isAtMost(Number(call.headers['ttl']), 60)
    assert.equal(message.headers['urgency'], 'normal')
    assert.isAbove(Number(message.headers['ttl']), 3600)
  })

  test('every device of the user gets it, nobody else', async ({ assert }) => {
    const { user, device: phone } = await givenDevice(service)
    const { device: laptop } = await givenDevice(service, user)
    const { device: stranger } = await givenDevice(service)
    const reports = await deliverToUser(user.id, examples[PushKind.Unlock])
    assert.lengthOf(reports, 2)
    assert.lengthOf(service.receivedBy(phone.endpoint), 1)
    assert.lengthOf(service.receivedBy(laptop.endpoint), 1)
    assert.lengthOf(service.receivedBy(stranger.endpoint), 0)
    assert.deepEqual(
      await deliverToUser((await UserFactory.create()).id, examples[PushKind.Unlock]),
      []
    )
  })

  test('410 and 404 delete that subscription only', async ({ assert }) => {
    const { user, device: gone, subscription: goneRow } = await givenDevice(service)
    const { device: unknown, subscription: unknownRow } = await givenDevice(service, user)
    const { device: alive, subscription: aliveRow } = await givenDevice(service, user)
    const { subscription: otherUsersRow } = await givenDevice(service)
    service.script(gone.endpoint, {
      status: 410,
      body: 'push subscription has unsubscribed or expired.',
    })
    service.script(unknown.endpoint, { status: 404 })

    const reports = await deliverToUser(user.id, examples[PushKind.Message])

    assert.sameDeepMembers(
      reports.map((report) => [
        report.subscriptionId,
        report.outcome,
        report.statusCode,
        report.attempts,
      ]),
      [
        [goneRow.id, PushDeliveryOutcome.Pruned, 410, 1],
        [unknownRow.id, PushDeliveryOutcome.Pruned, 404, 1],
        [aliveRow.id, PushDeliveryOutcome.Delivered, 201, 1],
      ]
    )
    assert.lengthOf(service.receivedBy(alive.endpoint), 1)
    assert.sameMembers(
      (
        await PushSubscription.query().whereIn('id', [
          goneRow.id,
          unknownRow.id,
          aliveRow.id,
          otherUsersRow.id,
        ])
      ).map((row) => row.id),
      [aliveRow.id, otherUsersRow.id]
    )
    // The log keeps the outcome after the subscription is gone.
    const pruned = await PushDelivery.query()
      .where('userId', user.id)
      .where('outcome', PushDeliveryOutcome.Pruned)
    assert.lengthOf(pruned, 2)
    assert.isTrue(
      pruned.every((row) => row.subscriptionId === null && row.pushService === service.origin)
    )
    assert.include(pruned.map((row) => row.error).join(' '), 'HTTP 410')
  })

  test('503 is retried after the back-off, then delivered', async ({ assert }) => {
    const { user, device, subscription } = await givenDevice(service)
    service.script(device.endpoint, { status: 503 }, { status: 201 })
    const { asked, sleep } = recordingSleep()

    const [report] = await deliverToUser(user.id, examples[PushKind.Message], {
      sleep,
      backoffMs: [700, 1400],
    })

    assert.deepInclude(report, {
      outcome: PushDeliveryOutcome.Delivered,
      attempts: 2,
      statusCode: 201,
    })
    assert.deepEqual(asked, [700])
    assert.lengthOf(service.receivedBy(device.endpoint), 2)
    const log = await PushDelivery.query().where('subscriptionId', subscription.id).orderBy('id')
    assert.deepEqual(
      log.map((row) => [row.attempt, row.statusCode, row.outcome]),
      [
        [1, 503, PushDeliveryOutcome.Retrying],
        [2, 201, PushDeliveryOutcome.Delivered],
      ]
    )
  })

  test('429 waits as long as Retry-After says', async ({ assert }) => {
    const { user, device } = await givenDevice(service)
    service.script(
      device.endpoint,
      { status: 429, headers: { 'Retry-After': '7' } },
      { status: 429 },
      { status: 201 }
    )
    const { asked, sleep } = recordingSleep()

    const [report] = await deliverToUser(user.id, examples[PushKind.Unlock], {
      sleep,
      backoffMs: [10, 20],
      maxAttempts: 3,
    })

    assert.deepInclude(report, { outcome: PushDeliveryOutcome.Delivered, attempts: 3 })
    // Retry-After: 7 → 7 s; the next 429 without it → the second back-off step.
    assert.deepEqual(asked, [7000, 20])
  })

  test('a Retry-After longer than the notification lives ends in failure at once', async ({
    assert,
  }) => {
    const { user, device } = await givenDevice(service)
    service.script(device.endpoint, { status: 429, headers: { 'Retry-After': '50' } })
    const { asked, sleep } = recordingSleep()
    const [report] = await deliverToUser(user.id, examples[PushKind.Call], { sleep })
    assert.deepInclude(report, {
      outcome: PushDeliveryOutcome.Failed,
      attempts: 1,
      statusCode: 429,
    })
    assert.deepEqual(asked, [])
  })

  test('after the last try it is failed; the subscription stays, counted as failing', async ({
    assert,
  }) => {
    const { user, device, subscription } = await givenDevice(service)
    service.script(
      device.endpoint,
      { status: 500 },
      { status: 502 },
      { status: 503 },
      { status: 201 }
    )
    const { asked, sleep } = recordingSleep()

    const [report] = await deliverToUser(user.id, examples[PushKind.Message], { sleep })

    assert.deepInclude(report, {
      outcome: PushDeliveryOutcome.Failed,
      attempts: 3,
      statusCode: 503,
    })
    assert.deepEqual(asked, pushConfig.backoffMs.slice(0, 2))
    assert.lengthOf(service.receivedBy(device.endpoint), 3)
    await subscription.refresh()
    assert.equal(subscription.failureCount, 1)
    assert.isNotNull(subscription.lastFailureAt)
    const outcomes = (
      await PushDelivery.query().where('subscriptionId', subscription.id).orderBy('id')
    ).map((row) => row.outcome)
    assert.deepEqual(outcomes, [
      PushDeliveryOutcome.Retrying,
      PushDeliveryOutcome.Retrying,
      PushDeliveryOutcome.Failed,
    ])

    // A later success clears the count.
    await deliverToUser(user.id, examples[PushKind.Message], { sleep })
    await subscription.refresh()
    assert.equal(subscription.failureCount, 0)
  })

  test('a network error is retried', async ({ assert }) => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const user = await UserFactory.create()
    const device = new TestDevice(`http://127.0.0.1:${port}/push/nobody-listens`)
    const { subscription } = await saveDeviceSubscription(user.id, device.toJSON())
    const { asked, sleep } = recordingSleep()

    const [report] = await deliverToUser(user.id, examples[PushKind.Unlock], {
      sleep,
      maxAttempts: 2,
    })

    assert.deepInclude(report, {
      outcome: PushDeliveryOutcome.Failed,
      attempts: 2,
      statusCode: null,
    })
    assert.lengthOf(asked, 1)
    const log = await PushDelivery.query().where('subscriptionId', subscription.id).orderBy('id')
    assert.deepEqual(
      log.map((row) => row.outcome),
      [PushDeliveryOutcome.Retrying, PushDeliveryOutcome.Failed]
    )
    assert.match(log[0].error!, /fetch failed|ECONNREFUSED/)
  })

  test('403 is a VAPID configuration error: logged, nothing deleted, not retried', async ({
    assert,
    cleanup,
  }) => {
    const { user, device, subscription } = await givenDevice(service)
    service.script(device.endpoint, { status: 403, body: 'invalid JWT' })
    const errors: string[] = []
    const original = logger.error.bind(logger)
    logger.error = ((...args: unknown[]) => {
      errors.push(String(args.find((arg) => typeof arg === 'string')))
      return (original as any)(...args)
    }) as typeof logger.error
    cleanup(() => {
      logger.error = original
    })
    const { asked, sleep } = recordingSleep()

    const [report] = await deliverToUser(user.id, examples[PushKind.Message], { sleep })

    assert.deepInclude(report, {
      outcome: PushDeliveryOutcome.ConfigError,
      attempts: 1,
      statusCode: 403,
    })
    assert.deepEqual(asked, [])
    assert.isNotNull(await PushSubscription.find(subscription.id))
    assert.isTrue(
      errors.some((message) => message.includes('VAPID')),
      errors.join('\n')
    )
    const [row] = await PushDelivery.query().where('subscriptionId', subscription.id)
    assert.equal(row.outcome, PushDeliveryOutcome.ConfigError)
    assert.include(row.error!, 'invalid JWT')
  })

  test('other refusals (400, 413) fail at once and delete nothing', async ({ assert }) => {
    const { user, device, subscription } = await givenDevice(service)
    service.script(device.endpoint, { status: 413 })
    const [report] = await deliverToUser(user.id, examples[PushKind.Message], {
      sleep: async () => assert.fail('no retry'),
    })
    assert.deepInclude(report, {
      outcome: PushDeliveryOutcome.Failed,
      attempts: 1,
      statusCode: 413,
    })
    assert.isNotNull(await PushSubscription.find(subscription.id))
  })
})

/** A user's push jobs (in any state: a worker may have taken them already), oldest first. */
async function queuedPushJobs(userId: number): Promise<{ id: string; data: any }[]> {
  const { rows } = await db.rawQuery(
    `SELECT id, data FROM ${jobsConfig.schema}.job WHERE name = ? AND data->>'userId' = ? ORDER BY created_on`,
    [PUSH_QUEUE, String(userId)]
  )
  return rows
}

test.group('Push / notifyUser through the durable job queue', (group) => {
  withRollback(group)
  let service: FakePushService
  group.each.setup(async () => {
    service = await FakePushService.start()
    return async () => {
      await drainJobs()
      await service.close()
    }
  })

  test('queues a durable job; a worker delivers it, retrying a 503', async ({ assert }) => {
    const { user, device } = await givenDevice(service)
    service.script(device.endpoint, { status: 503 }, { status: 201 })

    await notifyUser(user.id, examples[PushKind.Unlock], { key: 'unlock:test-1' })
    const [job] = await queuedPushJobs(user.id)
    assert.equal(job.data.userId, user.id)
    assert.equal(job.data.push.payload.id, `unlock:test-1:user:${user.id}`)

    await drainJobs()
    assert.lengthOf(service.receivedBy(device.endpoint), 2)
    const rows = await PushDelivery.query().where('userId', user.id).orderBy('id')
    assert.deepEqual(
      rows.map((row) => [row.outcome, row.deliveryKey]),
      [
        [PushDeliveryOutcome.Retrying, `unlock:test-1:user:${user.id}`],
        [PushDeliveryOutcome.Delivered, `unlock:test-1:user:${user.id}`],
      ]
    )
  }).timeout(15000)

  test('the same key queued twice is delivered once', async ({ assert }) => {
    const { user, device } = await givenDevice(service)
    await notifyUser(user.id, examples[PushKind.Unlock], { key: 'unlock:twice' })
    await notifyUser(user.id, examples[PushKind.Unlock], { key: 'unlock:twice' })
    assert.lengthOf(await queuedPushJobs(user.id), 1)
    await drainJobs()
    assert.lengthOf(service.receivedBy(device.endpoint), 1)
  })

  test('a job run again after a crash skips devices it already reached', async ({ assert }) => {
    const { user, device } = await givenDevice(service)
    const second = new TestDevice(service.endpoint())
    await saveDeviceSubscription(user.id, second.toJSON())
    // The first run reached one device, then its process died: its delivery is on record.
    const trx = await db.transaction()
    await notifyUser(user.id, examples[PushKind.Unlock], { key: 'unlock:crash', trx })
    await PushDelivery.create(
      {
        userId: user.id,
        subscriptionId: (await PushSubscription.findByOrFail('endpoint', device.endpoint)).id,
        pushService: 'http://127.0.0.1',
        kind: PushKind.Unlock,
        attempt: 1,
        outcome: PushDeliveryOutcome.Delivered,
        deliveryKey: `unlock:crash:user:${user.id}`,
      },
      { client: trx }
    )
    await trx.commit()
    await drainJobs()
    assert.lengthOf(service.receivedBy(device.endpoint), 0)
    assert.lengthOf(service.receivedBy(second.endpoint), 1)
  })

  test('a queued job exists only if its transaction commits', async ({ assert }) => {
    const { user, device } = await givenDevice(service)
    const trx = await db.transaction()
    await notifyUser(user.id, examples[PushKind.Unlock], { key: 'unlock:rolled-back', trx })
    await trx.rollback()
    await drainJobs()
    assert.lengthOf(await queuedPushJobs(user.id), 0)
    assert.lengthOf(service.receivedBy(device.endpoint), 0)
  })

  test('a wrong notification is logged, never thrown at the caller', async ({ assert }) => {
    const { user } = await givenDevice(service)
    await notifyUser(
      user.id,
      { ...examples[PushKind.Unlock], url: 'https://evil.example' },
      { key: 'bad:1' }
    )
    await notifyUser(
      user.id,
      { ...examples[PushKind.Unlock], kind: 'shout' as PushKind },
      { key: 'bad:2' }
    )
    await drainJobs()
    assert.lengthOf(service.received, 0)
    assert.lengthOf(await queuedPushJobs(user.id), 0)
  })

  test('a burst of messages in one conversation shares one tag and counts up', async ({
    assert,
  }) => {
    const { user, device } = await givenDevice(service)
    const message = (body: string, conversationId = 31): PushNotification => ({
      kind: PushKind.Message,
      title: 'Sita',
      body,
      url: `/conversations/${conversationId}`,
      tag: messageTag(conversationId),
    })
    resetPushBurst(user.id, messageTag(31))

    await notifyUser(user.id, message('Namaste'), { key: 'burst:1' })
    await notifyUser(user.id, message('Is the room free?'), { key: 'burst:2' })
    await notifyUser(user.id, message('I can come at 5'), { key: 'burst:3' })
    await notifyUser(user.id, message('Other room', 32), { key: 'burst:4' })
    await drainJobs()

    const requests = service.receivedBy(device.endpoint)
    const payloads = requests.map((request) => ({
      ...JSON.parse(device.decrypt(request.body)),
      topic: request.headers['topic'],
    }))
    const burst = payloads.filter((payload) => payload.url === '/conversations/31')
    assert.lengthOf(burst, 3)
    assert.deepEqual([...new Set(burst.map((payload) => payload.tag))], ['message-conversation-31'])
    assert.lengthOf(new Set(burst.map((payload) => payload.topic)), 1)
    assert.isTrue(burst.every((payload) => payload.renotify))
    assert.sameMembers(
      burst.map((payload) => `${payload.count}: ${payload.title} / ${payload.body}`),
      [
        '1: Sita / Namaste',
        '2: Sita (2 new messages) / Is the room free?',
        '3: Sita (3 new messages) / I can come at 5',
      ]
    )
    const other = payloads.find((payload) => payload.url === '/conversations/32')
    assert.equal(other.tag, 'message-conversation-32')
    assert.notEqual(other.topic, burst[0].topic)
    assert.equal(other.count, 1)

    // Read the conversation: the next message counts from one again.
    resetPushBurst(user.id, messageTag(31))
    await notifyUser(user.id, message('Still there?'), { key: 'burst:5' })
    await drainJobs()
    const last = service.receivedBy(device.endpoint).at(-1)!
    assert.deepInclude(JSON.parse(device.decrypt(last.body)), {
      count: 1,
      title: 'Sita',
      tag: 'message-conversation-31',
    })
  })
})

test.group('Push / devices', (group) => {
  withRollback(group)

  test('an endpoint is stored once and moves to the user who saves it last', async ({ assert }) => {
    const [first, second] = await UserFactory.createMany(2)
    const device = new TestDevice('https://fcm.googleapis.com/fcm/send/abc')

    const saved = await saveDeviceSubscription(first.id, device.toJSON())
    assert.isTrue(saved.created)
    const again = await saveDeviceSubscription(first.id, device.toJSON())
    assert.deepInclude(again, { created: false, movedFromUserId: null })
    const moved = await saveDeviceSubscription(second.id, device.toJSON())
    assert.deepInclude(moved, { created: false, movedFromUserId: first.id })

    const rows = await PushSubscription.query().where('endpoint', device.endpoint)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].userId, second.id)
    assert.equal(rows[0].id, saved.subscription.id)
  })

  test('forgetDevice removes this user’s device only', async ({ assert }) => {
    const [owner, other] = await UserFactory.createMany(2)
    const device = new TestDevice('https://updates.push.services.mozilla.com/wpush/v2/xyz')
    await saveDeviceSubscription(owner.id, device.toJSON())

    assert.isFalse(await forgetDevice(other.id, device.endpoint))
    assert.isFalse(await forgetDevice(owner.id, ''))
    assert.lengthOf(await PushSubscription.query().where('endpoint', device.endpoint), 1)
    assert.isTrue(await forgetDevice(owner.id, device.endpoint))
    assert.lengthOf(await PushSubscription.query().where('endpoint', device.endpoint), 0)
  })
})
