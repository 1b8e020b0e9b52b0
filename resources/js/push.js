/**
 * Browser push notifications on this device: registers the service worker
 * (/sw.js), drives the notifications control (components/push_control.edge)
 * and forgets the device at logout.
 *
 *   import('./push.js').then(({ setUpPushControl, attachPushEndpointToLogout }) => { … })
 */
import { sendJson } from './lib/http.js'

const SERVICE_WORKER_URL = '/sw.js'
const SUBSCRIPTION_EVENT = 'kotha:push-subscription'

const messages = {
  'unsupported': 'This browser cannot show notifications from Kotha.',
  'unsupported-ios':
    'On iPhone and iPad, add Kotha to your Home Screen first (Share, then “Add to Home Screen”), open it from there and turn notifications on.',
  'insecure': 'Notifications need Kotha to be opened over HTTPS.',
  'unavailable': 'Notifications are not available right now.',
  'default':
    'Get a notification for new messages, calls and unlocks, even when Kotha is closed. Your browser will ask you to allow them.',
  'off': 'Notifications are off on this device.',
  'on': 'Notifications are on for this device.',
  'blocked':
    'Notifications are blocked for Kotha in this browser. To get them, allow notifications in the site settings (the icon at the left of the address bar), then reload this page.',
  'busy': 'One moment…',
}

/** Whether this browser can receive push notifications at all. */
export function pushSupported() {
  return (
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window &&
    window.isSecureContext
  )
}

/** Registers the service worker for the whole site; resolves with its registration once active. */
export async function registerServiceWorker() {
  await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' })
  return navigator.serviceWorker.ready
}

/** This device's push subscription, if it has one (never registers anything). */
export async function currentPushSubscription() {
  if (!pushSupported()) return null
  const registration = await navigator.serviceWorker.getRegistration('/')
  return registration ? registration.pushManager.getSubscription() : null
}

/** Why this browser cannot get notifications, in words for the person. */
function unsupportedMessage() {
  const ios =
    /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1)
  if (!window.isSecureContext) return messages.insecure
  return ios ? messages['unsupported-ios'] : messages.unsupported
}

/** Registers the worker and reads the server's public key; null when either fails. */
async function prepare(element, ui) {
  try {
    ui.show('busy')
    const registration = await registerServiceWorker()
    const publicKey = (await requestJson('GET', element.dataset.publicKeyUrl)).publicKey
    return publicKey ? { registration, publicKey } : null
  } catch {
    return null
  }
}

/**
 * Drives a notifications control: shows the permission state (not asked,
 * on, off, blocked, unsupported), turns notifications on (asks permission,
 * subscribes, tells the server) and off (tells the server, unsubscribes).
 * The element's data attributes hold the endpoints' URLs.
 */
export async function setUpPushControl(element) {
  if (!element || element.dataset.pushReady) return
  element.dataset.pushReady = 'true'
  const ui = controlUi(element)

  if (!pushSupported()) return ui.show('unsupported', unsupportedMessage())
  const ready = await prepare(element, ui)
  if (!ready) return ui.show('unavailable')
  const device = pushDevice(element, ui, ready)

  ui.button.addEventListener('click', async () => {
    const turningOn = element.dataset.state !== 'on'
    ui.show('busy')
    try {
      await (turningOn ? device.turnOn() : device.turnOff())
    } catch {
      await device.refresh().catch(() => ui.show('unavailable'))
      ui.error(
        turningOn
          ? 'Notifications could not be turned on. Please try again.'
          : 'Notifications could not be turned off. Please try again.'
      )
    }
  })
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type === 'push-subscription-changed') device.refresh().catch(() => {})
  })

  try {
    await device.refresh()
  } catch {
    ui.show('unavailable')
  }
}

/** This device's subscription: where it stands, turning it on, turning it off. */
function pushDevice(element, ui, { registration, publicKey }) {
  const server = {
    save: (subscription) =>
      requestJson('POST', element.dataset.subscriptionsUrl, subscription.toJSON()),
    forget: (endpoint) => requestJson('DELETE', element.dataset.subscriptionsUrl, { endpoint }),
  }

  // Where things stand; a subscription the browser still has is sent again
  // (the server may have lost it, or the keys changed).
  async function refresh() {
    if (Notification.permission === 'denied') return ui.show('blocked')
    let subscription = await registration.pushManager.getSubscription()
    if (subscription && !sameKey(subscription, publicKey)) {
      await subscription.unsubscribe().catch(() => {})
      subscription =
        Notification.permission === 'granted' ? await subscribe(registration, publicKey) : null
    }
    if (subscription && Notification.permission === 'granted') {
      await server.save(subscription)
      announce(subscription)
      return ui.show('on')
    }
    announce(null)
    return ui.show(Notification.permission === 'granted' ? 'off' : 'default')
  }

  async function turnOn() {
    const permission = await Notification.requestPermission()
    if (permission !== 'granted') return refresh()
    const subscription = await subscribe(registration, publicKey)
    try {
      await server.save(subscription)
    } catch (error) {
      await subscription.unsubscribe().catch(() => {})
      throw error
    }
    announce(subscription)
    ui.show('on')
  }

  async function turnOff() {
    const subscription = await registration.pushManager.getSubscription()
    if (subscription) {
      await server.forget(subscription.endpoint)
      await subscription.unsubscribe().catch(() => {})
    }
    announce(null)
    ui.show('off')
  }

  return { refresh, turnOn, turnOff }
}

