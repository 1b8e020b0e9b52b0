import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { cp, mkdir, readdir, rename, rm, stat, symlink, utimes } from 'node:fs/promises'
import { existsSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'

/**
 * The real production server in a child process: `node ace build` output,
 * `node bin/server.js` with NODE_ENV=production, on a port picked at run
 * time, against a fresh database on the PostgreSQL the tests use.
 *
 * Plain Node (no app services), so scripts and ace commands can use it too.
 */

/** Where a PostgreSQL server is; the database name is chosen per use. */
export type DatabaseServer = {
  host: string
  port: number
  user: string
  password: string
  ssl?: boolean
}

/**
 * The server a Lucid/pg connection config points at (host settings or a
 * connection string), e.g. the test process's own database connection.
 */
export function databaseServerOf(connection: pg.ClientConfig): DatabaseServer {
  if (connection.connectionString) {
    const url = new URL(connection.connectionString)
    return {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      ssl: Boolean(connection.ssl),
    }
  }
  return {
    host: connection.host ?? '127.0.0.1',
    port: Number(connection.port ?? 5432),
    user: connection.user ?? 'postgres',
    password: typeof connection.password === 'string' ? connection.password : '',
    ssl: Boolean(connection.ssl),
  }
}

const SOURCES = [
  'app',
  'bin',
  'commands',
  'config',
  'database',
  'providers',
  'resources',
  'start',
  'adonisrc.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'vite.config.ts',
]

let buildOnce: Promise<string> | undefined

/**
 * A production build of the current sources, built at most once per run and
 * reused while the sources are unchanged. Each build is copied to its own
 * directory under tmp/production-build/ (with node_modules linked in), so a
 * rebuild never pulls files from under a server that is running.
 */
export function productionBuild(appRoot: string) {
  buildOnce ??= buildIfStale(appRoot)
  return buildOnce
}

async function buildIfStale(appRoot: string) {
  const builds = join(appRoot, 'tmp', 'production-build')
  const stamp = await sourceStamp(appRoot)
  const target = join(builds, stamp)
  if (existsSync(join(target, 'bin', 'server.js'))) return target

  await mkdir(builds, { recursive: true })
  const release = await lock(join(builds, '.lock'))
  try {
    if (existsSync(join(target, 'bin', 'server.js'))) return target
    const build = await run(
      process.execPath,
      ['ace.js', 'build', '--ignore-ts-errors'],
      appRoot,
      { ...process.env, NODE_ENV: 'development' },
      120_000
    )
    if (build.code !== 0) throw new Error(`node ace build failed:\n${build.output}`)
    const staging = `${target}.partial`
    await rm(staging, { recursive: true, force: true })
    await cp(join(appRoot, 'build'), staging, {
      recursive: true,
      filter: (source) => !source.endsWith(`${join('build', 'node_modules')}`),
    })
    await symlink(join(appRoot, 'node_modules'), join(staging, 'node_modules'), 'dir')
    await rm(target, { recursive: true, force: true })
    await rename(staging, target)
    await pruneOldBuilds(builds, 3)
    return target
  } finally {
    await release()
  }
}

/** A digest of every source file's path, size and modification time. */
async function sourceStamp(appRoot: string) {
  const hash = createHash('sha1')
  const visit = async (path: string) => {
    if (!existsSync(path)) return
    const info = await stat(path)
    if (info.isDirectory()) {
      for (const name of (await readdir(path)).sort()) await visit(join(path, name))
    } else {
      hash.update(`${relative(appRoot, path)}:${info.size}:${info.mtimeMs}\n`)
    }
  }
  for (const source of SOURCES) await visit(join(appRoot, source))
  return hash.digest('hex').slice(0, 16)
}

/** Keeps the newest builds, and any made in the last 15 minutes (a server may run from it). */
async function pruneOldBuilds(builds: string, keep: number) {
  const entries = (await readdir(builds)).filter((name) => /^[0-9a-f]{16}$/.test(name))
  const byAge = entries
    .map((name) => ({ name, mtime: statSync(join(builds, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)
  const recent = Date.now() - 15 * 60_000
  for (const { name, mtime } of byAge.slice(keep)) {
    if (mtime < recent) await rm(join(builds, name), { recursive: true, force: true })
  }
}

/** A directory lock across processes (another test run may build too). */
async function lock(path: string) {
  const deadline = Date.now() + 180_000
  while (true) {
    try {
      await mkdir(path)
      break
    } catch {
      const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0)
      if (age > 180_000) await rm(path, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`could not take ${path}`)
      await sleep(200)
    }
  }
  const now = new Date()
  await utimes(path, now, now)
  return () => rm(path, { recursive: true, force: true })
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/**
 * A database of its own on `server`, created now and dropped by `drop()`.
 */
export class FreshDatabase {
  readonly name = `kotha_prod_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`

  constructor(readonly server: DatabaseServer) {}

  async create() {
    await this.#admin(`CREATE DATABASE "${this.name}"`)
    return this
  }

  async drop() {
    await this.#admin(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`)
  }

  /** A pg client on the fresh database (for direct checks). */
  async client() {
    const client = new pg.Client({ ...this.server, database: this.name })
    await client.connect()
    return client
  }

  async #admin(sql: string) {
    const client = new pg.Client({ ...this.server, database: 'postgres' })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
}

export type ServerSettings = {
  buildDir: string
  port: number
  database: { name: string; server: DatabaseServer }
  /** Anything else the child should see (SHUTDOWN_TIMEOUT_SECONDS, LOG_LEVEL…). */
  env?: Record<string, string>
}

/** The environment a production child runs with: nothing leaks in from the test process. */
export function productionEnv({ port, database, env = {} }: ServerSettings) {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TZ: 'UTC',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    APP_KEY: SHARED_APP_KEY,
    LOG_LEVEL: 'info',
    SESSION_DRIVER: 'cookie',
    LIMITER_STORE: 'memory',
    // The production guard refuses the sandbox: eSewa's UAT servers (never called here).
    ESEWA_MODE: 'uat',
    UPLOADS_DIR: join(process.cwd(), 'tmp', `production-uploads-${port}`),
    DB_HOST: database.server.host,
    DB_PORT: String(database.server.port),
    DB_USER: database.server.user,
    DB_DATABASE: database.name,
    DB_SSL: String(Boolean(database.server.ssl)),
  }
  if (database.server.password) base.DB_PASSWORD = database.server.password
  return { ...base, ...env }
}

/** One key per test run: sessions stay valid across restarts, as in a real deploy. */
const SHARED_APP_KEY = randomBytes(24).toString('base64url')

/** `node ace migration:run --force` from the build, against the settings' database. */
export async function migrate(settings: ServerSettings) {
  const result = await run(
    process.execPath,
    ['ace.js', 'migration:run', '--force'],
    settings.buildDir,
    productionEnv(settings),
    60_000
  )
  if (result.code !== 0) throw new Error(`migrations failed:\n${result.output}`)
}

/**
 * `node bin/server.js` from the build. `start()` resolves once
 * /health/ready answers 200; `stop(signal)` resolves with how long the
 * process took to exit after the signal.
 */
export class ProductionServer {
  output = ''
  #child?: ChildProcess
  #exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>

  constructor(readonly settings: ServerSettings) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.settings.port}`
  }

  get pid() {
    return this.#child?.pid
  }

  get running() {
    return Boolean(this.#child && this.#child.exitCode === null && this.#child.signalCode === null)
  }

  async start(timeoutMs = 30_000) {
    this.output = ''
    const child = spawn(process.execPath, ['bin/server.js'], {
      cwd: this.settings.buildDir,
      env: productionEnv(this.settings),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.#child = child
    child.stdout!.on('data', (chunk) => (this.output += chunk))
    child.stderr!.on('data', (chunk) => (this.output += chunk))
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }))
    })
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`server exited during boot:\n${this.output}`)
      const ready = await fetch(`${this.baseUrl}/health/ready`).catch(() => null)
      if (ready?.status === 200) return this
      await sleep(50)
    }
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.output}`)
  }

  /** Sends `signal`; resolves with the exit and the seconds it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (!this.running) return { code: null, signal: null, seconds: 0 }
    const sentAt = performance.now()
    this.#child!.kill(signal)
    const exit = await this.#exited!
    return { ...exit, seconds: (performance.now() - sentAt) / 1000 }
  }
}

/** Runs a command to its end; never rejects. */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? 1, output })
    })
  })
}
