import { test } from '@japa/runner'
import { toPrefixTsQuery } from '#rooms/queries/room_search'

test.group('Room search / prefix query', () => {
  test('every word must match, as the start of a longer word', ({ assert }) => {
    assert.equal(toPrefixTsQuery('Balu single'), 'balu:* & single:*')
  })

  test('keeps only letters and digits, so no input can break to_tsquery', ({ assert }) => {
    assert.equal(toPrefixTsQuery("room' & | !(drop) :* <-> 2bhk"), 'room:* & drop:* & 2bhk:*')
    assert.isNull(toPrefixTsQuery('&|!():*'))
    assert.isNull(toPrefixTsQuery('   '))
  })

  test('understands Devanagari', ({ assert }) => {
    assert.equal(toPrefixTsQuery('कोठा'), 'कोठा:*')
  })

  test('caps the number of words', ({ assert }) => {
    const query = toPrefixTsQuery('a b c d e f g h i j k')!
    assert.lengthOf(query.split(' & '), 8)
  })
})
