import app from '@adonisjs/core/services/app'
import { SessionCollection } from '@adonisjs/session'
import User from '#models/user'

/**
 * Ends every session of a user, on every device: their server-side records
 * are destroyed (so any copy of those cookies opens nothing) and their
 * "remember me" tokens deleted. For a password change or blocking an
 * account; logging out ends only the current session.
 *
 * Needs a store that tags sessions (database, memory): with the cookie
 * store only the remember-me tokens can be revoked.
 */
export default class EndUserSessions {
  /** Returns how many sessions were ended. */
  async handle(user: User) {
    const sessions = await app.container.make(SessionCollection)
    let ended = 0
    if (sessions.supportsTagging()) {
      for (const { id } of await sessions.tagged(String(user.id))) {
        await sessions.destroy(id)
        ended++
      }
    }
    for (const token of await User.rememberMeTokens.all(user)) {
      await User.rememberMeTokens.delete(user, token.identifier)
    }
    return ended
  }
}
