import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  type FreshDatabase,
  ProductionServer,
  type ServerSettings,
} from '#tests/helpers/production_server'
import { prepareProduction } from '#tests/helpers/production_app'

const WARNING = /APP_URL \(([^)]+)\) points at port (\d+), but the server listens on port (\d+)/

/** The output once it matches `pattern`, or after `ms`. */
async function outputOnce(server: ProductionServer, pattern: RegExp, ms = 3000) {
  const deadline = Date.now() + ms
  while (!pattern.test(server.output) && Date.now() < deadline) await sleep(50)
  return server.output
}

function directives(response: Response) {
  const header = response.headers.get('content-security-policy') ?? ''
  return Object.fromEntries(
    header.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/)
      return [name, values]
    })
  ) as Record<string, string[]>
}

/**
 * The production build (`node bin/server.js`, NODE_ENV=production) booted
 * with the settings an operator would change: its headers without any dev
 * server, TRUST_PROXY, and what it says about APP_URL at boot.
 */
test.group('Production / security headers and APP_URL at boot', (group) => {
  let database: FreshDatabase
  let settings: ServerSettings
  let server: ProductionServer | undefined

  group.setup(async () => {
    ;({ database, settings } = await prepareProduction())
    return () => database.drop()
  })

  group.each.teardown(async () => {
    await server?.stop('SIGKILL')
    server = undefined
  })

  async function boot(env: Record<string, string> = {}) {
    server = new ProductionServer({ ...settings, env })
    return server.start()
  }

  test('the CSP has no dev sources, and lets forms go to eSewa UAT’s hosts', async ({ assert }) => {
    const running = await boot()
    const page = await fetch(`${running.baseUrl}/login`)
    assert.equal(page.status, 200)
    const policy = directives(page)
    assert.deepEqual(policy['connect-src'], ["'self'"])
    assert.deepEqual(policy['form-action'], [
      "'self'",
      'https://rc-epay.esewa.com.np',
      'https://uat.esewa.com.np',
    ])
    assert.match(policy['script-src'].join(' '), /^'self' 'nonce-[A-Za-z0-9_-]+'$/)
    const html = await page.text()
    assert.notInclude(html, '/@vite/client')
    assert.notMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script on the login page')
    assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin')
    assert.include(page.headers.get('permissions-policy') ?? '', 'camera=()')
    // The APP_URL it was given is where it listens: nothing to say.
    await sleep(200)
    assert.notMatch(running.output, WARNING)
  }).timeout(120_000)

  test('HSTS: on when a proxy on this machine says https (TRUST_PROXY unset), never over http', async ({
    assert,
  }) => {
    const running = await boot()
    const plain = await fetch(`${running.baseUrl}/login`)
    assert.isNull(plain.headers.get('strict-transport-security'))
    const proxied = await fetch(`${running.baseUrl}/login`, {
      headers: { 'x-forwarded-proto': 'https' },
    })
    assert.equal(proxied.headers.get('strict-transport-security'), 'max-age=15552000')
  }).timeout(60_000)

  test('HSTS: TRUST_PROXY=false believes no X-Forwarded-Proto', async ({ assert }) => {
    const running = await boot({ TRUST_PROXY: 'false' })
    const claimed = await fetch(`${running.baseUrl}/login`, {
      headers: { 'x-forwarded-proto': 'https' },
    })
    assert.equal(claimed.status, 200)
    assert.isNull(claimed.headers.get('strict-transport-security'))
  }).timeout(60_000)

  test('a local APP_URL on another port is warned about once it listens', async ({ assert }) => {
    const stalePort = settings.port === 3333 ? 3334 : 3333
    const running = await boot({ APP_URL: `http://127.0.0.1:${stalePort}` })
    const output = await outputOnce(running, WARNING)
    const [line] = output.split('\n').filter((entry) => WARNING.test(entry))
    assert.isString(line, output)
    const entry = JSON.parse(line)
    assert.equal(entry.level, 40, 'logged as a warning')
    assert.deepEqual(WARNING.exec(entry.msg)!.slice(1), [
      `http://127.0.0.1:${stalePort}`,
      String(stalePort),
      String(settings.port),
    ])
    assert.include(entry.msg, 'Unset APP_URL to follow HOST and PORT')
  }).timeout(60_000)

  test('a public APP_URL (a proxy in front) is not compared with the port', async ({ assert }) => {
    const running = await boot({ APP_URL: 'https://kotha.example' })
    await sleep(300)
    assert.notMatch(running.output, /APP_URL \(/)
  }).timeout(60_000)

  test('production refuses to boot without APP_URL', async ({ assert }) => {
    server = new ProductionServer({ ...settings, env: { APP_URL: '' } })
    await assert.rejects(() => server!.start(10_000), /Missing environment variable "APP_URL"/)
  }).timeout(60_000)
})
