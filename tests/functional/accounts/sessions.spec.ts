import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import EndUserSessions from '#accounts/actions/end_user_sessions'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import {
  REMEMBER_COOKIE,
  SESSION_COOKIE,
  copyOf,
  isLoggedIn,
  logIn,
  logOut,
  sessionIdOf,
  setCookie,
  withDatabaseSessions,
} from '#tests/helpers/sessions'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * Sessions in the `sessions` table (the production default), tried over
 * real HTTP with real cookies, as a browser (and someone who copied its
 * cookies) would.
 */
function sessionRow(id: string | undefined) {
  return db
    .from('sessions')
    .where('id', id ?? '')
    .first()
}

function rememberTokensOf(userId: number) {
  return db.from('remember_me_tokens').where('tokenable_id', userId).select('id', 'expires_at')
}

/** What 2 hours without a request do to a session. */
async function expireSession(id: string | undefined) {
  await db
    .from('sessions')
    .where('id', id ?? '')
    .update({ expires_at: new Date(Date.now() - 1000) })
}

test.group('Accounts / sessions in the database', (group) => {
  withDatabaseSessions(group)
  withRollback(group)

  test('logging in gives the session a new id, and the id from before opens nothing', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const browser = new HttpSession()
    await browser.fetch('/login')
    const before = sessionIdOf(browser)
    assert.isString(before)
    assert.isNotNull(await sessionRow(before), 'a visitor has a session (its CSRF secret)')

    const login = await logIn(browser, user.email, TEST_PASSWORD)
    const after = sessionIdOf(browser)
    assert.isString(after)
    assert.notEqual(after, before)
    assert.isNull(await sessionRow(before), 'the old record is gone')
    const row = await sessionRow(after)
    assert.equal(row.user_id, String(user.id), 'the session is tagged with its user')
    assert.include(String(row.data), 'auth_web')
    // A plain login lasts 2 hours idle, and sets no remember-me cookie.
    assert.include(setCookie(login, SESSION_COOKIE) ?? '', 'Max-Age=7200')
    assert.notMatch(setCookie(login, REMEMBER_COOKIE) ?? '', /Max-Age=[1-9]/)
    const expiresIn = new Date(row.expires_at).getTime() - Date.now()
    assert.approximately(expiresIn, 2 * 3600_000, 60_000)
    assert.isTrue(await isLoggedIn(browser))
  })

  test('logging out destroys the session: a copy of its cookie opens nothing', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const browser = new HttpSession()
    await logIn(browser, user.email, TEST_PASSWORD)
    const stolen = copyOf(browser)
    const id = sessionIdOf(browser)
    assert.isTrue(await isLoggedIn(stolen), 'the copy works while the session lasts')

    const logout = await logOut(browser)
    assert.equal(logout.status, 302)
    assert.equal(logout.headers.get('location'), '/')
    assert.isNull(await sessionRow(id))
    assert.notEqual(sessionIdOf(browser), id, 'the browser goes on under a new id')

    assert.isFalse(await isLoggedIn(stolen))
    assert.isFalse(await isLoggedIn(browser))
    // The replayed (signed) id may start a new visitor's session, never the user's again.
    const replayed = await sessionRow(id)
    assert.isTrue(replayed === null || replayed.user_id === null)
    assert.notInclude(String(replayed?.data ?? ''), 'auth_web')
  })

  test('"keep me logged in" outlives the session, and logging out revokes it', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const browser = new HttpSession()
    const login = await logIn(browser, user.email, TEST_PASSWORD, { remember: true })
    const rememberLine = setCookie(login, REMEMBER_COOKIE) ?? ''
    assert.include(rememberLine, 'Max-Age=2592000', '30 days')
    assert.include(rememberLine, 'HttpOnly')
    const [token] = await rememberTokensOf(user.id)
    assert.exists(token)

    // Two hours later, the session has expired: the remember-me cookie opens a new one.
    const expired = sessionIdOf(browser)
    await expireSession(expired)
    assert.isTrue(await isLoggedIn(browser))
    const reopened = sessionIdOf(browser)
    assert.notEqual(reopened, expired)
    assert.equal((await sessionRow(reopened)).user_id, String(user.id))
    const tokens = await rememberTokensOf(user.id)
    assert.lengthOf(tokens, 1)
    assert.notEqual(tokens[0].id, token.id, 'the token is replaced at each use')

    // Someone copies both cookies; the owner logs out.
    const stolen = copyOf(browser)
    await logOut(browser)
    assert.lengthOf(await rememberTokensOf(user.id), 0)
    assert.isFalse(await isLoggedIn(stolen))
    const rememberOnly = new HttpSession()
    rememberOnly.cookies.set(REMEMBER_COOKIE, stolen.cookies.get(REMEMBER_COOKIE)!)
    assert.isFalse(await isLoggedIn(rememberOnly))
  })

  test('without "keep me logged in", an expired session is the end', async ({ assert }) => {
    const user = await UserFactory.create()
    const browser = new HttpSession()
    await logIn(browser, user.email, TEST_PASSWORD)
    await expireSession(sessionIdOf(browser))
    assert.isFalse(await isLoggedIn(browser))
  })

  test('a revoked remember-me cookie is cleared instead of being checked on every request', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const browser = new HttpSession()
    await logIn(browser, user.email, TEST_PASSWORD, { remember: true })
    await db.from('remember_me_tokens').where('tokenable_id', user.id).delete()
    await expireSession(sessionIdOf(browser))
    const page = await browser.fetch('/me')
    assert.equal(page.status, 302)
    assert.match(setCookie(page, REMEMBER_COOKIE) ?? '', /^remember_web=;.*Max-Age=0/)
  })

  test('ending a user’s sessions (password change, blocked account) logs out every device', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const other = await UserFactory.create()
    const phone = new HttpSession()
    const laptop = new HttpSession()
    const someoneElse = new HttpSession()
    await logIn(phone, user.email, TEST_PASSWORD, { remember: true })
    await logIn(laptop, user.email, TEST_PASSWORD)
    await logIn(someoneElse, other.email, TEST_PASSWORD)
    const stolen = copyOf(phone)

    assert.equal(await new EndUserSessions().handle(user), 2)

    assert.isFalse(await isLoggedIn(phone), 'not even through its remember-me cookie')
    assert.isFalse(await isLoggedIn(laptop))
    assert.isFalse(await isLoggedIn(stolen))
    assert.lengthOf(await rememberTokensOf(user.id), 0)
    assert.isTrue(await isLoggedIn(someoneElse), 'other people stay logged in')
  })
})
