import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
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
 * Creates an account for a client or an owner, unless its email (whatever
 * its case) already has one: then nothing changes. Returns the new
 * account's id, or null.
 * Both cases do the same work, a password hash and one INSERT … ON
 * CONFLICT DO NOTHING, so neither the answer nor its time tells a taken
 * email from a new one (and two sign-ups racing make one account).
 */
export default class RegisterUser {
  async handle(details: Registration, trx?: TransactionClientContract): Promise<number | null> {
    if (!trx) return db.transaction((own) => this.handle(details, own))
    const password = await hash.make(details.password)
    const result = await trx.rawQuery(
      `INSERT INTO users (full_name, email, phone, password, role, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, now(), now())
       ON CONFLICT ((lower(email))) DO NOTHING
       RETURNING id`,
      [details.fullName, details.email, details.phone, password, details.role]
    )
    return result.rows[0]?.id ?? null
  }
}
