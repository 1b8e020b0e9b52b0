import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { AuthorizationResponse, errors as bouncerErrors } from '@adonisjs/bouncer'
import { Exception } from '@adonisjs/core/exceptions'
import HttpExceptionHandler from '#core/exceptions/handler'
import { HttpSession } from '#tests/helpers/sse_client'
import { withRollback } from '#tests/helpers/app'

/**
 * 403, 404 and 500 pages render for everyone, also for URLs that never
 * reached the router middleware (no session, no auth, no CSRF token): what
 * a browser, a crawler or a mistyped link gets, never a raw 500.
 */
const NOT_FOUND = 'This page does not exist'

async function page(path: string, init: RequestInit = {}) {
  const response = await new HttpSession().fetch(path, {
    ...init,
    headers: { accept: 'text/html,*/*', ...(init.headers as Record<string, string>) },
  })
  return { response, html: await response.text() }
}

test.group('Status pages / for URLs no route matches', (group) => {
  withRollback(group)

  test('{$self} is the 404 page, in the site’s layout, with no cookie')
    .with(['/favicon-nope.ico', '/rooms/abc', '/no/such/page', '/assets/nope-12345678.js'])
    .run(async ({ assert }, path) => {
      const { response, html } = await page(path)
      assert.equal(response.status, 404)
      assert.include(response.headers.get('content-type') ?? '', 'text/html')
      assert.include(html, NOT_FOUND)
      assert.include(html, 'Browse rooms')
      assert.include(html, '<link rel="icon" href="/favicon.svg"', 'the layout, with its assets')
      // No session was read: no account links either way, and no cookie.
      assert.notInclude(html, 'Log out')
      assert.notInclude(html, 'href="/login"')
      assert.deepEqual(response.headers.getSetCookie(), [])
    })

  test('GET /logout for a visitor is the 404 page (logging out is a POST)', async ({ assert }) => {
    const visitor = await HttpSession.visitor()
    const response = await visitor.fetch('/logout', { headers: { accept: 'text/html' } })
    assert.equal(response.status, 404)
    assert.include(await response.text(), NOT_FOUND)
    assert.deepEqual(response.headers.getSetCookie(), [])
  })

  test('a room id past the database’s range still gets a status page', async ({ assert }) => {
    // Whether such ids are refused as 404 is the route matcher's business: the page renders.
    const { response, html } = await page('/rooms/99999999999')
    assert.oneOf(response.status, [404, 500])
    assert.include(html, 'Browse rooms')
    assert.notInclude(html, 'Cannot read properties')
  })

  test('a matched route’s 404 for a visitor shows the visitor’s navigation', async ({ assert }) => {
    const { response, html } = await page('/rooms/2147483000')
    assert.equal(response.status, 404)
    assert.include(html, NOT_FOUND)
    assert.include(html, 'href="/login"')
  })
})

test.group('Status pages / rendered by the exception handler alone', () => {
  /** A request that reached no router middleware: no session, no auth, no CSRF token. */
  async function bareRequest() {
    const ctx = await testUtils.createHttpContext()
    ctx.request.request.headers.accept = 'text/html'
    return ctx
  }

  test('a logged-out visitor refused an action gets the 403 page', async ({ assert }) => {
    const ctx = await bareRequest()
    const refusal = new bouncerErrors.E_AUTHORIZATION_FAILURE(AuthorizationResponse.deny('No'))
    await new HttpExceptionHandler().handle(refusal, ctx)
    assert.equal(ctx.response.getStatus(), 403)
    assert.include(String(ctx.response.getBody()), 'You cannot do that')
  })

  test('a 500 for a request with no session renders the 500 page', async ({ assert }) => {
    const ctx = await bareRequest()
    await new HttpExceptionHandler().handle(new Exception('boom', { status: 500 }), ctx)
    assert.equal(ctx.response.getStatus(), 500)
    assert.include(String(ctx.response.getBody()), 'Something went wrong on our side')
  })

  test('when the page itself cannot render, a plain page still answers', async ({ assert }) => {
    const ctx = await bareRequest()
    Object.defineProperty(ctx, 'view', {
      value: {
        share() {},
        render: async () => {
          throw new Error('the template broke')
        },
      },
    })
    await new HttpExceptionHandler().handle(new Exception('gone', { status: 404 }), ctx)
    assert.equal(ctx.response.getStatus(), 404)
    const body = String(ctx.response.getBody())
    assert.include(body, '<h1>This page does not exist</h1>')
    assert.include(body, '<a href="/">Browse rooms</a>')
  })
})

test.group('Status pages / robots.txt and the favicon', () => {
  test('robots.txt lets crawlers read the listing, not accounts, chat, calls, the API or payments', async ({
    assert,
  }) => {
    const { response, html: robots } = await page('/robots.txt')
    assert.equal(response.status, 200)
    assert.include(response.headers.get('content-type') ?? '', 'text/plain')
    assert.match(robots, /^User-agent: \*$/m)
    assert.match(robots, /^Allow: \/$/m)
    for (const path of ['/me', '/owner', '/conversations', '/calls', '/api', '/pay']) {
      assert.match(robots, new RegExp(`^Disallow: ${path}$`, 'm'), path)
    }
    assert.match(robots, /^Allow: \/media\/$/m, 'room photos, despite "Disallow: /me"')
    assert.equal(response.headers.get('cache-control'), 'public, max-age=86400')
    assert.deepEqual(response.headers.getSetCookie(), [])
  })

  test('the favicon is served as ICO and SVG, cached for a day, with no cookie', async ({
    assert,
  }) => {
    for (const [path, type] of [
      ['/favicon.ico', 'image/'],
      ['/favicon.svg', 'image/svg+xml'],
    ]) {
      const response = await new HttpSession().fetch(path)
      assert.equal(response.status, 200, path)
      assert.include(response.headers.get('content-type') ?? '', type, path)
      assert.equal(response.headers.get('cache-control'), 'public, max-age=86400', path)
      assert.isString(response.headers.get('etag'), path)
      assert.deepEqual(response.headers.getSetCookie(), [], path)
    }
    const ico = Buffer.from(await (await new HttpSession().fetch('/favicon.ico')).arrayBuffer())
    assert.deepEqual([...ico.subarray(0, 4)], [0, 0, 1, 0], 'an ICO file')
  })
})
