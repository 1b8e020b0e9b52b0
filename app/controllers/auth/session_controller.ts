import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { loginValidator } from '#validators/auth'
import { homeRouteFor } from '#services/accounts/home_route'

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

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    session.flash('success', 'You are logged out.')
    return response.redirect().toRoute('rooms.index')
  }
}
