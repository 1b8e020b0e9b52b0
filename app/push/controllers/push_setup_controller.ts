import type { HttpContext } from '@adonisjs/core/http'
import { pushPublicKey } from '#push/push_status'
import { serviceWorkerSource } from '#push/service_worker'

/**
 * What a browser needs before it can subscribe: the service worker and the
 * VAPID public key.
 */
export default class PushSetupController {
  /**
   * GET /sw.js: the service worker, from the site root so it may control
   * every page. Never cached, so a new version reaches browsers at once.
   */
  async serviceWorker({ response }: HttpContext) {
    response.header('Content-Type', 'application/javascript; charset=utf-8')
    response.header('Service-Worker-Allowed', '/')
    response.header('Cache-Control', 'no-cache, no-store, must-revalidate')
    return response.send(await serviceWorkerSource())
  }

  /**
   * GET /push/public-key: the VAPID public key (base64url) the page passes
   * to pushManager.subscribe(); null, with enabled false, when push is off.
   */
  async publicKey({ response }: HttpContext) {
    const publicKey = pushPublicKey()
    response.header('Cache-Control', 'no-cache')
    return { publicKey, enabled: publicKey !== null }
  }
}
