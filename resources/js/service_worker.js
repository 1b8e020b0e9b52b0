/*
 * Kotha's service worker: shows push notifications and opens the page they
 * point to. Served as is (no bundler) at /sw.js by PushSetupController,
 * scope "/". Payloads come from app/push/push_notification.ts:
 *   { v, kind, title, body, url, tag, renotify, requireInteraction, actions: [{ action, title, url }], count, sentAt, id }
 * Title and body are plain text; the browser shows them as text.
 */

const ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAMAAAADACAYAAABS3GwHAAAC1ElEQVR42u3TuQ2AMBQFQZdBLZRPYyACMkIQx86XtgH7zRgfv2WaVz3bcMYtSAxeQBi9YDB6wWD4AsHw1YbgE5VE4OOUheCzlETgg5SF4FOUReAzlEXgE5RF4PGVReDRlUXgsZVF4JGVReBxlUXgUZVG4EGVBeAxlUXgEZVG4AGVBeDxlEXg0ZRG4MGUBeCxlEbgoZQF4JGURuCBBIBUBOBxlEbgYQSAVATgUZRG4EEEgASAFAPgMZRG4CEEgASABIAEgASABIAEgPRPAB5BAEgASABIAEgASADo7vbzDgBkx3+c9wAgO34IAMiPHwIA8uOHAID8+CEAID9+CADIjx8EAPLDhwAA44cAAOOHAADjhwAA44cAgPz4IQAgPXwQADB+CAAwfggAMH4IADB+CAAwfggAMH4IAIgPHwQAjB8CAIwfAgCMHwIAjB8CAIwfAgCMHwIAjB8EAAwfgjAAB0EWgIMgC8BBkAXgIMgCcBAkATgQsgAcBFkADoIsAAdBFoCDIAvAQZAF4CBIAnAgAOAAAMABAIADAAAHAAAOAAAcAAA4AABwAADgAADAAQCAAwAABwAADgAAHAAAOAAAcAAA4AAAwAEAgAMAAAcAAA4AABwAADgAAHAAAOAAAMABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwMUA9vs6AgkACQAJAAkACQAJAAkACQDpFAAESo8fAAHgQQSAFAUAgdLjB0AAeBiVAUCg9PgBEAAeSGUAECg9fgCUBwCB0uMHQHkAECg9fgiUHz8AygOAQOnxQ6D8+AFQHgAESo8fAuXHD4Hy44dA+fFDoPz4IVB+/BAoP34IlB8/BMqPHwTlhw+BjB8EGT4EMn4QZPggyPBhkNHDIKMHwuBfdRsbKLJzPIMAYAAAAABJRU5ErkJggg=='
const BADGE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAEgAAABICAYAAABV7bNHAAAAgElEQVR42u3QyQ2AQAwEMPpvevgjgUBcm6xdgpcFAABoIEks7MRsWTnIkXQiZ/qkXCBH0r2caZLyADGzReVFcjon5UNyOiXlR3KqJmVAciokpQA5IyalIDkjJKUBQYIECRIkSJAgQYIECRIkSJAgQYIECRIkSJAgQYIAAAAAYGYrorhjC7orde4AAAAASUVORK5CYII='

self.addEventListener('install', () => {
  self.skipWaiting()
})

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim())
})

// A push: show it, unless the person is looking at that very page now.
self.addEventListener('push', (event) => {
  const message = readPayload(event)
  event.waitUntil(showPush(message))
})

// A click on the notification or one of its buttons: focus that page, or open it.
self.addEventListener('notificationclick', (event) => {
  event.waitUntil(handleNotificationClick(event.notification, event.action))
})

// The browser replaced the subscription: subscribe again and let open pages tell the server.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(resubscribe(event))
})

