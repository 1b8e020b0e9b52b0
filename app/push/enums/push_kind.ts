/**
 * What a browser push notification is about. Each kind has its own
 * delivery defaults (urgency, time to live, tag) in
 * app/push/push_notification.ts.
 */
export enum PushKind {
  /** Owner: a client paid and unlocked one of your rooms. Client: your unlock is confirmed. */
  Unlock = 'unlock',
  /** A new chat message. Bursts in one conversation collapse into one notification. */
  Message = 'message',
  /** Someone is calling you now (video call). High urgency, short-lived. */
  Call = 'call',
  /** A call you did not answer. */
  MissedCall = 'missed_call',
}

/** Words for people (settings pages, logs). */
export const pushKindLabels: Record<PushKind, string> = {
  [PushKind.Unlock]: 'Room unlocked',
  [PushKind.Message]: 'New message',
  [PushKind.Call]: 'Incoming call',
  [PushKind.MissedCall]: 'Missed call',
}

/**
 * What became of one attempt to hand a notification to a browser's push
 * service. Every attempt writes one push_deliveries row with one of these.
 * (Kept beside PushKind so the push feature's enums live in one file.)
 */
export enum PushDeliveryOutcome {
  /** The push service accepted it (HTTP 2xx). */
  Delivered = 'delivered',
  /** The subscription is gone (HTTP 404 or 410): it was deleted. */
  Pruned = 'pruned',
  /** A temporary failure (HTTP 429, 5xx, network error): another attempt follows. */
  Retrying = 'retrying',
  /** Given up: no more attempts (retries used up, or a refusal such as 400 or 413). */
  Failed = 'failed',
  /** The push service refused our VAPID credentials (HTTP 401 or 403). Nothing is deleted. */
  ConfigError = 'config_error',
}

/** Urgency values of RFC 8030 (the `Urgency` header). */
export type PushUrgency = 'very-low' | 'low' | 'normal' | 'high'
