import type { HttpContext } from '@adonisjs/core/http'
import { UserRole } from '#accounts/enums/user_role'
import { registerValidator } from '#accounts/validators'
import { homeRouteFor } from '#accounts/home_route'
import RegisterUser from '#accounts/actions/register_user'

/**
 * Creating an account as a client or an owner.
 */
export default class RegisterController {
  /** GET /register: the form, for a client unless `?role=owner`. */
  async create({ request, view }: HttpContext) {
    const role = request.input('role') === UserRole.Owner ? UserRole.Owner : UserRole.Client
    return view.render('pages/auth/register', { role })
  }

  /** POST /register: creates the account, logs it in and lands on its home. */
  async store({ auth, request, response, session }: HttpContext) {
    const details = await request.validateUsing(registerValidator)
    const user = await new RegisterUser().handle(details)
    await auth.use('web').login(user)
    session.flash('success', `Welcome to Kotha, ${user.firstName}!`)
    return response.redirect().toRoute(homeRouteFor(user))
  }
}
