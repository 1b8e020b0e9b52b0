import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { loginValidator } from '#accounts/validators'
import { homeRouteFor } from '#accounts/home_route'
import { forgetDevice } from '#push/push_notifier'

/**
 * Logging in and out.
 */
export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  async store({ auth, request, response, session }: HttpContext) {
    const { email, password } = await request.validateUsing(loginValidator)
    const user = await User.verifyCredentials(email, password)
    await auth.use('web').login(user)
    session.flash('success', `Welcome back, ${user.firstName}.`)
    return response.redirect().toRoute(homeRouteFor(user))
  }

  async destroy({ auth, request, response, session }: HttpContext) {
    // Logging out of a device stops its push notifications.
    const endpoint = request.input('push_endpoint')
    if (auth.user && typeof endpoint === 'string' && endpoint)
      await forgetDevice(auth.user.id, endpoint.slice(0, 2048))
    await auth.use('web').logout()
    session.flash('success', 'You are logged out.')
    return response.redirect().toRoute('rooms.index')
  }
}
