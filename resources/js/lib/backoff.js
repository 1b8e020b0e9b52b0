/**
 * Waiting before trying again, the same everywhere in the browser code
 * (the live connection, its subscriptions, chat sends): exponential, with
 * jitter so that pages cut off together do not all come back in the same
 * millisecond, and a ceiling. Pure: no timers, no DOM.
 */

/** Defaults: 0.5 s, 1 s, 2 s … up to 30 s (before jitter). */
export const BACKOFF = { baseMs: 500, maxMs: 30_000 }

/**
 * The delay before retry number `attempt` (0 for the first retry), in ms:
 * a random point in the upper half of min(max, base × 2^attempt).
 * `random` is injectable for tests.
 */
export function backoffDelay(attempt, options = {}) {
  const { baseMs = BACKOFF.baseMs, maxMs = BACKOFF.maxMs, random = Math.random } = options
  const step = Math.max(0, Math.floor(attempt))
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(step, 30))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * A random id for keys and connection ids: a UUID where the browser has
 * crypto.randomUUID (secure contexts), else 32 random hex digits.
 */
export function randomId() {
  const cryptoApi = globalThis.crypto
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID()
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16))
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}
