import { UserSchema } from '#database/schema'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { DbRememberMeTokensProvider } from '@adonisjs/auth/session'
import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { UserRole } from '#accounts/enums/user_role'
import Room from '#models/room'

/**
 * A person with an account: a client looking for a room or an owner letting
 * rooms. Contact details never serialize; pages show them explicitly and
 * only to who may see them.
 */
// A factory, so the hasher is looked up when used: ace may load this model before the app boots.
export default class User extends compose(
  UserSchema,
  withAuthFinder(() => hash.use())
) {
  /** "Keep me logged in" tokens (config/auth.ts), hashed in remember_me_tokens. */
  static rememberMeTokens = DbRememberMeTokensProvider.forModel(User)

  @column()
  declare role: UserRole

  @column({ serializeAs: null })
  declare email: string

  @column({ serializeAs: null })
  declare phone: string

  @column({ serializeAs: null })
  declare password: string

  @hasMany(() => Room, { foreignKey: 'ownerId' })
  declare rooms: HasMany<typeof Room>

  get isOwner() {
    return this.role === UserRole.Owner
  }

  get isClient() {
    return this.role === UserRole.Client
  }

  /**
   * The only part of an owner's name shown before a client pays.
   */
  get firstName() {
    return this.fullName.trim().split(/\s+/)[0] ?? ''
  }
}
