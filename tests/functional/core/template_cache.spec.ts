import { test } from '@japa/runner'
import edge from 'edge.js'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { withRollback } from '#tests/helpers/app'
import { givenChatCast } from '#tests/helpers/chat'

/**
 * In production Edge caches compiled templates, but only those reached by
 * render or a component tag: a template pulled in with `@include` from
 * inside a component or a loop is read and compiled again on every render.
 * With the production cache switched on, a second render of each page must
 * read no template file.
 */
test.group('Templates / compiled once', (group) => {
  withRollback(group)

  let reads: string[] = []
  let counting = false
  // Edge has no way to remove a processor: this one stays, inert outside these tests.
  edge.processor.process('raw', ({ path }) => {
    if (counting) reads.push(path)
  })

  group.each.setup(() => {
    edge.compiler.cacheManager.enabled = true
    edge.asyncCompiler.cacheManager.enabled = true
    counting = true
    reads = []
    return () => {
      counting = false
      for (const path of new Set(reads)) {
        edge.compiler.cacheManager.delete(path)
        edge.asyncCompiler.cacheManager.delete(path)
      }
      edge.compiler.cacheManager.enabled = false
      edge.asyncCompiler.cacheManager.enabled = false
    }
  })

  test('no page reads a template file on its second render', async ({ client, assert }) => {
    const cast = await givenChatCast()
    const owner = await UserFactory.apply('owner').create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const visits = [
      () => client.get(urlFor('rooms.index')).loginAs(cast.client),
      () => client.get(urlFor('rooms.show', { id: room.id })).loginAs(cast.client),
      () => client.get(urlFor('rooms.show', { id: cast.room.id })).loginAs(cast.client),
      () => client.get(urlFor('chat.index')).loginAs(cast.owner),
      () => client.get(urlFor('chat.show', { id: cast.conversation.id })).loginAs(cast.owner),
      () => client.get(urlFor('owner.rooms.index')).loginAs(owner),
      () => client.get(urlFor('owner.rooms.edit', { id: room.id })).loginAs(owner),
      () => client.get(urlFor('owner.rooms.create')).loginAs(owner),
      () => client.get(urlFor('session.create')),
    ]
    for (const visit of visits) {
      const first = await visit()
      assert.isBelow(first.status(), 300)
      const readBefore = reads.length
      await visit()
      assert.deepEqual(reads.slice(readBefore), [], 'templates read again on a second render')
    }
    assert.isAbove(reads.length, 0, 'the first renders did read templates')
  })
})
