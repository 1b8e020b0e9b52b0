import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The ceiling reads the sessions Kotha wrote: the `adonis-session` cookie
 * signed with APP_KEY (@adonisjs/http-server's signed cookies, verified by
 * @boringnode/encryption's MessageVerifier), and the `sessions` row whose
 * `data` is a MessageBuilder envelope `{ message, purpose: <session id> }`
 * holding the session guard's `auth_web` user id.
 */
export const SESSION_COOKIE = 'adonis-session'
const AUTH_SESSION_KEY = 'auth_web'

export class SessionCookies {
  #key: Buffer

  constructor(appKey: string) {
    this.#key = createHash('sha256').update(appKey).digest()
  }

  /** The session id of a request's cookie header, when its signature holds. */
  sessionIdOf(cookieHeader: string | undefined) {
    const raw = cookieValue(cookieHeader, SESSION_COOKIE)
    if (!raw?.startsWith('s:')) return null
    const [encoded, signature] = raw.slice(2).split('.')
    if (!encoded || !signature) return null
    const expected = Buffer.from(this.#sign(encoded))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    const envelope = parseJson(Buffer.from(encoded, 'base64url').toString('utf8'))
    return envelope?.purpose === SESSION_COOKIE && typeof envelope.message === 'string'
      ? envelope.message
      : null
  }

  /** The refreshed cookie, as Kotha sends it on every answer (the session's expiry rolls). */
  setCookieFor(sessionId: string, maxAgeSeconds: number) {
    const encoded = Buffer.from(
      JSON.stringify({ message: sessionId, purpose: SESSION_COOKIE })
    ).toString('base64url')
    const value = encodeURIComponent(`s:${encoded}.${this.#sign(encoded)}`)
    return `${SESSION_COOKIE}=${value}; Max-Age=${maxAgeSeconds}; Path=/; HttpOnly; Secure; SameSite=Lax`
  }

  #sign(encoded: string) {
    return createHmac('sha256', this.#key).update(encoded).digest('base64url')
  }
}

/** The logged-in user id in a `sessions` row's data, if any. */
export function userIdOfSession(row: { id: string; data: string } | undefined) {
  if (!row) return null
  const envelope = parseJson(row.data)
  if (envelope?.purpose !== row.id) return null
  const userId = envelope.message?.[AUTH_SESSION_KEY]
  return typeof userId === 'number' || typeof userId === 'string' ? Number(userId) : null
}

function cookieValue(header: string | undefined, name: string) {
  if (!header) return null
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) {
      return decodeURIComponent(part.slice(index + 1).trim())
    }
  }
  return null
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
