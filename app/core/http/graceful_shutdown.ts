import type { Server as NodeServer, IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Logger } from '@adonisjs/core/logger'
import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Whether this process is shutting down: /health/ready answers 503 so a
 * load balancer drains it, and new live streams are sent elsewhere.
 */
export const shutdownState = { draining: false, since: 0 }

/** What ends the open Transmit streams (its StreamManager). */
export type LiveStreams = {
  getAllSubscribers(): Map<{ push(chunk: string): boolean; end(): unknown }, unknown>
}

type Options = {
  app: ApplicationService
  server: NodeServer
  liveStreams: LiveStreams
  logger: Logger
  /** After this, open connections are destroyed and the process exits anyway. */
  timeoutMs: number
  /** Live streams come back after about this long (spread ±50 %). */
  reconnectMs?: number
}

/**
 * SIGTERM (or SIGINT) without an outage. AdonisJS closes the HTTP server on
 * terminate and waits for every connection to end, then shuts the providers
 * down (Lucid closes the database pool last); but open event streams never
 * end and idle keep-alive sockets linger, so that wait used to last until
 * the process was killed. Started first on terminate, this:
 *
 * 1. marks the process draining (readiness 503, new streams refused);
 * 2. ends every Transmit stream with a `retry:` line: browsers reconnect,
 *    to another instance or to this one restarted, and catch up;
 * 3. answers every further request with `Connection: close` and closes
 *    keep-alive sockets as soon as they are idle (and connections that never
 *    sent a request), while in-flight requests finish (Node's
 *    `server.close()`, called by AdonisJS right after, stops accepting);
 * 4. after `timeoutMs`, destroys what is still open; a moment later the
 *    process exits whatever is still running;
 * 5. exits as soon as the app has terminated, even if a stray timer would
 *    keep Node alive.
 */
export class GracefulShutdown {
  #startedAt = 0
  #timers: NodeJS.Timeout[] = []
  /** Open connections and when they were accepted. */
  #sockets = new Map<Socket, number>()

  constructor(private options: Options) {
    options.server.on('connection', (socket) => {
      this.#sockets.set(socket, Date.now())
      socket.once('close', () => this.#sockets.delete(socket))
    })
  }

  begin() {
    if (shutdownState.draining) return
    const { server, logger, timeoutMs } = this.options
    this.#startedAt = Date.now()
    shutdownState.draining = true
    shutdownState.since = this.#startedAt

    server.prependListener('request', closeAfterResponse)
    server.once('close', () => {
      logger.info('HTTP server closed in %d ms', Date.now() - this.#startedAt)
    })
    const streams = this.#endLiveStreams()
    logger.info('shutting down: ended %d live streams, finishing in-flight requests', streams)

    this.#closeIdleConnections()
    this.#every(25, () => this.#closeIdleConnections())
    this.#every(25, () => {
      if (this.options.app.isTerminated) this.#exit(Number(process.exitCode ?? 0), 'shut down')
    })
    this.#after(timeoutMs, () => {
      logger.warn('shutdown took over %d ms: closing the connections still open', timeoutMs)
      server.closeAllConnections()
    })
    this.#after(timeoutMs + 1000, () => this.#exit(1, 'shutdown timed out, exiting anyway'))
  }

  /**
   * Node's idle connections (keep-alive, between requests), and connections
   * silent for SILENT_MS since they were opened (browsers and HTTP clients
   * open some ahead of time): Node counts those as busy until its
   * headersTimeout, a minute, and `close()` would wait for them.
   */
  #closeIdleConnections() {
    this.options.server.closeIdleConnections()
    const openedBefore = Date.now() - SILENT_MS
    for (const [socket, acceptedAt] of this.#sockets) {
      if (socket.bytesRead === 0 && acceptedAt < openedBefore) socket.destroy()
    }
  }

  /**
   * Ends each open stream after a `retry:` field, so its EventSource waits
   * a little (spread, not all at once) before reconnecting.
   */
  #endLiveStreams() {
    const reconnectMs = this.options.reconnectMs ?? 2000
    const streams = [...this.options.liveStreams.getAllSubscribers().keys()]
    for (const stream of streams) {
      const delay = Math.round(reconnectMs * (0.5 + Math.random()))
      stream.push(`retry: ${delay}\n\n`)
      stream.end()
    }
    return streams.length
  }

  #exit(code: number, message: string) {
    for (const timer of this.#timers) clearTimeout(timer)
    const log = code === 0 ? 'info' : 'warn'
    this.options.logger[log]('%s in %d ms', message, Date.now() - this.#startedAt)
    process.exit(code)
  }

  /** Timers that never keep the process alive by themselves. */
  #every(ms: number, work: () => void) {
    this.#timers.push(setInterval(work, ms).unref())
  }

  #after(ms: number, work: () => void) {
    this.#timers.push(setTimeout(work, ms).unref())
  }
}

/** A connection that sent nothing for this long after opening is not a request on its way. */
const SILENT_MS = 250

/**
 * During shutdown, no response keeps its connection for another request.
 */
function closeAfterResponse(_request: IncomingMessage, response: ServerResponse) {
  response.shouldKeepAlive = false
}
