import type { HttpContext } from '@adonisjs/core/http'
import { UserRole } from '#accounts/enums/user_role'
import { registerValidator } from '#accounts/validators'
import RegisterUser from '#accounts/actions/register_user'
import limits from '#config/limits'
import { consume, limitKey } from '#core/http/rate_limits'
import { refusalOf, renderThrottledForm } from '#core/http/throttled'

/**
 * What every valid sign-up is told, whether its email was new or already
 * had an account: the answer never tells which emails are registered.
 */
export const SIGNED_UP_MESSAGE =
  'Thank you. Log in with the email and password you chose. ' +
  'If this email already had a Kotha account, log in with that account’s password.'

/**
 * Creating an account as a client or an owner.
 */
export default class RegisterController {
  /** GET /register: the form, for a client unless `?role=owner`. */
  async create({ request, view }: HttpContext) {
    return view.render('pages/auth/register', { role: roleAsked(request.input('role')) })
  }

  /**
   * POST /register: creates the account unless its email has one, and
   * either way answers the same: the login page with the email filled in
   * and SIGNED_UP_MESSAGE (same work, same time: #accounts/actions/register_user).
   * Nobody is logged in by a sign-up, or the answer would tell.
   */
  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    const refused = await refusalOf(
      consume(limits.registerPerIp, limitKey('register_ip', request.ip()))
    )
    if (refused) {
      return renderThrottledForm(ctx, refused, 'pages/auth/register', {
        role: roleAsked(request.input('role')),
        typed: typedText(request.only(['fullName', 'email', 'phone'])),
      })
    }
    const details = await request.validateUsing(registerValidator)
    await new RegisterUser().handle(details)
    session.flash('success', SIGNED_UP_MESSAGE)
    session.flash('email', details.email)
    return response.redirect().toRoute('session.create')
  }
}

function roleAsked(role: unknown) {
  return role === UserRole.Owner ? UserRole.Owner : UserRole.Client
}

/** What was typed, to show again in the form (text only, cut short). */
function typedText(input: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => typeof value === 'string')
      .map(([field, value]) => [field, (value as string).slice(0, 254)])
  )
}
