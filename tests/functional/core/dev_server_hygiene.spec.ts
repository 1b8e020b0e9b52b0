import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import vite from '@adonisjs/vite/services/main'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import uploads from '#config/uploads'
import { DEV_KEYS_FILE } from '#config/push'
import { HttpSession } from '#tests/helpers/sse_client'

/**
 * The Vite dev server `node ace serve --hmr` runs inside the app: the test
 * server runs the very same one (same vite.config.ts, middleware mode, in
 * front of the routes). It must hand out the browser's sources and its own
 * files only, never what lies next to them under the app root: the VAPID
 * private key, chat photos, configuration, the server's sources.
 */
test.group('Dev server / serves resources/ and its own files, nothing under tmp/', (group) => {
  // What the files hold; their names differ (a 403 page may repeat the path it refused).
  const secret = `secret-${randomBytes(12).toString('hex')}`
  const name = `canary-${randomBytes(6).toString('hex')}`
  const canaries = [
    join(app.makePath('tmp'), `vite-${name}.json`),
    join(app.makePath('tmp/uploads/chat'), `${name}.jpg`),
    join(uploads.directory, 'chat', `${name}.jpg`),
  ]

  group.setup(async () => {
    for (const file of canaries) {
      await mkdir(join(file, '..'), { recursive: true })
      await writeFile(file, JSON.stringify({ privateKey: secret }))
    }
    return async () => {
      for (const file of canaries) await rm(file, { force: true })
    }
  })

  test('a Vite dev server answers in this process', async ({ assert }) => {
    assert.isDefined(vite.getDevServer(), 'no dev server: the checks below would prove nothing')
    const session = new HttpSession()
    const client = await session.fetch('/@vite/client')
    assert.equal(client.status, 200)
    const entry = await session.fetch('/resources/js/app.js')
    assert.equal(entry.status, 200)
    assert.include(await entry.text(), 'import')
    assert.equal((await session.fetch('/resources/css/app.css')).status, 200)
  })

  test('the VAPID key file, chat uploads and other files under tmp/ are refused, however asked', async ({
    assert,
  }) => {
    assert.isTrue(existsSync(app.makePath(DEV_KEYS_FILE)), `${DEV_KEYS_FILE} exists`)
    const root = app.makePath()
    const files = [app.makePath(DEV_KEYS_FILE), ...canaries]
    const paths = files.flatMap((file) => {
      const path = `/${relative(root, file)}`
      return [
        path,
        `${path}?import`,
        `${path}?raw`,
        `${path}?url`,
        `${path}?inline`,
        `/@fs${file}`,
        `/@fs${file}?import&raw`,
        `/resources/../${relative(root, file)}`,
        path.replace('/tmp/', '/%74mp/'),
        `/@id/${file}`,
      ]
    })
    const vapid = JSON.parse(await readFile(app.makePath(DEV_KEYS_FILE), 'utf8'))
    const session = new HttpSession()
    for (const path of paths) {
      const response = await session.fetch(path)
      const body = await response.text()
      // Nothing at all under tmp/ (vite.config.ts refuseDirectories), before fs.allow says 403.
      assert.equal(response.status, 404, path)
      assert.notInclude(body, secret, path)
      assert.notInclude(body, vapid.privateKey, path)
    }
  })

  test('configuration and server sources are refused too', async ({ assert }) => {
    const session = new HttpSession()
    for (const path of [
      '/.env',
      '/.env.example',
      '/config/app.ts',
      '/start/env.ts',
      '/app/push/push_sender.ts',
      '/package.json',
      '/database/schema.ts',
      `/@fs${app.makePath('config/app.ts')}`,
    ]) {
      const response = await session.fetch(path)
      assert.oneOf(response.status, [403, 404], path)
      assert.notInclude(await response.text(), 'env.get(', path)
    }
  })
})
