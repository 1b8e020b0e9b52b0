/// <reference lib="dom" />
import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import edge from 'edge.js'
import type { BrowserContext, CDPSession, Page } from 'playwright'
import PushSubscription from '#models/push_subscription'
import { PushKind } from '#push/enums/push_kind'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { deliverToUser } from '#push/notify_user'
import { callTag, messageTag } from '#push/push_notification'
import { preparePush, type PushNotification } from '#push/push_notification'
import { withRollback } from '#tests/helpers/app'
import { FakePushService, TestDevice } from '#tests/helpers/push_endpoint'

/** How the worker handled a push: whether it showed a notification. */
type Handled = { tag: string; shown: boolean; error?: string }

/** The page a click on a notification focuses, or opens. */
type WindowOperation = { operation: 'focus' | 'open'; url: string }

/**
 * The service worker's global scope, as code evaluated in it sees it. The
 * worker is a classic script, so its top-level functions are globals
 * (resources/js/service_worker.js).
 */
type WorkerScope = {
  registration: ServiceWorkerRegistration
  showPush: (message: { tag: string }) => Promise<unknown>
  handleNotificationClick: (
    notification: Notification,
    action: string,
    operations: {
      focus: (client: { url: string }) => Promise<unknown>
      open: (url: string) => Promise<unknown>
    }
  ) => Promise<unknown>
  handledPushes?: Handled[]
}

/** The site's service worker (/sw.js) as Playwright sees it, to evaluate code in it. */
async function siteWorker(context: BrowserContext, origin: string) {
  const url = `${origin}/sw.js`
  const started = context.waitForEvent('serviceworker', {
    predicate: (worker) => worker.url() === url,
    timeout: 10_000,
  })
  const running = context.serviceWorkers().find((worker) => worker.url() === url)
  if (!running) return started
  started.catch(() => {})
  return running
}

/**
 * The page's service worker as the DevTools protocol sees it: push messages
 * are handed to it with ServiceWorker.deliverPushMessage, as Chromium's push
 * service would after decrypting them.
 */
class ServiceWorkerDevTools {
  #registrations = new Map<string, string>()

  private constructor(
    private cdp: CDPSession,
    private origin: string
  ) {}

  static async attach(page: Page) {
    const cdp = await page.context().newCDPSession(page)
    const devTools = new ServiceWorkerDevTools(cdp, new URL(page.url()).origin)
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      for (const registration of registrations) {
        if (registration.isDeleted) devTools.#registrations.delete(registration.scopeURL)
        else devTools.#registrations.set(registration.scopeURL, registration.registrationId)
      }
    })
    await cdp.send('ServiceWorker.enable')
    return devTools
  }

  /** The registration id of the worker for the whole site, once it exists. */
  async registrationId() {
    for (let tries = 0; tries < 100; tries++) {
      const id = this.#registrations.get(`${this.origin}/`)
      if (id) return id
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('No service worker registration for the site root')
  }

  /**
   * Delivers a push and waits until the worker has handled it. The worker's
   * own showPush is wrapped, in the running worker, to record its outcome:
   * "watching" when the page it points to is open and focused (nothing is
   * shown), a notification otherwise.
   */
  async push(page: Page, data: string) {
    const worker = await siteWorker(page.context(), this.origin)
    const before = await worker.evaluate(() => {
      const scope = self as unknown as WorkerScope
      if (!scope.handledPushes) {
        const handled: Handled[] = (scope.handledPushes = [])
        const showPush = scope.showPush
        scope.showPush = async (message) => {
          try {
            const outcome = await showPush(message)
            handled.push({ tag: message.tag, shown: outcome !== 'watching' })
            return outcome
          } catch (error) {
            handled.push({ tag: message.tag, shown: false, error: String(error) })
            throw error
          }
        }
      }
      return scope.handledPushes.length
    })
    await this.cdp.send('ServiceWorker.deliverPushMessage', {
      origin: this.origin,
      registrationId: await this.registrationId(),
      data,
    })
    for (let tries = 0; tries < 200; tries++) {
      const outcome = await worker.evaluate(
        (count) => (self as unknown as WorkerScope).handledPushes?.[count] ?? null,
        before
      )
      if (outcome?.error) throw new Error(`The service worker failed on the push: ${outcome.error}`)
      if (outcome) return outcome
      await page.waitForTimeout(50)
    }
    throw new Error('The service worker did not handle the push')
  }
}

