import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Signed cookies (the session id) verified and signed without an HMAC on
 * every request: the app's message verifier remembers its results
 * (app/core/http/memoized_verifier.ts).
 */
export default class SignedCookiesProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    const encryption = await this.app.container.make('encryption')
    const { memoizeVerifier } = await import('#core/http/memoized_verifier')
    memoizeVerifier(encryption.getMessageVerifier())
  }
}