/**
 * Logout forgets this device: forms with `data-logout-form` carry a hidden
 * `push_endpoint` field (the server passes it to forgetDevice()), and on
 * submit the browser's subscription is dropped too, so the next person to
 * log in on this browser does not get this user's notifications.
 */
export function attachPushEndpointToLogout(root = document) {
  const forms = () => [...root.querySelectorAll('form[data-logout-form]')]
  const fill = (endpoint) => {
    for (const form of forms()) {
      let input = form.querySelector('input[name="push_endpoint"]')
      if (!endpoint) {
        input?.remove()
        continue
      }
      if (!input) {
        input = document.createElement('input')
        input.type = 'hidden'
        input.name = 'push_endpoint'
        form.append(input)
      }
      input.value = endpoint
    }
  }

  document.addEventListener(SUBSCRIPTION_EVENT, (event) => fill(event.detail?.endpoint ?? null))
  currentPushSubscription()
    .then((subscription) => fill(subscription?.endpoint ?? null))
    .catch(() => {})

  for (const form of forms()) {
    form.addEventListener('submit', (event) => {
      if (!form.querySelector('input[name="push_endpoint"]') || form.dataset.pushForgotten) return
      event.preventDefault()
      form.dataset.pushForgotten = 'true'
      const unsubscribe = currentPushSubscription().then((subscription) =>
        subscription?.unsubscribe()
      )
      const atMostOneSecond = new Promise((resolve) => setTimeout(resolve, 1000))
      Promise.race([unsubscribe, atMostOneSecond])
        .catch(() => {})
        .then(() => HTMLFormElement.prototype.submit.call(form))
    })
  }
}

function controlUi(element) {
  const message = element.querySelector('[data-push-message]')
  const button = element.querySelector('[data-push-toggle]')
  const errorBox = element.querySelector('[data-push-error]')
  return {
    button,
    show(state, text) {
      element.dataset.state = state
      message.textContent = text ?? messages[state]
      errorBox.hidden = true
      errorBox.textContent = ''
      const actionable = ['default', 'off', 'on'].includes(state)
      button.hidden = !actionable && state !== 'busy'
      button.disabled = state === 'busy'
      button.setAttribute('aria-busy', state === 'busy' ? 'true' : 'false')
      if (actionable) {
        button.textContent = state === 'on' ? 'Turn off notifications' : 'Turn on notifications'
        button.className =
          state === 'on'
            ? 'btn-secondary mt-3 w-full sm:w-auto'
            : 'btn-primary mt-3 w-full sm:w-auto'
      }
    },
    error(text) {
      errorBox.textContent = text
      errorBox.hidden = false
    },
  }
}

async function subscribe(registration, publicKey) {
  const options = { userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) }
  try {
    return await registration.pushManager.subscribe(options)
  } catch (error) {
    // A subscription made with another key is in the way: drop it and try once more.
    if (error?.name !== 'InvalidStateError') throw error
    await (await registration.pushManager.getSubscription())?.unsubscribe()
    return registration.pushManager.subscribe(options)
  }
}

function sameKey(subscription, publicKey) {
  const current = subscription.options?.applicationServerKey
  if (!current) return true
  const a = new Uint8Array(current)
  const b = base64UrlToBytes(publicKey)
  return a.length === b.length && a.every((byte, index) => byte === b[index])
}

function announce(subscription) {
  document.dispatchEvent(
    new CustomEvent(SUBSCRIPTION_EVENT, { detail: { endpoint: subscription?.endpoint ?? null } })
  )
}

/** A JSON request to the app; resolves with the answer's JSON, throws on an HTTP error. */
async function requestJson(method, url, body) {
  const response = await sendJson(method, url, body)
  if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status}`)
  return response.json()
}

function base64UrlToBytes(value) {
  const base64 = (value + '='.repeat((4 - (value.length % 4)) % 4))
    .replace(/-/g, '+')
    .replace(/_/g, '/')
  return Uint8Array.from(atob(base64), (character) => character.charCodeAt(0))
}
