import { test } from '@japa/runner'
import env from '#start/env'
import esewa from '#config/esewa'
import { appUrl, trustProxySetting } from '#config/app'
import { appUrlFor, appUrlMismatch, resolveAppUrl } from '#core/http/app_url'

test.group('APP_URL / follows HOST and PORT unless set', () => {
  test('unset, it is http://HOST:PORT, with localhost for an unspecified address', ({ assert }) => {
    const derived = (host?: string, port?: string) =>
      resolveAppUrl(undefined, { host, port, production: false })
    assert.equal(derived('localhost', '3430'), 'http://localhost:3430')
    assert.equal(derived('127.0.0.1', '3430'), 'http://127.0.0.1:3430')
    assert.equal(derived('0.0.0.0', '8080'), 'http://localhost:8080')
    assert.equal(derived('::', '8080'), 'http://localhost:8080')
    assert.equal(derived('::1', '8080'), 'http://[::1]:8080')
    assert.equal(derived('kotha.local', '80'), 'http://kotha.local:80')
    assert.equal(derived(undefined, undefined), 'http://localhost:3333')
    assert.equal(resolveAppUrl('', { port: '5000', production: false }), 'http://localhost:5000')
    assert.equal(appUrlFor('[::1]', 4000), 'http://[::1]:4000')
  })

  test('set, it wins; it must be an http(s) URL; production needs it', ({ assert }) => {
    const set = (value: string) =>
      resolveAppUrl(value, { host: 'localhost', port: '3430', production: false })
    assert.equal(set('https://kotha.example'), 'https://kotha.example')
    assert.equal(set('http://localhost:3333'), 'http://localhost:3333')
    assert.throws(() => set('not a url'), /APP_URL/)
    assert.throws(() => set('ftp://kotha.example'), /APP_URL/)
    assert.throws(
      () => resolveAppUrl(undefined, { host: '0.0.0.0', port: '3333', production: true }),
      /Missing environment variable "APP_URL"/
    )
    assert.equal(
      resolveAppUrl('https://kotha.example', { port: '3333', production: true }),
      'https://kotha.example'
    )
  })

  test('the running app builds its eSewa callbacks on the resolved APP_URL', ({ assert }) => {
    assert.equal(appUrl, env.get('APP_URL'))
    assert.isTrue(esewa.successUrl.startsWith(`${appUrl.replace(/\/+$/, '')}/esewa-success/`))
    assert.isTrue(esewa.failureUrl.startsWith(`${appUrl.replace(/\/+$/, '')}/esewa-failure/`))
  })
})

test.group('APP_URL / the boot warning when a local one misses the server', () => {
  test('a local URL on another port, https, or loopback while listening elsewhere', ({
    assert,
  }) => {
    const on = (host: string, port: number) => ({ host, port })
    assert.match(
      appUrlMismatch('http://localhost:3333', on('localhost', 3430))!,
      /points at port 3333, but the server listens on port 3430/
    )
    assert.match(appUrlMismatch('http://127.0.0.1', on('127.0.0.1', 3333))!, /port 80/)
    assert.match(appUrlMismatch('http://[::1]:3333', on('::', 3430))!, /port 3430/)
    assert.match(appUrlMismatch('http://0.0.0.0:3333', on('0.0.0.0', 3430))!, /port 3430/)
    assert.match(appUrlMismatch('http://app.localhost:3333', on('0.0.0.0', 3430))!, /3430/)
    assert.match(appUrlMismatch('https://localhost:3333', on('localhost', 3333))!, /plain http/)
    assert.match(
      appUrlMismatch('http://localhost:3333', on('192.168.1.20', 3333))!,
      /loopback address, but the server listens on 192.168.1.20 only/
    )
    // HOST itself, even when it is a LAN address.
    assert.match(appUrlMismatch('http://192.168.1.20:3333', on('192.168.1.20', 4000))!, /4000/)
  })

  test('no warning when it matches, or for a public URL (a proxy in front)', ({ assert }) => {
    const on = (host: string, port: number) => ({ host, port })
    assert.isNull(appUrlMismatch('http://localhost:3430', on('localhost', 3430)))
    assert.isNull(appUrlMismatch('http://127.0.0.1:3430/', on('localhost', 3430)))
    assert.isNull(appUrlMismatch('http://localhost:3430', on('0.0.0.0', 3430)))
    assert.isNull(appUrlMismatch('http://[::1]:3430', on('::1', 3430)))
    assert.isNull(appUrlMismatch('https://kotha.example', on('0.0.0.0', 3333)))
    assert.isNull(appUrlMismatch('http://kotha.example:8080', on('localhost', 3333)))
    assert.isNull(appUrlMismatch('http://192.168.1.50:3333', on('localhost', 3430)))
  })
})

test.group('TRUST_PROXY / which proxies X-Forwarded-Proto is believed from', () => {
  test('unset is loopback; true and false; anything else goes to proxy-addr', ({ assert }) => {
    assert.equal(trustProxySetting(undefined), 'loopback')
    assert.equal(trustProxySetting(''), 'loopback')
    assert.isTrue(trustProxySetting('true'))
    assert.isFalse(trustProxySetting('false'))
    assert.equal(trustProxySetting('loopback,10.0.0.0/8'), 'loopback,10.0.0.0/8')
  })
})
