import webpush, { type PushSubscription as WebPushSubscription } from 'web-push'
import type { PushUrgency } from '#push/enums/push_kind'

/** VAPID identity the push service checks on every request. */
export type VapidDetails = { subject: string; publicKey: string; privateKey: string }

export type PushRequest = {
  subscription: WebPushSubscription
  /** Plain JSON text; encrypted (aes128gcm) for the subscription's keys. */
  payload: string
  ttlSeconds: number
  urgency: PushUrgency
  topic?: string
  vapid: VapidDetails
  timeoutMs: number
}

/** What the push service answered, or why it could not be asked. */
export type PushResponse =
  | { kind: 'response'; statusCode: number; retryAfterMs: number | null; body: string }
  | { kind: 'network_error'; error: string }

/** The function that performs one request; tests may put their own in place. */
export type PushSend = (request: PushRequest) => Promise<PushResponse>

/**
 * One request to a push service: web-push builds it (encryption, VAPID
 * JWT, TTL, Urgency, Topic) and fetch sends it, so http test endpoints and
 * real https push services take the same path. Never throws for HTTP or
 * network trouble; the caller decides what an answer means.
 */
export const sendPushRequest: PushSend = async (request) => {
  const details = webpush.generateRequestDetails(request.subscription, request.payload, {
    TTL: request.ttlSeconds,
    urgency: request.urgency,
    topic: request.topic,
    contentEncoding: 'aes128gcm',
    vapidDetails: request.vapid,
  })

  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(details.headers)) {
    if (name.toLowerCase() !== 'content-length') headers[name] = String(value)
  }

  try {
    const response = await fetch(details.endpoint, {
      method: details.method,
      headers,
      body: details.body ? new Uint8Array(details.body) : null,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    })
    const body = (await response.text().catch(() => '')).slice(0, 500)
    return {
      kind: 'response',
      statusCode: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      body,
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return {
      kind: 'network_error',
      error: [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': '),
    }
  }
}

/**
 * Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110).
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}
