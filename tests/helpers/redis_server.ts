import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createConnection } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '#tests/helpers/production_server'

const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync)

function answersPing(port: number, host = '127.0.0.1') {
  return new Promise<boolean>((resolve) => {
    const socket = createConnection({ host, port }, () => socket.write('PING\r\n'))
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)))
    socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))))
    socket.once('error', () => resolve(false))
  })
}

/**
 * A Redis for a test: a `redis-server` of its own on a free port when the
 * binary is installed (nothing persisted, nothing shared with another
 * checkout's run), else the one at REDIS_HOST / 127.0.0.1:6379. Either
 * way the test also uses a channel prefix of its own.
 */
export class TestRedis {
  host = '127.0.0.1'
  port = 0
  #child?: ChildProcess

  async start() {
    if (!REDIS_SERVER) {
      this.host = process.env.REDIS_HOST ?? '127.0.0.1'
      this.port = Number(process.env.REDIS_PORT ?? 6379)
      if (await answersPing(this.port, this.host)) return this
      throw new Error(`no redis-server installed and none answers at ${this.host}:${this.port}`)
    }
    this.port = await freePort()
    await this.#spawn()
    return this
  }

  /** Stops its own server (Redis goes away), keeping the port for `resume`. */
  async pause() {
    if (!this.#child) throw new Error('only a redis-server of the test’s own can be paused')
    const exited = new Promise((resolve) => this.#child!.once('exit', resolve))
    this.#child.kill('SIGKILL')
    await exited
  }

  /** Starts it again on the same port. */
  resume() {
    return this.#spawn()
  }

  async #spawn() {
    this.#child = spawn(
      REDIS_SERVER!,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' }
    )
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (await answersPing(this.port)) return
      await sleep(50)
    }
    throw new Error(`redis-server did not answer on port ${this.port}`)
  }

  stop() {
    this.#child?.kill('SIGKILL')
  }
}
