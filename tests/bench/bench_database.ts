import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import type { DatabaseServer } from '#tests/helpers/production_server'
import { BENCH_WORDS } from '#tests/bench/data_words'
import {
  DATA_SET,
  LOADED_MESSAGES,
  LOADER_VERSION,
  loadDataSet,
  restoreConversationState,
} from '#tests/bench/data_set'

/**
 * The bench's own database on the configured server, named after what
 * makes its contents: the loader and the app's migrations. Kept between
 * runs (a second run skips loading); older bench databases are dropped.
 */
export class BenchDatabase {
  constructor(
    readonly server: DatabaseServer,
    readonly name: string
  ) {}

  /** `kotha_bench_<hash of the loader and the migration file names of appRoot>`. */
  static async forApp(server: DatabaseServer, appRoot: string) {
    const migrations = (await readdir(join(appRoot, 'database', 'migrations'))).sort()
    const digest = createHash('sha1')
      .update(JSON.stringify({ LOADER_VERSION, DATA_SET, BENCH_WORDS, migrations }))
      .digest('hex')
      .slice(0, 12)
    return new BenchDatabase(server, `kotha_bench_${digest}`)
  }

  /** The mark left once loading committed: a database without it is loaded again. */
  get #mark() {
    return `kotha bench data set, loader v${LOADER_VERSION}`
  }

  async isLoaded() {
    const { rows } = await this.#admin(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`,
      [this.name]
    )
    return rows[0]?.mark === this.#mark
  }

  /** A new empty database (dropping a half-loaded one of the same name). */
  async recreate() {
    await this.#admin(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`)
    await this.#admin(`CREATE DATABASE "${this.name}"`)
  }

  /** Loads the data set into the migrated database and marks it loaded. */
  async load(passwordHash: string) {
    await this.withClient((client) => loadDataSet(client, passwordHash))
    await this.#admin(`COMMENT ON DATABASE "${this.name}" IS '${this.#mark}'`)
  }

  /**
   * Puts back what a previous run changed: its messages, sessions, rate
   * counters and queued jobs; every run starts from the same state.
   */
  async resetRunState() {
    await this.withClient(async (client) => {
      await client.query('DELETE FROM messages WHERE id > $1', [LOADED_MESSAGES])
      await restoreConversationState(client)
      await client.query('DELETE FROM sessions')
      await client.query('DELETE FROM remember_me_tokens')
      await client.query('DELETE FROM rate_limits')
      const { rows } = await client.query(`SELECT to_regclass('pgboss.job') AS jobs`)
      if (rows[0].jobs) await client.query('DELETE FROM pgboss.job')
      await client.query('VACUUM ANALYZE messages, conversations, sessions, rate_limits')
    })
  }

  /**
   * Drops the other `kotha_bench_<hash>` databases; one in use (another
   * bench running) is left alone and said so.
   */
  async dropOthers(log: (line: string) => void) {
    const { rows } = await this.#admin(
      `SELECT datname FROM pg_database WHERE datname ~ '^kotha_bench_[0-9a-f]+$' AND datname <> $1`,
      [this.name]
    )
    for (const { datname } of rows) {
      try {
        await this.#admin(`DROP DATABASE "${datname}"`)
        log(`dropped older bench database ${datname}`)
      } catch (error) {
        log(`kept bench database ${datname}: ${(error as Error).message}`)
      }
    }
  }

  async withClient<T>(work: (client: pg.Client) => Promise<T>) {
    const client = new pg.Client({ ...this.server, database: this.name })
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.end()
    }
  }

  async #admin(sql: string, values: unknown[] = []) {
    const client = new pg.Client({ ...this.server, database: 'postgres' })
    await client.connect()
    try {
      return await client.query(sql, values)
    } finally {
      await client.end()
    }
  }
}

/** The advisory lock one bench run holds on a database server (any checkout, any data set). */
const BENCH_LOCK_KEY = 'kotha:bench'

/**
 * One bench at a time per database server: a second run would reset the
 * first one's data and sessions and share its CPU. A later run waits,
 * and says so, until the first one ends.
 */
export class BenchLock {
  private constructor(private client: pg.Client) {}

  static async acquire(server: DatabaseServer, log: (line: string) => void) {
    const client = new pg.Client({
      ...server,
      database: 'postgres',
      application_name: 'kotha-bench',
    })
    await client.connect()
    let waiting = false
    while (true) {
      const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        BENCH_LOCK_KEY,
      ])
      if (rows[0].locked) return new BenchLock(client)
      if (!waiting) log('another bench run holds the database server: waiting for it to end…')
      waiting = true
      await new Promise((resolve) => setTimeout(resolve, 2000))
    }
  }

  async release() {
    await this.client.end()
  }
}
