import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import type Room from '#models/room'
import type Conversation from '#models/conversation'
import { RoomFactory } from '#database/factories/room_factory'
import { RoomPhotoFactory } from '#database/factories/room_photo_factory'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { storedMessages, unlock } from '#tests/helpers/chat'
import { statementsDuring } from '#tests/helpers/query_log'

/**
 * Pages cost a fixed number of statements whatever they show: more rooms,
 * photos, messages or conversations must not add queries (no N+1). Each
 * page is measured small, then again after more was added, and the second
 * request of each is the one counted (the first may fill per-process
 * caches such as the listing's locality suggestions).
 */
async function statementsOf(request: () => Promise<{ status(): number }>) {
  await request()
  let status = 0
  const statements = await statementsDuring(async () => {
    status = (await request()).status()
  })
  if (status >= 300) throw new Error(`expected a page, got ${status}`)
  return statements
}

async function roomsWithPhotos(owner: User, count: number, photosEach: number) {
  const rooms = await RoomFactory.merge({ ownerId: owner.id }).createMany(count)
  for (const room of rooms) await addPhotos(room, photosEach)
  return rooms
}

async function addPhotos(room: Room, count: number) {
  await RoomPhotoFactory.merge({ roomId: room.id }).createMany(count)
}

async function conversationWith(owner: User, messages: number) {
  const [room] = await roomsWithPhotos(owner, 1, 1)
  const client = await UserFactory.create()
  const { conversation } = await unlock(client, room)
  await storedMessages(
    conversation,
    owner,
    Array.from({ length: messages }, (_, i) => `m${i}`)
  )
  return { room, client, conversation }
}

const pages = {
  listing: (http: ApiClient, viewer: User) => () => http.get(urlFor('rooms.index')).loginAs(viewer),
  search: (http: ApiClient, viewer: User) => () =>
    http.get(urlFor('rooms.index')).qs({ q: 'room', page: 2 }).loginAs(viewer),
  messages: (http: ApiClient, viewer: User, conversation: Conversation) => () =>
    http
      .get(urlFor('api.messages.index'))
      .qs({ conversation_id: conversation.id, limit: 50 })
      .loginAs(viewer),
}

test.group('Query counts / do not grow with what a page shows', (group) => {
  withRollback(group)

  test('listing and search: one statement for the page, whatever the rooms and photos', async ({
    client: http,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const viewer = await UserFactory.create()
    await RoomFactory.merge({ ownerId: owner.id, title: 'A room' }).createMany(13)
    const few = await statementsOf(pages.listing(http, viewer))
    const fewSearch = await statementsOf(pages.search(http, viewer))

    await roomsWithPhotos(owner, 30, 4)
    assert.deepEqual(await statementsOf(pages.listing(http, viewer)), few)
    assert.deepEqual(await statementsOf(pages.search(http, viewer)), fewSearch)
    // The user, the badge, the page of cards with its count.
    assert.isAtMost(few.length, 3, few.join('\n'))
    assert.isAtMost(fewSearch.length, 3, fewSearch.join('\n'))
  })

  test('the last 50 messages: the same statements for 3 messages and for 80', async ({
    client: http,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const { client, conversation } = await conversationWith(owner, 3)
    const few = await statementsOf(pages.messages(http, client, conversation))

    await storedMessages(
      conversation,
      owner,
      Array.from({ length: 77 }, (_, i) => `n${i}`)
    )
    assert.deepEqual(await statementsOf(pages.messages(http, client, conversation)), few)
    // The user, the conversation with its unlock, the messages.
    assert.isAtMost(few.length, 3, few.join('\n'))
  })

  test('room page, owner inbox and chat page: fixed statements as photos, conversations and messages grow', async ({
    client: http,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').create()
    const { room, client, conversation } = await conversationWith(owner, 2)
    const roomPage = () => http.get(urlFor('rooms.show', { id: room.id })).loginAs(client)
    const inboxPage = () => http.get(urlFor('chat.index')).loginAs(owner)
    const chatPage = () => http.get(urlFor('chat.show', { id: conversation.id })).loginAs(client)
    const before = {
      room: await statementsOf(roomPage),
      inbox: await statementsOf(inboxPage),
      chat: await statementsOf(chatPage),
    }

    await addPhotos(room, 6)
    for (let index = 0; index < 4; index++) await conversationWith(owner, 3)
    await storedMessages(
      conversation,
      owner,
      Array.from({ length: 60 }, (_, i) => `x${i}`)
    )
    assert.deepEqual(await statementsOf(roomPage), before.room)
    assert.deepEqual(await statementsOf(inboxPage), before.inbox)
    assert.deepEqual(await statementsOf(chatPage), before.chat)
  })
})
