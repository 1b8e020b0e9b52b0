import env from '#start/env'
import app from '@adonisjs/core/services/app'
import pg from 'pg'
import { defineConfig } from '@adonisjs/lucid'
import databaseSetup from '#config/database_setup'

const embedded = databaseSetup.embedded

// bigint ids (messages, payment events) come back as numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

const databaseName = env.get('DB_DATABASE', app.inTest ? 'kotha_test' : 'kotha')

/**
 * One PostgreSQL connection: DATABASE_URL when given, otherwise DB_* when
 * DB_HOST is given, otherwise the embedded server.
 */
function connectionSettings() {
  const databaseUrl = env.get('DATABASE_URL')
  if (databaseUrl) {
    return {
      connectionString: databaseUrl,
      ssl: env.get('DB_SSL', false),
      connectionTimeoutMillis: 5000,
    }
  }
  if (embedded.enabled) {
    return {
      host: embedded.host,
      port: embedded.port,
      user: embedded.user,
      password: embedded.password,
      database: databaseName,
    }
  }
  return {
    host: env.get('DB_HOST'),
    port: env.get('DB_PORT', 5432),
    user: env.get('DB_USER', 'postgres'),
    password: env.get('DB_PASSWORD', ''),
    database: databaseName,
    ssl: env.get('DB_SSL', false),
    connectionTimeoutMillis: 5000,
  }
}

const dbConfig = defineConfig({
  connection: 'postgres',
  connections: {
    postgres: {
      client: 'pg',
      connection: connectionSettings(),
      // A database host that drops packets (rather than refusing) answers 503 in 5 s, not 60.
      pool: { min: 0, max: 10, acquireTimeoutMillis: 5000 },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: {
        paths: ['database/seeders'],
      },
    },
  },
})

export default dbConfig
