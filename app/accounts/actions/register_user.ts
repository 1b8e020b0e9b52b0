import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'
import type { UserRole } from '#accounts/enums/user_role'

/** The validated sign-up form (registerValidator). */
export type Registration = {
  fullName: string
  email: string
  phone: string
  password: string
  role: UserRole
}

/**
 * Creates an account for a client or an owner (the password is hashed by
 * the model).
 */
export default class RegisterUser {
  async handle(details: Registration, trx?: TransactionClientContract): Promise<User> {
    if (!trx) return db.transaction((own) => this.handle(details, own))
    return User.create(details, { client: trx })
  }
}
