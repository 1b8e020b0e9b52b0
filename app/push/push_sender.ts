import webpush from 'web-push'
import pushConfig from '#config/push'
import { nonPublicHostProblem } from '#push/endpoint_host'
import {
  PushTransport,
  type PushRequest,
  type PushResponse,
  type PushSend,
} from '#push/push_transport'

export type { PushRequest, PushResponse, PushSend, VapidDetails } from '#push/push_transport'

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
    const text = await response.text().catch(() => '')
    const body = text.slice(0, 500)
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

/** Why an endpoint's host may not be posted to, or null (endpoint_host.ts). */
export type HostCheck = (hostname: string) => Promise<string | null>

/**
 * Today's transport: web-push over fetch (what the provider binds). In
 * production the endpoint's host is resolved again before each request and
 * refused when it now points inside (DNS rebinding after the subscription
 * was accepted): a network error, retried and logged like one, nothing
 * deleted. endpoint_host.ts says what this check cannot rule out. Off where
 * local endpoints are allowed (config/push.ts `allowLocalEndpoints`).
 */
export class WebPushTransport extends PushTransport {
  constructor(
    private checkHost: HostCheck | null = pushConfig.allowLocalEndpoints
      ? null
      : nonPublicHostProblem
  ) {
    super()
  }

  async send(request: PushRequest): Promise<PushResponse> {
    if (this.checkHost) {
      const hostname = URL.parse(request.subscription.endpoint)?.hostname ?? ''
      const problem = hostname ? await this.checkHost(hostname) : 'is missing'
      if (problem)
        return { kind: 'network_error', error: `refused: the endpoint's host ${problem}` }
    }
    return sendPushRequest(request)
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
