import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { RoomFactory } from '#database/factories/room_factory'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { inDatabase } from '#tests/helpers/live_chat'
import { type FreshDatabase, ProductionServer } from '#tests/helpers/production_server'
import { prepareProduction } from '#tests/helpers/production_app'
import { decoded, openStream, rawRequest } from '#tests/helpers/raw_http'
import {
  REMEMBER_COOKIE,
  SESSION_COOKIE,
  copyOf,
  isLoggedIn,
  logIn,
  logOut,
  setCookie,
} from '#tests/helpers/sessions'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * What only the production build shows (`node bin/server.js`,
 * NODE_ENV=production, Vite's hashed assets, secure cookies, sessions in
 * the database): status pages for unmatched URLs, no cookie on static
 * files, compression, cache headers.
 */
test.group('Production / HTTP of the build', (group) => {
  group.each.timeout(120_000)
  let database: FreshDatabase
  let server: ProductionServer
  let user: { email: string }
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    rawRequest(path, headers, { method, baseUrl: server.baseUrl })

  group.setup(async () => {
    // The production default (the helper's servers use the cookie store).
    const prepared = await prepareProduction({ SESSION_DRIVER: 'database' })
    database = prepared.database
    const settings = prepared.settings
    user = await inDatabase(database.name, async (trx) => {
      const owner = await UserFactory.client(trx).apply('owner').create()
      await RoomFactory.client(trx).merge({ ownerId: owner.id }).createMany(12)
      return UserFactory.client(trx).create()
    })
    server = await new ProductionServer(settings).start()
    return async () => {
      await server.stop('SIGKILL')
      await database.drop()
    }
  })

  test('unmatched URLs are the 404 page, with no cookie and nothing logged as an error', async ({
    assert,
  }) => {
    const paths = ['/favicon-nope.ico', '/rooms/abc', '/logout', '/no/such/page']
    for (const path of paths) {
      const response = await get(path, { accept: 'text/html' })
      assert.equal(response.status, 404, path)
      assert.include(response.body.toString(), 'This page does not exist', path)
      assert.isUndefined(response.headers['set-cookie'], path)
    }
    const ranged = await get('/rooms/99999999999', { accept: 'text/html' })
    assert.oneOf(ranged.status, [404, 500])
    assert.include(ranged.body.toString(), 'Browse rooms')
    assert.notMatch(server.output, /"level":(50|60)/, 'no error was logged')
  })

  test('hashed assets are immutable, the rest cached a day, and none sets a cookie', async ({
    assert,
  }) => {
    const listing = decoded(await get('/')).toString()
    const assets = [...listing.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map(
      (match) => match[1]
    )
    assert.isAtLeast(assets.length, 2, 'the stylesheet and the script')
    for (const path of assets) {
      const asset = await get(path)
      assert.equal(asset.status, 200, path)
      assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable', path)
      assert.isUndefined(asset.headers['set-cookie'], path)
    }
    for (const path of ['/robots.txt', '/favicon.ico', '/favicon.svg']) {
      const file = await get(path)
      assert.equal(file.status, 200, path)
      assert.equal(file.headers['cache-control'], 'public, max-age=86400', path)
      assert.isUndefined(file.headers['set-cookie'], path)
    }
    for (const path of ['/sw.js', '/health/live', '/health/ready']) {
      assert.isUndefined((await get(path)).headers['set-cookie'], path)
    }
  })

  test('HTML, CSS and JavaScript come compressed; the live stream does not', async ({
    assert,
    cleanup,
  }) => {
    const listing = await get('/')
    const html = listing.body.toString()
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1]
    const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]
    const sizes: string[] = []
    for (const [name, path] of [
      ['listing HTML', '/'],
      ['CSS', css],
      ['JS', js],
    ]) {
      const plain = await get(path)
      const gzip = await get(path, { 'accept-encoding': 'gzip' })
      const br = await get(path, { 'accept-encoding': 'br, gzip' })
      assert.equal(gzip.headers['content-encoding'], 'gzip', path)
      assert.equal(br.headers['content-encoding'], 'br', path)
      if (path === '/') {
        // A page differs by its CSRF token from one request to the next.
        assert.include(decoded(gzip).toString(), '</html>')
        assert.include(decoded(br).toString(), '</html>')
      } else {
        assert.deepEqual(decoded(gzip), plain.body, path)
        assert.deepEqual(decoded(br), plain.body, path)
      }
      sizes.push(
        `${name} ${plain.body.length} B, gzip ${gzip.body.length} B, br ${br.body.length} B`
      )
    }
    console.log(`production sizes: ${sizes.join('; ')}`)

    const browser = new HttpSession(server.baseUrl)
    await logIn(browser, user.email, TEST_PASSWORD)
    const stream = await openStream(
      `/__transmit/events?uid=${randomUUID()}`,
      { 'cookie': browser.cookieHeader, 'accept-encoding': 'gzip, br' },
      server.baseUrl
    )
    cleanup(() => stream.close())
    assert.equal(stream.status, 200)
    assert.isUndefined(stream.headers['content-encoding'])
    await stream.waitFor(':ok')
  })

  test('session cookies are Secure, HttpOnly and SameSite; logout ends a copied cookie', async ({
    assert,
  }) => {
    const browser = new HttpSession(server.baseUrl)
    const login = await logIn(browser, user.email, TEST_PASSWORD, { remember: true })
    const session = setCookie(login, SESSION_COOKIE) ?? ''
    const remember = setCookie(login, REMEMBER_COOKIE) ?? ''
    for (const line of [session, remember]) {
      assert.include(line, 'Secure')
      assert.include(line, 'HttpOnly')
      assert.include(line, 'SameSite=Lax')
    }
    assert.include(session, 'Max-Age=7200')
    assert.include(remember, 'Max-Age=2592000')
    assert.isUndefined(
      setCookie(await browser.fetch('/me'), 'XSRF-TOKEN'),
      'no cookie a script reads'
    )

    const stolen = copyOf(browser)
    assert.isTrue(await isLoggedIn(stolen))
    await logOut(browser)
    assert.isFalse(await isLoggedIn(stolen))
    const rememberOnly = new HttpSession(server.baseUrl)
    rememberOnly.cookies.set(REMEMBER_COOKIE, stolen.cookies.get(REMEMBER_COOKIE)!)
    assert.isFalse(await isLoggedIn(rememberOnly))
  })
})
