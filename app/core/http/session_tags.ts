import type { HttpContext } from '@adonisjs/core/http'

/**
 * Marks the request's session as belonging to a user (the `user_id` of its
 * row in the database store), so that all of a user's sessions can be
 * found and ended at once (`#accounts/actions/end_user_sessions`). Called
 * wherever a session is opened for a user: log in, sign up, and a
 * "remember me" cookie opening a fresh session. The cookie store cannot
 * tag (nor end a session before it expires).
 */
export async function tagSessionWith(session: HttpContext['session'], userId: number) {
  if (session.supportsTagging()) await session.tag(String(userId))
}
