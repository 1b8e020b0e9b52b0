import limits from '#config/limits'
import { consume, emailKey, forget, limitKey, refund } from '#core/http/rate_limits'

/**
 * Failed logins are limited twice (config/limits.ts):
 * - per address, whatever the email: password spraying across many
 *   accounts from one place;
 * - per account (its email, known or not), from any address: guessing one
 *   person's password.
 * Each attempt is counted before the password is checked (so concurrent
 * attempts cannot slip through together) and a spent limit refuses it
 * unchecked (429). A successful login gives its attempt back to the
 * address and clears the account's count; the account's lock ends by
 * itself when its window does (15 minutes), it is never permanent.
 */
export default class LoginAttempts {
  #ipKey: string
  #accountKey: string

  constructor(ip: string, email: string) {
    this.#ipKey = limitKey('login_ip', ip)
    this.#accountKey = limitKey('login_account', emailKey(email))
  }

  /** Counts this attempt; throws E_TOO_MANY_REQUESTS when a limit is spent. */
  async begin() {
    await consume(limits.loginPerIp, this.#ipKey)
    await consume(limits.loginPerAccount, this.#accountKey)
  }

  /** The credentials were right: only failures count. */
  async succeeded() {
    await refund(limits.loginPerIp, this.#ipKey)
    await forget(limits.loginPerAccount, this.#accountKey)
  }
}