async function showPush(message) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
  const watching = windows.find(
    (client) =>
      client.focused && client.visibilityState !== 'hidden' && samePath(client.url, message.url)
  )
  if (watching) {
    // The conversation (or page) is open and focused: no notification, and
    // an older one about it is stale. The page hears of it live anyway.
    const shown = await self.registration.getNotifications()
    shown
      .filter((notification) => samePath(notification.data?.url, message.url))
      .forEach((notification) => notification.close())
    watching.postMessage({ type: 'push', payload: message })
    return 'watching'
  }
  // A delivery handed over again after a server crash carries the same id: shown once.
  if (message.id && (await isShowing(message.id))) return 'duplicate'
  await self.registration.showNotification(message.title, {
    body: message.body,
    tag: message.tag || undefined,
    renotify: Boolean(message.tag && message.renotify),
    requireInteraction: message.requireInteraction,
    icon: ICON,
    badge: BADGE,
    timestamp: message.sentAt,
    actions: message.actions.map(({ action, title }) => ({ action, title })),
    data: {
      url: message.url,
      kind: message.kind,
      count: message.count,
      actions: message.actions,
      id: message.id,
    },
  })
}

async function isShowing(id) {
  const shown = await self.registration.getNotifications()
  return shown.some((notification) => notification.data?.id === id)
}

/**
 * The payload as plain values, whatever arrived: text only, links to this
 * site only.
 */
function readPayload(event) {
  let raw = {}
  try {
    raw = event.data ? event.data.json() : {}
  } catch {
    raw = { body: event.data ? event.data.text() : '' }
  }
  const text = (value, fallback) => (typeof value === 'string' && value.trim() ? value : fallback)
  const sentAt = Date.parse(raw.sentAt)
  return {
    kind: text(raw.kind, 'general'),
    title: text(raw.title, 'Kotha'),
    body: text(raw.body, ''),
    url: safePath(raw.url),
    tag: text(raw.tag, ''),
    id: text(raw.id, ''),
    renotify: raw.renotify === true,
    requireInteraction: raw.requireInteraction === true,
    count: Number.isInteger(raw.count) ? raw.count : 1,
    sentAt: Number.isNaN(sentAt) ? Date.now() : sentAt,
    actions: (Array.isArray(raw.actions) ? raw.actions : [])
      .filter(
        (action) => action && typeof action.action === 'string' && typeof action.title === 'string'
      )
      .slice(0, 2)
      .map((action) => ({
        action: action.action,
        title: action.title,
        url: safePath(action.url ?? raw.url),
      })),
  }
}

/** A path of this site; anything else becomes the home page. */
function safePath(url) {
  try {
    const parsed = new URL(String(url ?? '/'), self.location.origin)
    return parsed.origin === self.location.origin
      ? parsed.pathname + parsed.search + parsed.hash
      : '/'
  } catch {
    return '/'
  }
}

function samePath(clientUrl, path) {
  try {
    return (
      new URL(clientUrl, self.location.origin).pathname ===
      new URL(path, self.location.origin).pathname
    )
  } catch {
    return false
  }
}

/** Where a click leads: the button's page, or the notification's. */
function targetOf(notification, action) {
  const data = notification.data || {}
  const button = action
    ? (data.actions || []).find((candidate) => candidate.action === action)
    : null
  return safePath(button?.url || data.url || '/')
}

/**
 * What a click on the notification (or on its button `action`) does: close
 * it, then focus or open the page it leads to with `operations`.
 */
function handleNotificationClick(notification, action, operations = windowOperations) {
  notification.close()
  return openTarget(targetOf(notification, action), operations)
}

const windowOperations = {
  focus: (client) => client.focus(),
  open: (url) => self.clients.openWindow(url),
}

/**
 * Focuses a tab already on that page, or opens a new one. Another tab of
 * the site is not navigated away: it may hold a call or a half-written
 * message.
 */
async function openTarget(path, operations) {
  const target = new URL(path, self.location.origin)
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
  const open = windows.find((client) => samePath(client.url, target.href))
  if (open) return operations.focus(open)
  return operations.open(target.href)
}

async function resubscribe(event) {
  const applicationServerKey = event.oldSubscription?.options?.applicationServerKey
  if (!event.newSubscription && applicationServerKey) {
    await self.registration.pushManager
      .subscribe({ userVisibleOnly: true, applicationServerKey })
      .catch(() => null)
  }
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
  windows.forEach((client) => client.postMessage({ type: 'push-subscription-changed' }))
}
