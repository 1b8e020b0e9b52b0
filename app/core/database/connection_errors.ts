/**
 * Whether an error means "the database cannot be reached right now" (as
 * opposed to a bad query or a bug): the server is down, restarting, out of
 * connections, or the network to it failed. Such a request is answered 503
 * with Retry-After (app/core/http/unavailable.ts), never a raw 500.
 *
 * Recognised, from pg and knex, on the error or its `cause` chain:
 * - Node socket errors: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND (and
 *   EAI_AGAIN, EHOSTUNREACH, ENETUNREACH, EPIPE, the same failures by other names);
 * - SQLSTATE class 08 (connection exception), 57P01 admin shutdown, 57P02
 *   crash shutdown, 57P03 cannot connect now, 53300 too many connections;
 * - knex "Timeout acquiring a connection" and pg "Connection terminated…"
 *   / "…not queryable" (a connection that died under a query).
 *
 * HTTP clients (axios, fetch) fail with the same socket codes when eSewa or
 * a push service is down: those are not database outages and stay as they are.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])

const SQLSTATE_CODES = new Set(['57P01', '57P02', '57P03', '53300'])

const MESSAGES = [
  /timeout acquiring a connection/i,
  /connection terminated/i,
  /connection error and is not queryable/i,
  /database system is (starting up|shutting down|in recovery mode)/i,
]

type ErrorLike = {
  code?: unknown
  message?: unknown
  cause?: unknown
  errors?: unknown
  isAxiosError?: unknown
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return matches(error, 0)
}

function matches(error: unknown, depth: number): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false
  const candidate = error as ErrorLike
  if (isHttpClientError(candidate)) return false

  const code = typeof candidate.code === 'string' ? candidate.code : ''
  if (SOCKET_CODES.has(code) || SQLSTATE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
    return true
  }
  const message = typeof candidate.message === 'string' ? candidate.message : ''
  if (MESSAGES.some((pattern) => pattern.test(message))) return true

  // Connecting to a host name with several addresses fails with an AggregateError.
  if (Array.isArray(candidate.errors) && candidate.errors.some((one) => matches(one, depth + 1))) {
    return true
  }
  return matches(candidate.cause, depth + 1)
}

function isHttpClientError(error: ErrorLike) {
  return (
    error.isAxiosError === true || (error instanceof TypeError && error.message === 'fetch failed')
  )
}
