import Conversation from '#models/conversation'
import Message from '#models/message'
import type User from '#models/user'
import { unreadCounts } from '#chat/queries/unread_counts'

/**
 * A user's conversations (as owner across their rooms, or as client),
 * latest activity first, with the last message and unread count.
 */
export async function inbox(user: User) {
  const conversations = await Conversation.query()
    .where((query) => query.where('ownerId', user.id).orWhere('clientId', user.id))
    .whereExists(Conversation.unlockStandsSql)
    .preload('room', (room) => room.preload('photos'))
    .preload('client')
    .preload('owner')
    .orderByRaw('coalesce(last_message_at, created_at) DESC, id DESC')

  const lastByConversation = await lastMessagesOf(conversations.map(({ id }) => id))
  const { byConversation } = await unreadCounts(user.id)

  return conversations.map((conversation) => ({
    conversation,
    other: user.id === conversation.ownerId ? conversation.client : conversation.owner,
    lastMessage: lastByConversation.get(conversation.id) ?? null,
    unread: byConversation[conversation.id] ?? 0,
  }))
}

/** The newest message of each conversation, by conversation id. */
async function lastMessagesOf(ids: number[]) {
  const lastMessages = ids.length
    ? await Message.query()
        .whereIn('conversationId', ids)
        .distinctOn('conversation_id')
        .orderBy('conversation_id')
        .orderBy('id', 'desc')
    : []
  return new Map(lastMessages.map((message) => [message.conversationId, message]))
}
