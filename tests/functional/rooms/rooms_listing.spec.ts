import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { RoomCity } from '#rooms/enums/room_city'
import { RoomType } from '#rooms/enums/room_type'
import { ROOMS_PER_PAGE } from '#rooms/queries/room_search'
import { withRollback } from '#tests/helpers/app'

async function givenRooms() {
  const owner = await UserFactory.apply('owner').create()
  const base = { ownerId: owner.id, furnished: false }
  return {
    owner,
    baluwatar: await RoomFactory.merge({
      ...base,
      title: 'Sunny single room with balcony',
      locality: 'Baluwatar',
      city: RoomCity.Kathmandu,
      rentNpr: 9000,
      roomType: RoomType.Single,
      furnished: true,
      description: 'Quiet lane, close to the ministry offices and schools.',
    }).create(),
    lakeside: await RoomFactory.merge({
      ...base,
      title: 'Flat with a view',
      locality: 'Lakeside',
      city: RoomCity.Pokhara,
      rentNpr: 25000,
      roomType: RoomType.Flat2Bhk,
      description: 'You can see Phewa lake and the Annapurna range from the roof.',
    }).create(),
    jhamsikhel: await RoomFactory.merge({
      ...base,
      title: 'Double room for a couple',
      locality: 'Jhamsikhel',
      city: RoomCity.Lalitpur,
      rentNpr: 14000,
      roomType: RoomType.Double,
      description: 'Near cafes and restaurants, with parking for a scooter.',
    }).create(),
    rented: await RoomFactory.apply('rented')
      .merge({
        ...base,
        title: 'Already rented room in Baluwatar',
        locality: 'Baluwatar',
        city: RoomCity.Kathmandu,
      })
      .create(),
  }
}

test.group('Room listing / search and filters', (group) => {
  withRollback(group)

  test('full-text search finds words in title, locality and description, by prefix', async ({
    client,
    assert,
  }) => {
    const rooms = await givenRooms()

    const byLocality = await client.get(urlFor('rooms.index', {}, { qs: { q: 'balu' } }))
    byLocality.assertTextIncludes(rooms.baluwatar.title)
    assert.notInclude(byLocality.text(), rooms.lakeside.title)

    const byDescription = await client.get(
      urlFor('rooms.index', {}, { qs: { q: 'annapurna view' } })
    )
    byDescription.assertTextIncludes(rooms.lakeside.title)
    assert.notInclude(byDescription.text(), rooms.baluwatar.title)

    const stemmed = await client.get(urlFor('rooms.index', {}, { qs: { q: 'restaurant' } }))
    stemmed.assertTextIncludes(rooms.jhamsikhel.title)
  })

  test('rented rooms are not listed', async ({ client, assert }) => {
    const rooms = await givenRooms()
    const response = await client.get(urlFor('rooms.index', {}, { qs: { q: 'baluwatar' } }))
    response.assertTextIncludes(rooms.baluwatar.title)
    assert.notInclude(response.text(), rooms.rented.title)
  })

  test('filters by city, locality, rent range, room type and furnishing', async ({
    client,
    assert,
  }) => {
    const rooms = await givenRooms()
    const cases: [Record<string, string>, string[]][] = [
      [{ city: 'pokhara' }, [rooms.lakeside.title]],
      [{ locality: 'jhamsikhel' }, [rooms.jhamsikhel.title]],
      [{ minRent: '10000', maxRent: '20000' }, [rooms.jhamsikhel.title]],
      [{ roomType: 'single' }, [rooms.baluwatar.title]],
      [{ furnished: 'yes' }, [rooms.baluwatar.title]],
      [{ furnished: 'no', city: 'lalitpur' }, [rooms.jhamsikhel.title]],
    ]
    const all = [rooms.baluwatar.title, rooms.lakeside.title, rooms.jhamsikhel.title]
    for (const [qs, expected] of cases) {
      const response = await client.get(urlFor('rooms.index', {}, { qs }))
      for (const title of all) {
        if (expected.includes(title)) response.assertTextIncludes(title)
        else assert.notInclude(response.text(), title)
      }
    }
  })

  test('sorts by rent', async ({ client, assert }) => {
    const rooms = await givenRooms()
    const ascending = (
      await client.get(urlFor('rooms.index', {}, { qs: { sort: 'rent_asc' } }))
    ).text()
    assert.isBelow(
      ascending.indexOf(rooms.baluwatar.title),
      ascending.indexOf(rooms.jhamsikhel.title)
    )
    assert.isBelow(
      ascending.indexOf(rooms.jhamsikhel.title),
      ascending.indexOf(rooms.lakeside.title)
    )

    const descending = (
      await client.get(urlFor('rooms.index', {}, { qs: { sort: 'rent_desc' } }))
    ).text()
    assert.isBelow(
      descending.indexOf(rooms.lakeside.title),
      descending.indexOf(rooms.baluwatar.title)
    )
  })

  test('pages keep the filters', async ({ client, assert }) => {
    const owner = await UserFactory.apply('owner').create()
    await RoomFactory.merge({ ownerId: owner.id, city: RoomCity.Bhaktapur }).createMany(
      ROOMS_PER_PAGE + 2
    )

    const first = await client.get(
      urlFor('rooms.index', {}, { qs: { city: 'bhaktapur', sort: 'rent_asc' } })
    )
    const next = first.text().match(/href="([^"]+)" class="[^"]*" rel="next"/)
    assert.exists(next, 'a next page link')
    const nextUrl = next![1].replaceAll('&amp;', '&')
    assert.include(nextUrl, 'city=bhaktapur')
    assert.include(nextUrl, 'sort=rent_asc')
    assert.include(nextUrl, 'page=2')

    const second = await client.get(nextUrl)
    second.assertTextIncludes('Page 2 of 2')
    assert.equal(second.text().match(/data-testid="room-card"/g)?.length, 2)
  })

  test('an invalid filter shows a message and the valid ones still apply', async ({
    client,
    assert,
  }) => {
    const rooms = await givenRooms()
    const response = await client.get(
      urlFor('rooms.index', {}, { qs: { minRent: 'cheap', city: 'delhi', roomType: 'single' } })
    )
    response.assertStatus(200)
    response.assertTextIncludes('data-error-for="minRent"')
    response.assertTextIncludes('data-error-for="city"')
    response.assertTextIncludes(rooms.baluwatar.title)
    assert.notInclude(response.text(), rooms.lakeside.title)
  })

  test('empty form fields mean "any"', async ({ client }) => {
    const rooms = await givenRooms()
    const response = await client.get(
      urlFor(
        'rooms.index',
        {},
        {
          qs: {
            q: '',
            city: '',
            locality: '',
            minRent: '',
            maxRent: '',
            roomType: 'flat_2bhk',
            furnished: '',
            sort: '',
          },
        }
      )
    )
    response.assertTextIncludes(rooms.lakeside.title)
    response.assertTextIncludes('1 room available')
  })

  test('a room page shows its details; an unknown room is a 404 page', async ({ client }) => {
    const { lakeside } = await givenRooms()
    const page = await client.get(urlFor('rooms.show', { id: lakeside.id }))
    page.assertStatus(200)
    page.assertTextIncludes(lakeside.title)
    page.assertTextIncludes('Rs. 25,000')
    page.assertTextIncludes('Lakeside, Pokhara')

    const missing = await client.get(urlFor('rooms.show', { id: 999999 }))
    missing.assertStatus(404)
    missing.assertTextIncludes('This page does not exist')
  })
})

