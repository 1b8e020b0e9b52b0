import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type pg from 'pg'
import {
  FreshDatabase,
  databaseServerOf,
  freePort,
  migrate,
  productionBuild,
  type ServerSettings,
} from '#tests/helpers/production_server'

/**
 * What every production-process test starts from: this checkout's build,
 * a fresh database on the PostgreSQL the tests use, migrated from the
 * build, and a free port. Start servers with `new ProductionServer(settings)`.
 */
export async function prepareProduction(env: Record<string, string> = {}) {
  const buildDir = await productionBuild(app.makePath())
  const dbServer = databaseServerOf(
    db.getRawConnection(db.primaryConnectionName)!.config.connection as pg.ClientConfig
  )
  const database = await new FreshDatabase(dbServer).create()
  const settings: ServerSettings = {
    buildDir,
    port: await freePort(),
    database: { name: database.name, server: dbServer },
    env,
  }
  await migrate(settings)
  return { database, dbServer, settings }
}
