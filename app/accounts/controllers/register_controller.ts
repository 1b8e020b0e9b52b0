import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { UserRole } from '#accounts/enums/user_role'
import { registerValidator } from '#accounts/validators'
import { homeRouteFor } from '#accounts/home_route'

/**
 * Creating an account as a client or an owner.
 */
export default class RegisterController {
  async create({ request, view }: HttpContext) {
    const role = request.input('role') === UserRole.Owner ? UserRole.Owner : UserRole.Client
    return view.render('pages/auth/register', { role })
  }

  async store({ auth, request, response, session }: HttpContext) {
    const details = await request.validateUsing(registerValidator)
    const user = await User.create(details)
    await auth.use('web').login(user)
    session.flash('success', `Welcome to Kotha, ${user.firstName}!`)
    return response.redirect().toRoute(homeRouteFor(user))
  }
}
