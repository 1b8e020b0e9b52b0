import { configProvider } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import { SessionCollection } from '@adonisjs/session'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import type { ResolvedSessionConfig } from '@adonisjs/session/types'
import type { Group } from '@japa/runner/core'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * Sessions as a browser holds them: real cookies over real HTTP, against
 * the test server or a production child.
 */

/** The cookie that carries the session id (config/session.ts). */
export const SESSION_COOKIE = 'adonis-session'
/** The session guard's remember-me cookie (guard "web"). */
export const REMEMBER_COOKIE = 'remember_web'

/**
 * The test server's sessions in the `sessions` table (the database store,
 * the production default) for the tests of a group, instead of the memory
 * store the Japa session client needs.
 */
export function withDatabaseSessions(group: Group) {
  group.setup(async () => {
    const resolved = await configProvider.resolve<ResolvedSessionConfig>(
      app,
      app.config.get('session')
    )
    const config = { ...resolved!, store: 'database' }
    const emitter = await app.container.make('emitter')
    app.container.swap(SessionMiddleware, () => new SessionMiddleware(config, emitter))
    app.container.swap(SessionCollection, () => new SessionCollection(config))
    return () => {
      app.container.restore(SessionMiddleware)
      app.container.restore(SessionCollection)
    }
  })
}

/** The session id a signed session cookie carries. */
export function sessionIdOf(session: HttpSession) {
  const raw = decodeURIComponent(session.cookies.get(SESSION_COOKIE) ?? '')
  if (!raw.startsWith('s:')) return undefined
  const [payload] = raw.slice(2).split('.')
  return JSON.parse(Buffer.from(payload, 'base64url').toString()).message as string
}

/** Another "browser" holding the same cookies (copied from the first). */
export function copyOf(session: HttpSession, baseUrl = session.baseUrl) {
  const copy = new HttpSession(baseUrl)
  for (const [name, value] of session.cookies) copy.cookies.set(name, value)
  copy.csrfToken = session.csrfToken
  return copy
}

/** The named Set-Cookie header of a response (the whole line), if any. */
export function setCookie(response: Response, name: string) {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`))
}

/** Logs in through the login form; `remember` ticks "Keep me logged in". */
export async function logIn(
  session: HttpSession,
  email: string,
  password: string,
  { remember = false } = {}
) {
  const page = await session.fetch('/login')
  const csrf = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(await page.text())?.[1] ?? ''
  const form: Record<string, string> = { _csrf: csrf, email, password }
  if (remember) form.remember = 'true'
  const response = await session.fetch('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
  if (response.status !== 302 || response.headers.get('location') === '/login') {
    throw new Error(
      `login as ${email} failed: ${response.status} to ${response.headers.get('location')}`
    )
  }
  return response
}

/** The logout button: POST /logout with the page's CSRF token. */
export async function logOut(session: HttpSession) {
  return session.fetch('/logout', {
    method: 'POST',
    headers: { 'x-csrf-token': session.csrfToken },
  })
}

/** Whether the session opens a page only a logged-in person sees (GET /me). */
export async function isLoggedIn(session: HttpSession) {
  const response = await session.fetch('/me')
  if (response.status === 200) return true
  if (response.status === 302 && response.headers.get('location') === '/login') return false
  throw new Error(`GET /me answered ${response.status}`)
}
