import type { ApplicationService } from '@adonisjs/core/types'
import type { AddressInfo } from 'node:net'

/**
 * Web server only: once it listens, warns when a local APP_URL (localhost,
 * a loopback address or HOST itself) cannot reach it, e.g. PORT changed
 * while `.env` still says APP_URL=http://localhost:3333. eSewa's redirects
 * and the QR code's link would then go nowhere. A public APP_URL (a proxy in
 * front) is never compared: it legitimately differs (app/core/http/app_url.ts).
 */
export default class AppUrlProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const server = await this.app.container.make('server')
    const address = server.getNodeServer()?.address() as AddressInfo | string | null | undefined
    if (!address || typeof address === 'string') return

    const { appUrlMismatch } = await import('#core/http/app_url')
    const { appUrl } = await import('#config/app')
    const problem = appUrlMismatch(appUrl, { host: process.env.HOST, port: address.port })
    if (!problem) return
    const logger = await this.app.container.make('logger')
    logger.warn(
      { appUrl, listening: `${process.env.HOST ?? address.address}:${address.port}` },
      '%s: eSewa callbacks, QR links and notification links will not reach this server. ' +
        'Unset APP_URL to follow HOST and PORT, or set it to the URL this server is reached at.',
      problem
    )
  }
}
