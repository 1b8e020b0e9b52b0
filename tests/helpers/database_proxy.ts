import { connect, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP relay in front of PostgreSQL that a test can cut and restore: a
 * database outage (open connections reset, new ones refused) for a server
 * in a child process, without touching the PostgreSQL other tests use.
 */
export class DatabaseProxy {
  port = 0
  #server?: Server
  #sockets = new Set<Socket>()

  constructor(private target: { host: string; port: number }) {}

  /** Listens (on a free port the first time, on the same port after a cut). */
  async start() {
    const server = createServer((client) => this.#relay(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.port = (server.address() as { port: number }).port
    this.#server = server
    return this
  }

  /** The outage: connections in use are reset, new ones are refused. */
  async cut() {
    const server = this.#server
    this.#server = undefined
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  }

  /** The database is back, on the same port. */
  async restore() {
    return this.#server ? this : this.start()
  }

  close() {
    return this.cut()
  }

  #relay(client: Socket) {
    const upstream = connect(this.target.port, this.target.host)
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => {
        this.#sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
  }
}
