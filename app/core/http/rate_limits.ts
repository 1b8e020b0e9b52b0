import { createHash } from 'node:crypto'
import limiter from '@adonisjs/limiter/services/main'
import { errors } from '@adonisjs/limiter'
import type { RateLimit } from '#config/limits'

/**
 * Rate limits counted by hand, for what a route middleware cannot decide
 * alone: failed logins only, a transaction's verifications, a user's
 * typing in the conversation the request resolved to. Counters live in
 * LIMITER_STORE (database or memory), like the route throttles of
 * start/limiter.ts.
 */

/** The limiter for a limit, made fresh (the limiter parses and keeps what it is given). */
function limiterFor(limit: RateLimit) {
  return limiter.use({ requests: limit.requests, duration: limit.seconds })
}

/**
 * A counter key from parts: anything but letters, digits, ".", ":" and "-"
 * is replaced, and a long key is hashed, so a key always fits the
 * database store's 255 characters and never carries raw input.
 */
export function limitKey(...parts: (string | number)[]) {
  const key = parts.map((part) => String(part).replace(/[^\w.:-]/g, '-')).join('_')
  if (key.length <= 120) return key
  return `${key.slice(0, 40)}_${createHash('sha256').update(key).digest('hex')}`
}

/** A key for a person's email (hashed: no addresses in the counters table). */
export function emailKey(email: string) {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 40)
}

/** Counts one request; throws E_TOO_MANY_REQUESTS (429) once the limit is spent. */
export async function consume(limit: RateLimit, key: string) {
  await limiterFor(limit).consume(key)
}

/** Counts one request if the limit allows it: false (nothing counted) once it is spent. */
export async function tryConsume(limit: RateLimit, key: string) {
  const used = limiterFor(limit)
  const state = await used.get(key)
  if (state && state.remaining <= 0) return false
  try {
    await used.consume(key)
    return true
  } catch (error) {
    if (error instanceof errors.E_TOO_MANY_REQUESTS) return false
    throw error
  }
}

/** Throws E_TOO_MANY_REQUESTS when the limit is spent, counting nothing. */
export async function assertNotSpent(limit: RateLimit, key: string) {
  const state = await limiterFor(limit).get(key)
  if (state && state.remaining <= 0) throw new errors.E_TOO_MANY_REQUESTS(state)
}

/** Counts one failure (never throws: the next attempt is refused by assertNotSpent). */
export async function penalize(limit: RateLimit, key: string) {
  await limiterFor(limit).increment(key)
}

/** Forgets a key's count (a successful login). */
export async function forget(limit: RateLimit, key: string) {
  await limiterFor(limit).delete(key)
}

/** Gives back one counted request (a login that turned out right). */
export async function refund(limit: RateLimit, key: string) {
  await limiterFor(limit).decrement(key)
}
