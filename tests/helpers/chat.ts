import db from '@adonisjs/lucid/services/db'
import Conversation from '#models/conversation'
import type User from '#models/user'
import type Room from '#models/room'
import OpenConversation from '#chat/actions/open_conversation'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { completedUnlock } from '#database/factories/conversation_factory'
import { MessageFactory } from '#database/factories/message_factory'

/**
 * A completed unlock of `room` by `client`, with the conversation it opens
 * (what a verified eSewa payment leaves behind).
 */
export async function unlock(client: User, room: Room) {
  return db.transaction(async (trx) => {
    const payment = await completedUnlock(client.id, room, trx)
    const { conversation } = await new OpenConversation().handle(payment, trx)
    return { payment, conversation }
  })
}

/**
 * Stored messages from `sender` in a conversation, in order (nothing is
 * broadcast): for tests about reading, counting and paging.
 */
export async function storedMessages(conversation: Conversation, sender: User, contents: string[]) {
  return MessageFactory.merge(
    contents.map((content) => ({ conversationId: conversation.id, senderId: sender.id, content }))
  ).createMany(contents.length)
}

/**
 * The cast of every chat access test: the paying client and the owner, a
 * client who has not paid, another paying client of the same room, and an
 * owner of another room.
 */
export async function givenChatCast() {
  const owner = await UserFactory.apply('owner').merge({ fullName: 'Hari Gurung' }).create()
  const room = await RoomFactory.merge({
    ownerId: owner.id,
    title: 'Room with a conversation',
  }).create()
  const client = await UserFactory.merge({ fullName: 'Asha Magar' }).create()
  const { conversation, payment } = await unlock(client, room)
  const unpaidClient = await UserFactory.create()
  const otherClient = await UserFactory.create()
  const { conversation: otherConversation } = await unlock(otherClient, room)
  const otherOwner = await UserFactory.apply('owner').create()
  await RoomFactory.merge({ ownerId: otherOwner.id }).create()
  return {
    owner,
    room,
    client,
    conversation,
    payment,
    unpaidClient,
    otherClient,
    otherConversation,
    otherOwner,
  }
}

/** The conversation of `client` about `room`. */
export async function conversationOf(room: Room, client: User) {
  return Conversation.query().where('roomId', room.id).where('clientId', client.id).firstOrFail()
}
