import { test } from '@japa/runner'
import { formActionSources, viteHmrSources } from '#core/http/content_security_policy'
import { permissionsPolicy } from '#core/middleware/security_headers_middleware'

/** eSewa's form endpoints per mode, as config/esewa.ts picks them. */
const ESEWA_FORMS = {
  uat: ['https://rc-epay.esewa.com.np/api/epay/main/v2/form', 'https://uat.esewa.com.np/epay/main'],
  production: ['https://epay.esewa.com.np/api/epay/main/v2/form', 'https://esewa.com.np/epay/main'],
  sandbox: [
    'http://localhost:3430/esewa-sandbox/api/epay/main/v2/form',
    'http://localhost:3430/esewa-sandbox/epay/main',
  ],
}

test.group('CSP / the parts that depend on configuration', () => {
  test('form-action: the origins of the v2 and v1 form URLs of each eSewa mode', ({ assert }) => {
    assert.deepEqual(formActionSources(ESEWA_FORMS.uat), [
      'https://rc-epay.esewa.com.np',
      'https://uat.esewa.com.np',
    ])
    assert.deepEqual(formActionSources(ESEWA_FORMS.production), [
      'https://epay.esewa.com.np',
      'https://esewa.com.np',
    ])
    assert.deepEqual(formActionSources(ESEWA_FORMS.sandbox), ['http://localhost:3430'])
    assert.deepEqual(formActionSources(['not a url', 'javascript:alert(1)']), [])
  })

  test('connect-src: the Vite HMR WebSocket, only while a dev server runs', ({ assert }) => {
    const devServer = (ws?: object | false) => ({ config: { server: { ws: ws as never } } })
    assert.equal(viteHmrSources(undefined, 'localhost:3333'), '')
    assert.equal(viteHmrSources(devServer(false), 'localhost:3333'), '')
    assert.equal(
      viteHmrSources(devServer(), 'localhost:3333'),
      'ws://localhost:24678 wss://localhost:24678'
    )
    assert.equal(
      viteHmrSources(devServer({ port: 5174 }), '127.0.0.1:3333'),
      'ws://127.0.0.1:5174 wss://127.0.0.1:5174'
    )
    assert.equal(
      viteHmrSources(devServer({ port: 5174, clientPort: 443, host: 'dev.example' }), 'x'),
      'ws://dev.example:443 wss://dev.example:443'
    )
    assert.equal(viteHmrSources(devServer(), '[::1]:3333'), 'ws://[::1]:24678 wss://[::1]:24678')
    // A Host header that would break the policy is not copied into it.
    assert.equal(
      viteHmrSources(devServer(), "evil;script-src 'unsafe-inline'"),
      'ws://localhost:24678 wss://localhost:24678'
    )
  })

  test('Permissions-Policy: feature=(allowlist) pairs', ({ assert }) => {
    assert.equal(
      permissionsPolicy({ camera: [], microphone: ['self'], geolocation: [] }),
      'camera=(), microphone=(self), geolocation=()'
    )
  })
})