/**
 * Headless Chromium has no push service to subscribe with (subscribe()
 * fails with "Registration failed"), so the page gets a PushManager whose
 * subscription is a TestDevice on the test's fake push service. Everything
 * else is real: the control, the server, the encryption, the worker.
 */
async function fakeBrowserPushService(context: BrowserContext, device: TestDevice) {
  await context.addInitScript((subscription) => {
    const storageKey = 'test-push-subscription'
    const make = (applicationServerKey: string) => ({
      endpoint: subscription.endpoint,
      expirationTime: null,
      options: {
        userVisibleOnly: true,
        applicationServerKey: Uint8Array.from(atob(applicationServerKey), (c) => c.charCodeAt(0))
          .buffer,
      },
      toJSON: () => subscription,
      unsubscribe: async () => {
        localStorage.removeItem(storageKey)
        return true
      },
    })
    PushManager.prototype.subscribe = async function (options: PushSubscriptionOptionsInit) {
      const key = btoa(
        String.fromCharCode(...new Uint8Array(options.applicationServerKey as ArrayBuffer))
      )
      localStorage.setItem(storageKey, key)
      return make(key) as unknown as globalThis.PushSubscription
    }
    PushManager.prototype.getSubscription = async function () {
      const key = localStorage.getItem(storageKey)
      return (key ? make(key) : null) as unknown as globalThis.PushSubscription
    }
  }, device.toJSON())
}

/**
 * The real notifications control, started by resources/js/app.js on the
 * dashboards; on other pages it is put in place and started the same way.
 */
async function showPushControl(page: Page) {
  if (await page.locator('[data-push-control]').count()) {
    // Set up by app.js; wait until it has read this device's state.
    await page.waitForSelector(
      '[data-push-control][data-push-ready="true"]:not([data-state="busy"])',
      { state: 'attached' }
    )
    return
  }
  const html = await edge.render('components/push_control', {})
  await page.evaluate(async (markup) => {
    const holder = document.createElement('div')
    holder.innerHTML = markup
    document.querySelector('main')!.prepend(holder)
    const { setUpPushControl } = await import('/resources/js/push.js' as string)
    await setUpPushControl(document.querySelector('[data-push-control]'))
  }, html)
}

async function shownNotifications(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return (await registration.getNotifications()).map((notification) => ({
      title: notification.title,
      body: notification.body,
      tag: notification.tag,
      url: notification.data?.url as string,
      actions: ((notification as unknown as { actions: { action: string }[] }).actions ?? []).map(
        (action) => action.action
      ),
      requireInteraction: notification.requireInteraction,
    }))
  })
}

async function waitForNotifications(page: Page, count: number) {
  for (let tries = 0; tries < 60; tries++) {
    const shown = await shownNotifications(page)
    if (shown.length >= count) return shown
    await page.waitForTimeout(50)
  }
  return shownNotifications(page)
}

/**
 * Clicks a shown notification (or its button `action`) the way the worker's
 * notificationclick listener does, with its own handleNotificationClick.
 * Chromium lets a worker open or focus a window only while it handles a
 * real click, and no automation protocol can click a notification; so the
 * window operation the worker chooses is recorded instead. An "open" is
 * then carried out by navigating `page`, a "focus" is reported.
 */
