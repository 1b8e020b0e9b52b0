import vine from '@vinejs/vine'
import { UserRole } from '#accounts/enums/user_role'
import { nepaliMobileRule } from '#core/validators/nepali_mobile'

const email = () => vine.string().trim().toLowerCase().email().maxLength(254)

/**
 * Creating an account as a client or an owner. Whether the email already
 * has an account is not a validation message: the sign-up never tells
 * (#accounts/actions/register_user).
 */
export const registerValidator = vine.create({
  fullName: vine.string().trim().minLength(2).maxLength(120),
  email: email(),
  phone: vine.string().trim().use(nepaliMobileRule()),
  password: vine
    .string()
    .minLength(8)
    .maxLength(128)
    .confirmed({ confirmationField: 'passwordConfirmation' }),
  role: vine.enum(UserRole),
})

/**
 * Logging in with email and password.
 */
export const loginValidator = vine.create({
  email: email(),
  password: vine.string(),
  /** "Keep me logged in": a remember-me token (config/auth.ts). */
  remember: vine.boolean().optional(),
})
