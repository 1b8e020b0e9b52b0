import factory from '@adonisjs/lucid/factories'
import User from '#models/user'
import { UserRole } from '#accounts/enums/user_role'

export const TEST_PASSWORD = 'secret-password-1'

/**
 * People with accounts. `.apply('owner')` makes an owner; clients by default.
 */
export const UserFactory = factory
  .define(User, ({ faker }) => ({
    // No apostrophes ("O'Hara"): tests look names up in HTML, where Edge escapes them.
    // Hostile names have tests of their own (tests/functional/core/hostile_text.spec.ts).
    fullName: `${faker.person.firstName()} ${faker.person.lastName()}`.replaceAll("'", ''),
    email: faker.internet.email().toLowerCase(),
    phone: `98${faker.string.numeric(8)}`,
    password: TEST_PASSWORD,
    role: UserRole.Client,
  }))
  .state('owner', (user) => {
    user.role = UserRole.Owner
  })
  .build()
