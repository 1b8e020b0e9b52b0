import { PushDeliveryOutcome } from '#push/enums/push_kind'
import type { PushResponse } from '#push/push_transport'

/** What one attempt came to, before the dispatcher acts on it. */
export type AttemptVerdict = {
  outcome: PushDeliveryOutcome
  statusCode: number | null
  error: string | null
  retryAfterMs: number | null
}

/** How loud each outcome is in the log. */
export const logLevels = {
  [PushDeliveryOutcome.Delivered]: 'debug',
  [PushDeliveryOutcome.Pruned]: 'info',
  [PushDeliveryOutcome.Retrying]: 'warn',
  [PushDeliveryOutcome.Failed]: 'warn',
  [PushDeliveryOutcome.ConfigError]: 'error',
} as const

/**
 * What one answer of a push service means.
 */
export function judge(response: PushResponse): AttemptVerdict {
  if (response.kind === 'network_error') {
    return {
      outcome: PushDeliveryOutcome.Retrying,
      statusCode: null,
      error: response.error,
      retryAfterMs: null,
    }
  }
  const { statusCode, retryAfterMs, body } = response
  const detail = body ? `HTTP ${statusCode}: ${body}` : `HTTP ${statusCode}`
  if (statusCode >= 200 && statusCode < 300) {
    return { outcome: PushDeliveryOutcome.Delivered, statusCode, error: null, retryAfterMs: null }
  }
  if (statusCode === 404 || statusCode === 410) {
    return { outcome: PushDeliveryOutcome.Pruned, statusCode, error: detail, retryAfterMs: null }
  }
  if (statusCode === 401 || statusCode === 403) {
    return {
      outcome: PushDeliveryOutcome.ConfigError,
      statusCode,
      error: detail,
      retryAfterMs: null,
    }
  }
  if (statusCode === 429 || statusCode >= 500) {
    return { outcome: PushDeliveryOutcome.Retrying, statusCode, error: detail, retryAfterMs }
  }
  return { outcome: PushDeliveryOutcome.Failed, statusCode, error: detail, retryAfterMs: null }
}

/**
 * The verdict when web-push refused to build the request (bad keys stored,
 * VAPID settings): not worth retrying.
 */
export function unsendable(error: unknown): AttemptVerdict {
  return {
    outcome: PushDeliveryOutcome.Failed,
    statusCode: null,
    error: (error as Error).message,
    retryAfterMs: null,
  }
}
