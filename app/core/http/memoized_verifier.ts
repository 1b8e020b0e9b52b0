/*
 * Signed cookies without an HMAC per request.
 *
 * Every request of a logged-in user verifies its signed session cookie and
 * every response signs it again (@adonisjs/session re-sends it to refresh
 * its Max-Age). @boringnode/encryption computes each HMAC with
 * `createHmac(key)`, which prepares the key anew every time: under the
 * bench that was 5–7% of a request's CPU (docs/performance.md).
 *
 * The verifier's results are deterministic, so they are remembered:
 * - `sign(value, no expiry, purpose)` of a string: the same input always gives
 *   the same output; it is also remembered as verified, since it comes back
 *   in the next request's cookie;
 * - `unsign(signed, purpose)` that succeeded on a message without an expiry
 *   date. A message with one is always verified again (its validity changes
 *   with time), and so is anything that failed.
 * Entries are keyed by the whole signed text (HMAC included), so a forged or
 * altered cookie never matches one. The memory is bounded (oldest out first).
 */

type Verifier = {
  sign(payload: any, expiresIn?: string | number, purpose?: string): string
  unsign<T = any>(payload: string, purpose?: string): T | null
}

export const MEMO_LIMIT = 20_000

class BoundedMemo<V> {
  #entries = new Map<string, V>()

  get(key: string) {
    return this.#entries.get(key)
  }

  set(key: string, value: V) {
    if (this.#entries.size >= MEMO_LIMIT) {
      this.#entries.delete(this.#entries.keys().next().value!)
    }
    this.#entries.set(key, value)
  }

  get size() {
    return this.#entries.size
  }
}

function hasExpiry(signed: string) {
  try {
    const encoded = signed.slice(0, signed.indexOf('.'))
    const message = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'))
    return message?.expiryDate !== undefined && message?.expiryDate !== null
  } catch {
    return true
  }
}

/** Replaces the verifier's sign and unsign with remembering ones (its own methods underneath). */
export function memoizeVerifier(verifier: Verifier) {
  const sign = verifier.sign.bind(verifier)
  const unsign = verifier.unsign.bind(verifier)
  const signed = new BoundedMemo<string>()
  const verified = new BoundedMemo<unknown>()
  const keyOf = (text: string, purpose?: string) => `${purpose ?? ''}\u0000${text}`

  verifier.sign = (payload, expiresIn, purpose) => {
    if (typeof payload !== 'string' || expiresIn !== undefined)
      return sign(payload, expiresIn, purpose)
    const key = keyOf(payload, purpose)
    const known = signed.get(key)
    if (known !== undefined) return known
    const result = sign(payload, undefined, purpose)
    signed.set(key, result)
    verified.set(keyOf(result, purpose), payload)
    return result
  }
  verifier.unsign = ((payload: string, purpose?: string) => {
    if (typeof payload !== 'string') return unsign(payload, purpose)
    const key = keyOf(payload, purpose)
    const known = verified.get(key)
    if (known !== undefined) return known
    const result = unsign(payload, purpose)
    if (result !== null && result !== undefined && !hasExpiry(payload)) verified.set(key, result)
    return result
  }) as Verifier['unsign']
  return { signedCount: () => signed.size, verifiedCount: () => verified.size }
}
