import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type pg from 'pg'
import { TEST_PASSWORD } from '#database/factories/user_factory'
import { LiveReceiver, seedConversationIn } from '#tests/helpers/live_chat'
import { FreshDatabase, ProductionServer, databaseServerOf, freePort, migrate, productionBuild } from '#tests/helpers/production_server'
import { HttpSession } from '#tests/helpers/sse_client'

test('debug idle', async () => {
  const buildDir = await productionBuild(app.makePath())
  const dbServer = databaseServerOf(db.getRawConnection(db.primaryConnectionName)!.config.connection as pg.ClientConfig)
  const database = await new FreshDatabase(dbServer).create()
  const settings = { buildDir, port: await freePort(), database: { name: database.name, server: dbServer } }
  await migrate(settings)
  const cast = await seedConversationIn(database.name)
  const server = new ProductionServer(settings)
  for (let i = 0; i < 8; i++) {
    await server.start()
    const session = await HttpSession.loggedInAs(cast.client.email, TEST_PASSWORD, server.baseUrl)
    const receiver = new LiveReceiver(session, cast.conversationId)
    receiver.open()
    await receiver.waitUntilLive()
    if (i % 2) receiver.close()
    const result = await server.stop('SIGTERM')
    receiver.close()
    console.log('RUN', i, i % 2 ? 'closed-before' : 'open', result.seconds.toFixed(3))
    console.log(server.output.split('\n').filter((l) => l.includes('DEBUG') || l.includes('HTTP server closed') || l.includes('shutting down:')).map((l) => l.slice(l.indexOf('"msg"'), l.indexOf('"msg"') + 300)).join('\n'))
  }
  await database.drop()
}).timeout(120000)