test.group('Room listing / JSON API', (group) => {
  withRollback(group)

  test('lists rooms with filters and paging metadata', async ({ client, assert }) => {
    const rooms = await givenRooms()
    const response = await client.get(urlFor('api.rooms.index', {}, { qs: { city: 'pokhara' } }))
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(
      body.data.map((room: { id: number }) => room.id),
      [rooms.lakeside.id]
    )
    assert.deepInclude(body.meta, { total: 1, currentPage: 1, lastPage: 1 })
    assert.deepEqual(body.data[0].owner, { firstName: rooms.owner.firstName })
  })

  test('bad input and unknown rooms get JSON errors with a stable shape', async ({ client }) => {
    const invalid = await client.get(urlFor('api.rooms.index', {}, { qs: { maxRent: 'lots' } }))
    invalid.assertStatus(422)
    invalid.assertBodyContains({
      error: {
        status: 422,
        code: 'E_VALIDATION_ERROR',
        fields: { maxRent: ['Maximum rent must be a number'] },
      },
    })

    const missing = await client.get(urlFor('api.rooms.show', { id: 424242 }))
    missing.assertStatus(404)
    missing.assertBody({ error: { status: 404, code: 'E_ROW_NOT_FOUND', message: 'Not found' } })
  })
})

test.group('Room listing / the owner phone number stays private', (group) => {
  withRollback(group)

  test('no listing, room page or JSON response contains the owner phone, email or surname', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner')
      .merge({
        fullName: 'Hari Prasad Koirala',
        phone: '9841777666',
        email: 'hari.koirala@example.com',
      })
      .create()
    const room = await RoomFactory.merge({
      ownerId: owner.id,
      title: 'Private test room in Sanepa',
      locality: 'Sanepa',
    }).create()
    const otherClient = await UserFactory.create()
    const otherOwner = await UserFactory.apply('owner').create()

    const secrets = ['9841777666', '984-177-7666', 'hari.koirala@example.com', 'Koirala']
    const responses = [
      await client.get(urlFor('rooms.index')),
      await client.get(urlFor('rooms.index', {}, { qs: { q: 'sanepa' } })),
      await client.get(urlFor('rooms.show', { id: room.id })),
      await client.get(urlFor('rooms.show', { id: room.id })).loginAs(otherClient),
      await client.get(urlFor('rooms.show', { id: room.id })).loginAs(otherOwner),
      await client.get(urlFor('client.home')).loginAs(otherClient),
      await client.get(urlFor('api.rooms.index')),
      await client.get(urlFor('api.rooms.index', {}, { qs: { q: 'sanepa' } })),
      await client.get(urlFor('api.rooms.show', { id: room.id })),
    ]
    for (const [index, response] of responses.entries()) {
      response.assertStatus(200)
      for (const secret of secrets) {
        assert.notInclude(response.text(), secret, `response #${index} leaks ${secret}`)
      }
    }
    responses[2].assertTextIncludes('data-testid="owner-name">Hari<')
  })
})
