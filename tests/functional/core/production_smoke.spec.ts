import { test } from '@japa/runner'
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import env from '#start/env'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { SANDBOX_PREFIX } from '#config/esewa'
import { RoomFactory } from '#database/factories/room_factory'
import { TEST_PASSWORD, UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { inDatabase } from '#tests/helpers/live_chat'
import { esewaStandIn, payThroughEsewa } from '#tests/helpers/production_payments'
import { type FreshDatabase, ProductionServer } from '#tests/helpers/production_server'
import { prepareProduction } from '#tests/helpers/production_app'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * The production build as an operator runs it (`node bin/server.js`,
 * NODE_ENV=production, a fresh database), tried as a visitor, a client who
 * pays and an operator who stops it. eSewa is the local sandbox, reached
 * through a stand-in host (the production app refuses sandbox URLs): it
 * forwards eSewa's paths to the sandbox of the test process's own server.
 */
test.group('Production / smoke test of the build', (group) => {
  withRollback(group)
  let database: FreshDatabase
  let server: ProductionServer
  let esewa: http.Server

  group.setup(async () => {
    esewa = await esewaStandIn(`http://${env.get('HOST')}:${env.get('PORT')}${SANDBOX_PREFIX}`)
    const esewaHost = `http://127.0.0.1:${(esewa.address() as AddressInfo).port}`
    const prepared = await prepareProduction({
      ESEWA_MODE: 'uat',
      ESEWA_FORM_URL: `${esewaHost}/api/epay/main/v2/form`,
      ESEWA_STATUS_URL: `${esewaHost}/api/epay/transaction/status/`,
    })
    database = prepared.database
    const settings = prepared.settings
    server = new ProductionServer(settings)
    return async () => {
      await server.stop('SIGKILL')
      esewa.close()
      await database.drop()
    }
  })

  test('pages, status pages, headers, compression, a paid unlock and a clean SIGTERM', async ({
    assert,
  }) => {
    const { owner, client, room } = await inDatabase(database.name, async (trx) => {
      const roomOwner = await UserFactory.client(trx).apply('owner').create()
      return {
        owner: roomOwner,
        client: await UserFactory.client(trx).create(),
        room: await RoomFactory.client(trx).merge({ ownerId: roomOwner.id }).create(),
      }
    })
    await server.start()
    const visitor = new HttpSession(server.baseUrl)
    const report: Record<string, unknown> = {}

    // The listing, a room page, the login page: 200, compressed, with a CSP.
    const listing = await visitor.fetch('/', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(listing.status, 200)
    assert.equal(listing.headers.get('content-encoding'), 'gzip')
    // (fetch decompresses the body itself; the header tells how it came.)
    const listingHtml = await listing.text()
    assert.include(listingHtml, `href="${urlFor('rooms.show', { id: room.id })}"`)
    assert.include(listing.headers.get('content-security-policy') ?? '', "default-src 'self'")
    report.listing = `${listingHtml.length} B of html, sent gzip`
    for (const path of [urlFor('rooms.show', { id: room.id }), urlFor('session.create')]) {
      assert.equal((await visitor.fetch(path)).status, 200, path)
    }

    // Unknown paths and ids are 404 pages, never 500s, with no session cookie.
    for (const path of ['/favicon-nope.ico', '/rooms/abc', '/rooms/99999999999', '/no/such/page']) {
      const response = await visitor.fetch(path, { headers: { accept: 'text/html' } })
      assert.equal(response.status, 404, path)
      assert.include(response.headers.get('content-security-policy') ?? '', "script-src 'self'")
      assert.include(await response.text(), 'This page does not exist', path)
    }
    assert.equal((await visitor.fetch('/robots.txt')).status, 200)

    // Static files: cached for good when hashed, and no cookie on them.
    const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(listingHtml)?.[1]
    assert.isString(stylesheet)
    const css = await fetch(server.baseUrl + stylesheet!, {
      headers: { 'accept-encoding': 'gzip' },
    })
    assert.equal(css.status, 200)
    assert.deepEqual(css.headers.getSetCookie(), [])
    assert.include(css.headers.get('cache-control') ?? '', 'immutable')
    assert.equal(css.headers.get('content-encoding'), 'gzip')

    // A client logs in, pays Rs. 30 through eSewa, and sees the owner's phone.
    const payer = await HttpSession.loggedInAs(client.email, TEST_PASSWORD, server.baseUrl)
    assert.equal((await payer.fetch(urlFor('client.home'))).status, 200)
    const successPath = await payThroughEsewa(payer, room.id)
    const settled = await payer.fetch(successPath)
    assert.oneOf(settled.status, [200, 302, 303])
    const roomPage = await (await payer.fetch(urlFor('rooms.show', { id: room.id }))).text()
    assert.include(roomPage, owner.phone, 'the unlock shows the owner’s phone')
    report.unlock = 'paid through the eSewa stand-in, verified, phone shown'

    // An operator stops it: a clean exit, well within the shutdown budget.
    const stopped = await server.stop('SIGTERM')
    assert.equal(stopped.code, 0)
    assert.isBelow(stopped.seconds, 10)
    report.sigterm = `exit ${stopped.code} in ${stopped.seconds.toFixed(3)} s`
    console.log('production smoke test:', JSON.stringify(report))
  }).timeout(120_000)
})
