import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import type User from '#models/user'

/**
 * What a user may do with an account.
 */
export default class UserPolicy extends BasePolicy {
  /** Listening on a user's live channel (`users/:id`): only their own. */
  listen(user: User, userId: number): AuthorizerResponse {
    return user.id === userId
  }
}
