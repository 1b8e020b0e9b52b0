import type { ApplicationService } from '@adonisjs/core/types'
import { PushTransport } from '#push/push_transport'

/**
 * Binds the web-push request sender behind its contract, so the dispatcher
 * resolves it from the container and tests may swap it.
 */
export default class PushProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(PushTransport, async () => {
      const { WebPushTransport } = await import('#push/push_sender')
      return new WebPushTransport()
    })
  }
}