async function clickNotification(page: Page, tag: string, action = '') {
  const worker = await siteWorker(page.context(), new URL(page.url()).origin)
  const click = await worker.evaluate(
    async ({ tag: wanted, action: button }) => {
      const scope = self as unknown as WorkerScope
      const [notification] = await scope.registration.getNotifications({ tag: wanted })
      if (!notification) return { found: false }
      const done: WindowOperation[] = []
      await scope.handleNotificationClick(notification, button, {
        focus: async (client) => done.push({ operation: 'focus', url: client.url }),
        open: async (url) => done.push({ operation: 'open', url }),
      })
      return { found: true, done }
    },
    { tag, action }
  )
  const opened = click.done?.find((entry) => entry.operation === 'open')
  if (opened) await page.goto(opened.url)
  return click
}

/** Registers /sw.js the way push.js does and waits until it controls the page. */
async function registerWorker(page: Page) {
  return page.evaluate(async () => {
    const { registerServiceWorker } = await import('/resources/js/push.js' as string)
    const registration = await registerServiceWorker()
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
      )
    }
    return { scope: registration.scope, script: registration.active.scriptURL }
  })
}

test.group('Push / in Chromium', (group) => {
  withRollback(group)
  let pushService: FakePushService
  group.each.setup(async () => {
    pushService = await FakePushService.start()
    return () => pushService.close()
  })

  test('turn on, receive a real push end to end, click it, turn off', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const room = await RoomFactory.merge({
      ownerId: owner.id,
      title: 'Sunny room in Sanepa',
    }).create()
    const device = new TestDevice(pushService.endpoint())
    await browserContext.loginAs(owner)
    await fakeBrowserPushService(browserContext, device)

    const page = await visit(urlFor('client.home'))
    const origin = new URL(page.url()).origin
    await browserContext.grantPermissions(['notifications'], { origin })
    const devTools = await ServiceWorkerDevTools.attach(page)
    await showPushControl(page)

    // Permission is granted but this device is not subscribed yet.
    const control = page.getByTestId('push-control')
    assert.equal(await control.getAttribute('data-state'), 'off')
    await page.assertTextContains('[data-push-message]', 'Notifications are off on this device.')
    const registration = await page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration('/')
      return {
        scope: found!.scope,
        script: (found!.active ?? found!.installing ?? found!.waiting)!.scriptURL,
      }
    })
    assert.deepEqual(registration, { scope: `${origin}/`, script: `${origin}/sw.js` })

    await page.getByRole('button', { name: 'Turn on notifications' }).click()
    await page.waitForSelector('[data-push-control][data-state="on"]')
    await page.assertTextContains('[data-push-message]', 'Notifications are on for this device.')
    const stored = await PushSubscription.findByOrFail('endpoint', device.endpoint)
    assert.equal(stored.userId, owner.id)

    // The server sends to the push service; what it receives is what the browser gets.
    const notification: PushNotification = {
      kind: PushKind.Unlock,
      title: 'Room unlocked',
      body: 'Bishal unlocked “Sunny room in Sanepa” (Rs. 30). <b>not bold</b>',
      url: urlFor('rooms.show', { id: room.id }),
      tag: `unlock-room-${room.id}`,
    }
    const [report] = await deliverToUser(owner.id, notification)
    assert.equal(report.outcome, 'delivered')
    const [received] = pushService.receivedBy(device.endpoint)
    await devTools.push(page, device.decrypt(received.body))

    const [shown] = await waitForNotifications(page, 1)
    assert.deepEqual(shown, {
      title: 'Room unlocked',
      body: 'Bishal unlocked “Sunny room in Sanepa” (Rs. 30). <b>not bold</b>',
      tag: `unlock-room-${room.id}`,
      url: urlFor('rooms.show', { id: room.id }),
      actions: [],
      requireInteraction: false,
    })

    // A click opens the room's page.
    const click = await clickNotification(page, `unlock-room-${room.id}`)
    assert.deepEqual(click.done, [
      { operation: 'open', url: `${origin}${urlFor('rooms.show', { id: room.id })}` },
    ])
    await page.waitForURL(`${origin}${urlFor('rooms.show', { id: room.id })}`)
    assert.lengthOf(await shownNotifications(page), 0)

    // Turning off forgets the device on the server and in the browser.
    await page.goto(urlFor('client.home'))
    await showPushControl(page)
    await page.waitForSelector('[data-push-control][data-state="on"]')
    await page.getByRole('button', { name: 'Turn off notifications' }).click()
    await page.waitForSelector('[data-push-control][data-state="off"]')
    assert.isNull(await PushSubscription.findBy('endpoint', device.endpoint))
    assert.isNull(await page.evaluate(() => localStorage.getItem('test-push-subscription')))
  })

  test('no notification while the page it points to is open and focused; one otherwise', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.with('owner').create()
    await browserContext.loginAs(user)
    const page = await visit(urlFor('rooms.index'))
    const origin = new URL(page.url()).origin
    await browserContext.grantPermissions(['notifications'], { origin })
    const devTools = await ServiceWorkerDevTools.attach(page)
    assert.deepEqual(await registerWorker(page), { scope: `${origin}/`, script: `${origin}/sw.js` })

    const roomPath = urlFor('rooms.show', { id: room.id })
    const message = (body: string) =>
      JSON.stringify(
        preparePush({
          kind: PushKind.Message,
          title: 'Sita',
          body,
          url: roomPath,
          tag: messageTag(room.id),
        }).payload
      )

    // The person is reading that page: the worker tells the page instead of notifying.
    await page.goto(roomPath)
    assert.isTrue(await page.evaluate(() => document.hasFocus()))
    const toldPage = page.evaluate(
      () =>
        new Promise((resolve) => {
          setTimeout(() => resolve('the page was not told'), 5000)
          navigator.serviceWorker.addEventListener(
            'message',
            (event) => event.data?.type === 'push' && resolve(event.data.payload.body)
          )
          navigator.serviceWorker.startMessages()
        })
    )
    assert.deepEqual(await devTools.push(page, message('Seen in the open conversation')), {
      tag: messageTag(room.id),
      shown: false,
    })
    assert.equal(await toldPage, 'Seen in the open conversation')
    assert.lengthOf(await shownNotifications(page), 0)

    // Elsewhere on the site: the notification shows.
    await page.goto(urlFor('rooms.index'))
    assert.isTrue((await devTools.push(page, message('Shown as a notification'))).shown)
    const shown = await waitForNotifications(page, 1)
    assert.lengthOf(shown, 1)
    assert.deepInclude(shown[0], {
      title: 'Sita',
      body: 'Shown as a notification',
      tag: messageTag(room.id),
      url: roomPath,
    })

    // A second message of the same conversation replaces it (one tag), it does not stack.
    await devTools.push(
      page,
      JSON.stringify({
        ...JSON.parse(message('Second message')),
        title: 'Sita (2 new messages)',
        count: 2,
      })
    )
    await page.waitForFunction(async () => {
      const notifications = await (await navigator.serviceWorker.ready).getNotifications()
      return notifications.length === 1 && notifications[0].body === 'Second message'
    })
    assert.deepInclude((await shownNotifications(page))[0], {
      title: 'Sita (2 new messages)',
      tag: messageTag(room.id),
    })
  })

  test('a click focuses a tab already on that page; a call’s "Answer" opens the call', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.with('owner').create()
    await browserContext.loginAs(user)
    const page = await visit(urlFor('rooms.index'))
    const origin = new URL(page.url()).origin
    await browserContext.grantPermissions(['notifications'], { origin })
    const devTools = await ServiceWorkerDevTools.attach(page)
    await registerWorker(page)

    const roomPath = urlFor('rooms.show', { id: room.id })
    const callPath = `${roomPath}?call=77`
    await devTools.push(
      page,
      JSON.stringify(
        preparePush({
          kind: PushKind.Message,
          title: 'Sita',
          body: 'Hello',
          url: roomPath,
          tag: messageTag(room.id),
        }).payload
      )
    )
    assert.lengthOf(await waitForNotifications(page, 1), 1)
    await devTools.push(
      page,
      JSON.stringify(
        preparePush({
          kind: PushKind.Call,
          title: 'Sita is calling',
          body: 'Video call',
          url: roomPath,
          tag: callTag(77),
          actions: [{ action: 'open-call', title: 'Answer', url: callPath }],
        }).payload
      )
    )
    const shown = await waitForNotifications(page, 2)
    assert.sameMembers(
      shown.map((notification) => notification.tag),
      [messageTag(room.id), callTag(77)]
    )
    const call = shown.find((notification) => notification.tag === callTag(77))!
    assert.deepInclude(call, {
      title: 'Sita is calling',
      actions: ['open-call'],
      requireInteraction: true,
    })

    // Another tab is already on the room's page: the click focuses it, it opens nothing new.
    const roomTab = await browserContext.newPage()
    await roomTab.goto(roomPath)
    const message = await clickNotification(page, messageTag(room.id))
    assert.deepEqual(message.done, [{ operation: 'focus', url: `${origin}${roomPath}` }])
    assert.equal(page.url(), `${origin}${urlFor('rooms.index')}`)
    await roomTab.close()

    // "Answer" on the call opens the call's own page.
    const answered = await clickNotification(page, callTag(77), 'open-call')
    assert.deepEqual(answered.done, [{ operation: 'open', url: `${origin}${callPath}` }])
    await page.waitForURL(`${origin}${callPath}`)
  })

  test('blocked or unsupported: the control says so and offers no button', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const user = await UserFactory.create()
    await browserContext.loginAs(user)
    await browserContext.addInitScript(() =>
      Object.defineProperty(Notification, 'permission', { get: () => 'denied' })
    )
    const page = await visit(urlFor('client.home'))
    await showPushControl(page)
    await page.waitForSelector('[data-push-control][data-state="blocked"]')
    await page.assertTextContains(
      '[data-push-message]',
      'Notifications are blocked for Kotha in this browser'
    )
    assert.isFalse(await page.getByTestId('push-toggle').isVisible())

    const other = await browserContext.browser()!.newContext()
    const bare = await other.newPage()
    await bare.addInitScript(() => delete (window as { PushManager?: unknown }).PushManager)
    await bare.goto(new URL(urlFor('rooms.index'), page.url()).href)
    await showPushControl(bare)
    assert.equal(await bare.getByTestId('push-control').getAttribute('data-state'), 'unsupported')
    assert.include(
      await bare.locator('[data-push-message]').innerText(),
      'This browser cannot show notifications'
    )
    assert.isFalse(await bare.getByTestId('push-toggle').isVisible())
    await other.close()
  })

  test('logout carries this device’s endpoint and drops the browser’s subscription', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const user = await UserFactory.create()
    const device = new TestDevice(pushService.endpoint())
    await browserContext.loginAs(user)
    await fakeBrowserPushService(browserContext, device)
    const page = await visit(urlFor('client.home'))
    await browserContext.grantPermissions(['notifications'], { origin: new URL(page.url()).origin })
    await showPushControl(page)
    await page.getByRole('button', { name: 'Turn on notifications' }).click()
    await page.waitForSelector('[data-push-control][data-state="on"]')

    // The navigation's own "Log out" form carries this device's endpoint.
    await page.waitForSelector('nav form[data-logout-form] input[name="push_endpoint"]', {
      state: 'attached',
    })
    assert.equal(
      await page.locator('nav form[data-logout-form] input[name="push_endpoint"]').inputValue(),
      device.endpoint
    )

    const posted = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith(urlFor('session.destroy'))
    )
    await page.getByRole('button', { name: 'Log out' }).click()
    const request = await posted
    assert.include(request.postData() ?? '', `push_endpoint=${encodeURIComponent(device.endpoint)}`)
    await page.waitForLoadState()
    assert.isNull(await page.evaluate(() => localStorage.getItem('test-push-subscription')))
  })
})
