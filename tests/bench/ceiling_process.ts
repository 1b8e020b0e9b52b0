import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort, type DatabaseServer } from '#tests/helpers/production_server'

/** The ceiling server (tests/bench/ceiling_server.ts) in a child process of its own. */
export class CeilingProcess {
  output = ''
  #child?: ChildProcess
  #port = 0

  constructor(
    private benchRoot: string,
    private settings: {
      database: { name: string; server: DatabaseServer }
      appKey: string
      poolMax: number
    }
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.#port}`
  }

  get pid() {
    return this.#child?.pid
  }

  /** TypeScript runs as ace.js runs it: with @poppinss/ts-exec's loader. */
  async start(timeoutMs = 30_000) {
    this.#port = await freePort()
    const { database, appKey, poolMax } = this.settings
    const child = spawn(
      process.execPath,
      ['--import', '@poppinss/ts-exec', join('tests', 'bench', 'ceiling_server.ts')],
      {
        cwd: this.benchRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          TZ: 'UTC',
          CEILING_PORT: String(this.#port),
          APP_KEY: appKey,
          DB_HOST: database.server.host,
          DB_PORT: String(database.server.port),
          DB_USER: database.server.user,
          DB_PASSWORD: database.server.password,
          DB_DATABASE: database.name,
          DB_POOL_MAX: String(poolMax),
        },
      }
    )
    this.#child = child
    child.stdout!.on('data', (chunk) => (this.output += chunk))
    child.stderr!.on('data', (chunk) => (this.output += chunk))
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`ceiling exited during boot:\n${this.output}`)
      const ready = await fetch(`${this.baseUrl}/health`).catch(() => null)
      if (ready?.status === 200) return this
      await sleep(50)
    }
    throw new Error(`ceiling not ready after ${timeoutMs} ms:\n${this.output}`)
  }

  async stop() {
    const child = this.#child
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))])
  }
}
