import type { HttpContext } from '@adonisjs/core/http'
import emitter from '@adonisjs/core/services/emitter'
import User from '#models/user'
import { loginValidator } from '#accounts/validators'
import { homeRouteFor } from '#accounts/home_route'
import { tagSessionWith } from '#core/http/session_tags'
import { refusalOf, renderThrottledForm } from '#core/http/throttled'
import LoginAttempts from '#accounts/login_attempts'
import { textProblem } from '#core/validators/plain_text'

/**
 * Logging in and out.
 */
export default class SessionController {
  /** GET /login: the form. */
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  /**
   * POST /login: checks the credentials and lands on the person's home.
   * The session gets a new id (what was sent before logging in opens
   * nothing after); "Keep me logged in" adds a 30-day remember-me cookie.
   */
  async store(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const { email, password, remember } = await request.validateUsing(loginValidator)
    // Failed logins are limited per address and per account (#accounts/login_attempts).
    const attempts = new LoginAttempts(request.ip(), email)
    const refused = await refusalOf(attempts.begin())
    if (refused) return renderThrottledForm(ctx, refused, 'pages/auth/login', { email })
    const user = await User.verifyCredentials(email, password)
    await attempts.succeeded()
    await auth.use('web').login(user, remember === true)
    await tagSessionWith(session, user.id)
    session.flash('success', `Welcome back, ${user.firstName}.`)
    return response.redirect().toRoute(homeRouteFor(user))
  }

  /**
   * POST /logout: ends the session (and this device's push notifications).
   * Its server-side record is destroyed and the visitor goes on with an
   * empty session under a new id (and a new CSRF secret), so a copy of the
   * old cookie opens nothing; the remember-me token, if any, is deleted.
   */
  async destroy({ auth, request, response, session }: HttpContext) {
    const endpoint = request.input('push_endpoint')
    if (auth.user) {
      // Before logout: the push listener forgets this device for this user.
      await emitter.emit('session:ended', {
        user: auth.user,
        pushEndpoint: isPlainEndpoint(endpoint) ? endpoint.slice(0, 2048) : null,
      })
    }
    await auth.use('web').logout()
    session.clear()
    session.regenerate()
    session.flash('success', 'You are logged out.')
    return response.redirect().toRoute('rooms.index')
  }
}

/** An endpoint worth looking up: text, one line, no control character (a NUL is no URL). */
function isPlainEndpoint(endpoint: unknown): endpoint is string {
  return typeof endpoint === 'string' && endpoint !== '' && textProblem(endpoint, false) === null
}
