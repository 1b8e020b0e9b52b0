import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Web server only: once it listens, makes SIGTERM/SIGINT end live streams,
 * close idle connections and exit within SHUTDOWN_TIMEOUT_SECONDS
 * (app/core/http/graceful_shutdown.ts).
 *
 * Registered in `ready()`, after AdonisJS registered its own "close the HTTP
 * server" terminating hook: terminating hooks run newest first, so the
 * streams are ended before that close starts waiting for them.
 */
export default class GracefulShutdownProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const httpServer = await this.app.container.make('server')
    const server = httpServer.getNodeServer()
    if (!server) return

    const { GracefulShutdown } = await import('#core/http/graceful_shutdown')
    const transmit = await this.app.container.make('transmit')
    const shutdown = new GracefulShutdown({
      app: this.app,
      server: server as import('node:http').Server,
      liveStreams: transmit.getManager(),
      logger: await this.app.container.make('logger'),
      timeoutMs: this.app.config.get<number>('app.shutdown.timeoutMs'),
    })
    this.app.terminating(() => shutdown.begin())
  }
}
