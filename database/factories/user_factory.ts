import factory from '@adonisjs/lucid/factories'
import User from '#models/user'
import { UserRole } from '#accounts/enums/user_role'

export const TEST_PASSWORD = 'secret-password-1'

/**
 * People with accounts. `.apply('owner')` makes an owner; clients by default.
 */
export const UserFactory = factory
  .define(User, ({ faker }) => ({
    fullName: `${faker.person.firstName()} ${faker.person.lastName()}`,
    email: faker.internet.email().toLowerCase(),
    phone: `98${faker.string.numeric(8)}`,
    password: TEST_PASSWORD,
    role: UserRole.Client,
  }))
  .state('owner', (user) => {
    user.role = UserRole.Owner
  })
  .build()
