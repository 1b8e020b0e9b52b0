import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import vite from '@adonisjs/vite/services/main'
import env from '#start/env'
import esewa from '#config/esewa'
import { CallFactory } from '#database/factories/call_factory'
import { withRollback } from '#tests/helpers/app'
import { givenChatCast } from '#tests/helpers/chat'
import { givenClientAndRoom, readCheckoutForm, startUnlock } from '#tests/helpers/payments'

/** The policy's directives, by name. */
function directivesOf(response: ApiResponse) {
  const header = response.header('content-security-policy')
  if (!header) throw new Error(`no Content-Security-Policy (status ${response.status()})`)
  const directives: Record<string, string[]> = {}
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) directives[name] = values
  }
  return directives
}

function nonceOf(directives: Record<string, string[]>) {
  const source = directives['script-src'].find((value) => value.startsWith("'nonce-"))
  if (!source) throw new Error('script-src has no nonce')
  return source.slice("'nonce-".length, -1)
}

/**
 * What a strict CSP would block in a page: inline scripts and styles
 * without the response's nonce, inline event handlers, style attributes,
 * javascript: URLs.
 */
function cspBreakers(html: string, nonce: string) {
  const found: string[] = []
  for (const [tag, attributes] of html.matchAll(/<(?:script|style)\b([^>]*)>/gi)) {
    const external = /\bsrc=/.test(attributes)
    if (!external && !attributes.includes(`nonce="${nonce}"`)) found.push(tag)
  }
  for (const [tag] of html.matchAll(/<[a-z][^>]*\s(?:on[a-z]+|style)\s*=[^>]*>/gi)) found.push(tag)
  for (const [url] of html.matchAll(/(?:href|src|action)=["']\s*javascript:[^"']*/gi))
    found.push(url)
  return found
}

async function handOffPage(client: ApiClient) {
  const { client: payer, room } = await givenClientAndRoom()
  const { payment } = await startUnlock(client, payer, room)
  const response = await client
    .get(urlFor('payments.redirect', { transactionId: payment.transactionId }))
    .loginAs(payer)
  response.assertStatus(200)
  return response
}

test.group('Security headers / Content-Security-Policy', (group) => {
  withRollback(group)

  test('the eSewa hand-off page: its auto-submit script carries the nonce of the CSP', async ({
    client,
    assert,
  }) => {
    const response = await handOffPage(client)
    const directives = directivesOf(response)
    const nonce = nonceOf(directives)
    assert.match(nonce, /^[A-Za-z0-9_-]{16,}$/)
    const html = response.text()
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
      ([, attributes]) => !/\bsrc=/.test(attributes)
    )
    assert.lengthOf(inline, 1)
    assert.include(inline[0][1], `nonce="${nonce}"`)
    assert.include(inline[0][2], "getElementById('esewa-checkout').submit()")
    assert.deepEqual(cspBreakers(html, nonce), [])

    // form-action lets the form go to eSewa's host of the configured mode, and nowhere else.
    const action = new URL(readCheckoutForm(html).action)
    assert.equal(action.origin, new URL(esewa.urls.form).origin)
    assert.deepEqual(directives['form-action'], [
      "'self'",
      ...new Set([new URL(esewa.urls.form).origin, new URL(esewa.urls.v1Form).origin]),
    ])
    // A fresh nonce on every response.
    assert.notEqual(nonceOf(directivesOf(await client.get('/'))), nonce)
  })

  test('the whole policy, as the test server (a Vite dev server inside) sends it', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/')
    response.assertStatus(200)
    const directives = directivesOf(response)
    const nonce = `'nonce-${nonceOf(directives)}'`
    // The HMR WebSocket: on the page's host, at the port the dev server gives its clients.
    const ws = vite.getDevServer()!.config.server.ws || {}
    const hmr = `${env.get('HOST')}:${ws.clientPort || ws.port || 24678}`
    assert.deepEqual(directives, {
      'default-src': ["'self'"],
      'script-src': ["'self'", nonce],
      'script-src-attr': ["'none'"],
      'style-src': ["'self'", nonce],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'", `ws://${hmr}`, `wss://${hmr}`],
      'worker-src': ["'self'"],
      'manifest-src': ["'self'"],
      'frame-src': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': directives['form-action'],
      'base-uri': ["'self'"],
      'object-src': ["'none'"],
    })
    assert.isUndefined(response.header('content-security-policy-report-only'))
  })

  test('pages of every kind have nothing a strict CSP would block', async ({ client, assert }) => {
    const cast = await givenChatCast()
    const call = await CallFactory.merge({
      conversationId: cast.conversation.id,
      callerId: cast.client.id,
      calleeId: cast.owner.id,
    }).create()
    const pages: [string, typeof cast.client | null][] = [
      ['/', null],
      [urlFor('session.create'), null],
      [urlFor('register.create'), null],
      [urlFor('rooms.show', { id: cast.room.id }), cast.client],
      [urlFor('client.home'), cast.client],
      [urlFor('chat.index'), cast.owner],
      [urlFor('chat.show', { id: cast.conversation.id }), cast.client],
      [urlFor('calls.show', { id: call.id }), cast.client],
      [urlFor('owner.rooms.index'), cast.owner],
      [urlFor('owner.rooms.create'), cast.owner],
      [urlFor('owner.rooms.edit', { id: cast.room.id }), cast.owner],
      [urlFor('payments.show', { transactionId: cast.payment.transactionId }), cast.client],
      ['/esewa-sandbox/', null],
    ]
    for (const [path, user] of pages) {
      const request = client.get(path)
      const response = await (user ? request.loginAs(user) : request)
      assert.equal(response.status(), 200, path)
      const nonce = nonceOf(directivesOf(response))
      assert.deepEqual(cspBreakers(response.text(), nonce), [], path)
    }
  })
})

test.group('Security headers / Permissions-Policy, COOP, Referrer-Policy', (group) => {
  withRollback(group)

  test('camera and microphone are off everywhere except on the call page', async ({
    client,
    assert,
  }) => {
    const cast = await givenChatCast()
    const call = await CallFactory.merge({
      conversationId: cast.conversation.id,
      callerId: cast.client.id,
      calleeId: cast.owner.id,
    }).create()

    const chat = await client
      .get(urlFor('chat.show', { id: cast.conversation.id }))
      .loginAs(cast.client)
    const everywhere = String(chat.header('permissions-policy'))
    assert.include(everywhere, 'camera=()')
    assert.include(everywhere, 'microphone=()')
    assert.include(everywhere, 'geolocation=()')
    assert.include(everywhere, 'payment=()')

    const callPage = await client.get(urlFor('calls.show', { id: call.id })).loginAs(cast.client)
    callPage.assertStatus(200)
    const onCalls = String(callPage.header('permissions-policy'))
    assert.include(onCalls, 'camera=(self)')
    assert.include(onCalls, 'microphone=(self)')
    assert.include(onCalls, 'geolocation=()')
    assert.notInclude(onCalls, 'camera=()')

    // Not logged in, the call route only redirects: nothing is allowed.
    const redirect = await client.get(urlFor('calls.show', { id: call.id })).redirects(0)
    assert.include(String(redirect.header('permissions-policy')), 'camera=()')
  })

  test('every response, assets and 404s included, has COOP, Referrer-Policy and nosniff', async ({
    client,
    assert,
  }) => {
    for (const path of ['/', '/resources/css/app.css', '/no/such/page', '/health/live']) {
      const response = await client.get(path)
      assert.equal(response.header('cross-origin-opener-policy'), 'same-origin', path)
      assert.equal(response.header('referrer-policy'), 'strict-origin-when-cross-origin', path)
      assert.include(String(response.header('permissions-policy')), 'camera=()', path)
    }
    const page = await client.get('/')
    page.assertHeader('x-content-type-options', 'nosniff')
    page.assertHeader('x-frame-options', 'DENY')
    assert.include(String(page.header('content-security-policy')), "frame-ancestors 'none'")
  })
})

test.group('Security headers / HSTS on https only', () => {
  test('absent over plain http; present when a trusted proxy says the request was https', async ({
    client,
    assert,
  }) => {
    const plain = await client.get('/')
    assert.isUndefined(plain.header('strict-transport-security'))
    const claimed = await client.get('/').header('x-forwarded-proto', 'http')
    assert.isUndefined(claimed.header('strict-transport-security'))

    // TRUST_PROXY unset: a proxy on this machine (the test client connects over loopback).
    // TRUST_PROXY=false is tried on the production build (production_headers.spec.ts).
    const proxied = await client.get('/').header('x-forwarded-proto', 'https')
    assert.equal(proxied.header('strict-transport-security'), 'max-age=15552000')
    const probe = await client.get('/health/live').header('x-forwarded-proto', 'https')
    assert.equal(probe.header('strict-transport-security'), 'max-age=15552000')
  })
})
