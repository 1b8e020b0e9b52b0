import { createHash } from 'node:crypto'
import env from '#start/env'
import { PushKind, type PushUrgency } from '#push/enums/push_kind'

/**
 * A button on a notification. The service worker opens `url` (a path of
 * this site) when it is clicked; without a url it opens the notification's.
 */
export type PushAction = { action: string; title: string; url?: string }

/**
 * What the push listeners hand to notifyUser(). Text is
 * plain text (never HTML): the browser shows it as is.
 */
export type PushNotification = {
  kind: PushKind
  /** First line, e.g. the sender's first name. At most 100 characters are kept. */
  title: string
  /** Second line, e.g. the message. At most 240 characters are kept. */
  body: string
  /** A path of this site ("/conversations/5"), or an absolute URL on APP_URL's origin. */
  url: string
  /** Notifications with the same tag replace each other on the device (see messageTag, callTag). */
  tag?: string
  /** Alert again (sound, vibration) when replacing a notification with the same tag. */
  renotify?: boolean
  /** Stays on screen until the person acts on it (calls). */
  requireInteraction?: boolean
  actions?: PushAction[]
  /** How long the push service keeps it for an offline device, in seconds. */
  ttlSeconds?: number
  urgency?: PushUrgency
}

/** What each kind means for delivery when the notification does not say. */
export type PushKindDefaults = {
  urgency: PushUrgency
  ttlSeconds: number
  renotify: boolean
  requireInteraction: boolean
  /** Used when the notification gives no tag. */
  tag?: string
  /** Several notifications with one tag count up in the title ("Sita (3 new messages)"). */
  countLabel?: string
}

export const pushKindDefaults: Record<PushKind, PushKindDefaults> = {
  [PushKind.Unlock]: {
    urgency: 'normal',
    ttlSeconds: 24 * 3600,
    renotify: false,
    requireInteraction: false,
  },
  [PushKind.Message]: {
    urgency: 'normal',
    ttlSeconds: 12 * 3600,
    renotify: true,
    requireInteraction: false,
    countLabel: 'new messages',
  },
  [PushKind.Call]: {
    urgency: 'high',
    ttlSeconds: 45,
    renotify: true,
    requireInteraction: true,
    tag: 'call',
  },
  [PushKind.MissedCall]: {
    urgency: 'normal',
    ttlSeconds: 24 * 3600,
    renotify: false,
    requireInteraction: false,
    countLabel: 'missed calls',
  },
}

/** The tag that collapses a burst of messages of one conversation into one notification. */
export function messageTag(conversationId: number | string) {
  return `message-conversation-${conversationId}`
}

/** The tag of one call's ringing notification (its missed-call notification replaces it). */
export function callTag(callId: number | string) {
  return `call-${callId}`
}

/**
 * The JSON the service worker receives (resources/js/service_worker.js).
 * Version 1; add fields, never change their meaning.
 */
export type PushPayload = {
  v: 1
  kind: PushKind
  title: string
  body: string
  url: string
  tag: string | null
  renotify: boolean
  requireInteraction: boolean
  actions: { action: string; title: string; url: string }[]
  /** How many notifications this tag stands for now (1 unless a burst collapsed). */
  count: number
  sentAt: string
  /** The notification's job key: a device shows a repeated delivery once. */
  id?: string
}

/** A notification ready to send: the payload and the headers of its request. */
export type PreparedPush = {
  kind: PushKind
  tag: string | null
  payload: PushPayload
  ttlSeconds: number
  urgency: PushUrgency
  /** RFC 8030 Topic: the push service replaces an undelivered message with the same topic. */
  topic?: string
  /** The job key this notification is delivered under (durable jobs; see push_jobs.ts). */
  key?: string
}

/** Raised for a notification the code built wrongly (a bad url, an unknown kind). */
export class InvalidPushNotification extends Error {}

/**
 * Applies the kind's defaults, checks the url, turns the text into short
 * plain text and adds the burst count to the title.
 */
export function preparePush(
  notification: PushNotification,
  count = 1,
  now = new Date()
): PreparedPush {
  const defaults = pushKindDefaults[notification.kind]
  if (!defaults)
    throw new InvalidPushNotification(`Unknown push kind: ${String(notification.kind)}`)

  const tag = notification.tag ? plainText(notification.tag, 100) : (defaults.tag ?? null)
  let title = plainText(notification.title, 100) || 'Kotha'
  if (count > 1 && defaults.countLabel) title = `${title} (${count} ${defaults.countLabel})`
  const ttlSeconds = Math.max(0, Math.round(notification.ttlSeconds ?? defaults.ttlSeconds))

  return {
    kind: notification.kind,
    tag,
    ttlSeconds,
    urgency: notification.urgency ?? defaults.urgency,
    topic: tag ? topicFor(tag) : undefined,
    payload: {
      v: 1,
      kind: notification.kind,
      title,
      body: plainText(notification.body, 240),
      url: sitePath(notification.url),
      tag,
      renotify: Boolean(tag) && (notification.renotify ?? defaults.renotify),
      requireInteraction: notification.requireInteraction ?? defaults.requireInteraction,
      actions: (notification.actions ?? []).slice(0, 2).map((action) => ({
        action: plainText(action.action, 40),
        title: plainText(action.title, 40),
        url: sitePath(action.url ?? notification.url),
      })),
      count,
      sentAt: now.toISOString(),
    },
  }
}

/**
 * Text as the browser will show it: no control characters, no runs of
 * spaces, at most `max` characters (an ellipsis marks a cut).
 */
export function plainText(value: unknown, max: number) {
  const text = String(value ?? '')
    .replace(
      // Control characters are exactly what this strips.
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g,
      ''
    )
    .replace(/[ \t\r\n]+/g, ' ')
    .trim()
  const characters = [...text]
  return characters.length > max
    ? characters
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…'
    : text
}

/**
 * A path of this site. Absolute URLs are accepted on APP_URL's origin only:
 * a notification never leads anywhere else.
 */
export function sitePath(url: string) {
  const appOrigin = new URL(env.get('APP_URL')).origin
  let parsed: URL
  try {
    parsed = new URL(url, appOrigin)
  } catch {
    throw new InvalidPushNotification(`Not a URL: ${url}`)
  }
  const relative = url.startsWith('/') && !url.startsWith('//') && !url.includes('\\')
  if (parsed.origin !== appOrigin || !(relative || /^https?:\/\//i.test(url))) {
    throw new InvalidPushNotification(`A notification must link to this site: ${url}`)
  }
  return `${parsed.pathname}${parsed.search}${parsed.hash}`
}

/** RFC 8030 topics are at most 32 base64url characters; a tag's hash always fits. */
function topicFor(tag: string) {
  return createHash('sha256').update(tag).digest('base64url').slice(0, 32)
}
