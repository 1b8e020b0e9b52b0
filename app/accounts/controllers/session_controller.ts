import type { HttpContext } from '@adonisjs/core/http'
import emitter from '@adonisjs/core/services/emitter'
import User from '#models/user'
import { loginValidator } from '#accounts/validators'
import { homeRouteFor } from '#accounts/home_route'

/**
 * Logging in and out.
 */
export default class SessionController {
  /** GET /login: the form. */
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  /** POST /login: checks the credentials and lands on the person's home. */
  async store({ auth, request, response, session }: HttpContext) {
    const { email, password } = await request.validateUsing(loginValidator)
    const user = await User.verifyCredentials(email, password)
    await auth.use('web').login(user)
    session.flash('success', `Welcome back, ${user.firstName}.`)
    return response.redirect().toRoute(homeRouteFor(user))
  }

  /** POST /logout: ends the session (and this device's push notifications). */
  async destroy({ auth, request, response, session }: HttpContext) {
    const endpoint = request.input('push_endpoint')
    if (auth.user) {
      // Before logout: the push listener forgets this device for this user.
      await emitter.emit('session:ended', {
        user: auth.user,
        pushEndpoint: typeof endpoint === 'string' && endpoint ? endpoint.slice(0, 2048) : null,
      })
    }
    await auth.use('web').logout()
    session.flash('success', 'You are logged out.')
    return response.redirect().toRoute('rooms.index')
  }
}
