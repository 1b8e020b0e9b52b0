import type { PushSubscription as WebPushSubscription } from 'web-push'
import type { PushUrgency } from '#push/enums/push_kind'

/** VAPID identity the push service checks on every request. */
export type VapidDetails = { subject: string; publicKey: string; privateKey: string }

/** One request to a browser's push service, before encryption. */
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

/** The function that performs one request (a dispatcher option for tests). */
export type PushSend = (request: PushRequest) => Promise<PushResponse>

/**
 * The contract for sending one web-push request, resolved through the
 * container (providers/push_provider.ts binds WebPushTransport) so tests can
 * swap it: `app.container.swap(PushTransport, () => fake)`. Implementations
 * never throw for HTTP or network trouble; the dispatcher judges the answer.
 */
export abstract class PushTransport {
  abstract send(request: PushRequest): Promise<PushResponse>
}
