import { test } from '@japa/runner'
import { registerValidator } from '#accounts/validators'
import { roomSearchValidator } from '#rooms/validators'

const account = {
  fullName: 'Sita Sharma',
  email: 'Sita@Example.com',
  password: 'long-enough-1',
  passwordConfirmation: 'long-enough-1',
  role: 'owner',
}

test.group('Validators', () => {
  test('keeps a Nepali mobile number as its 10 digits', async ({ assert }) => {
    for (const written of ['9841234567', '+977 984-123-4567', '977 9841234567', '(984) 1234567']) {
      const [error, value] = await registerValidator.tryValidate({ ...account, phone: written })
      if (error && error.messages.some((m: { field: string }) => m.field === 'phone')) {
        assert.fail(`${written} was refused`)
      }
      if (value) assert.equal(value.phone, '9841234567')
    }
  })

  test('refuses numbers that are not Nepali mobiles', async ({ assert }) => {
    for (const written of ['12345', '01-4412345', '9541234567', '98412345678', 'phone']) {
      const [error] = await registerValidator.tryValidate({ ...account, phone: written })
      assert.isTrue(
        Boolean(error?.messages.some((m: { field: string }) => m.field === 'phone')),
        `${written} was accepted`
      )
    }
  })

  test('search filters: numbers from the query string, unknown options refused', async ({
    assert,
  }) => {
    const filters = await roomSearchValidator.validate({
      city: 'pokhara',
      minRent: '5000',
      page: '2',
    })
    assert.deepInclude(filters, { city: 'pokhara', minRent: 5000, page: 2 })
    const [error] = await roomSearchValidator.tryValidate({ city: 'delhi', sort: 'random' })
    assert.sameMembers(
      error!.messages.map((m: { field: string }) => m.field),
      ['city', 'sort']
    )
  })
})
