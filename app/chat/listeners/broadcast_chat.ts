import { DateTime } from 'luxon'
import transmit from '@adonisjs/transmit/services/main'
import logger from '@adonisjs/core/services/logger'
import type { EventsList } from '@adonisjs/core/types'
import { conversationChannel, userChannel } from '#core/live/channels'
import { messagePreview, presentMessage } from '#chat/presenters/message_presenter'
import { unreadCounts } from '#chat/queries/unread_counts'

/**
 * Keeps open chat pages and unread badges live once a chat change is
 * committed: the message itself, the receiver's notice, read receipts,
 * typing. A failed broadcast is logged, never thrown into the request.
 */
export default class BroadcastChat {
  /** A stored message (call entries too) to the conversation and the receiver. */
  async onMessageSent({ message, conversation, sender }: EventsList['message:sent']) {
    await quietly('message:sent', async () => {
      transmit.broadcast(conversationChannel(conversation.id), {
        type: 'message',
        message: presentMessage(message),
      })
      transmit.broadcast(userChannel(message.receiverId), {
        type: 'message.new',
        conversationId: conversation.id,
        messageId: Number(message.id),
        senderName: sender.firstName,
        preview: messagePreview(message),
        at: message.createdAt.toISO(),
      })
      await announceUnread(message.receiverId, conversation.id)
    })
  }

  /** The read receipt to the sender's pages (when something was marked), and the reader's badge. */
  async onMessagesRead({ reader, conversation, upToId, readAt }: EventsList['messages:read']) {
    await quietly('messages:read', async () => {
      if (upToId !== null) {
        transmit.broadcast(conversationChannel(conversation.id), {
          type: 'read',
          readerId: reader.id,
          upToId,
          readAt: readAt.toISO(),
        })
      }
      await announceUnread(reader.id, conversation.id)
    })
  }

  /** "Typing…" on the other participant's open page. */
  async onTyping({ user, conversation }: EventsList['conversation:typing']) {
    await quietly('conversation:typing', async () => {
      transmit.broadcast(conversationChannel(conversation.id), {
        type: 'typing',
        userId: user.id,
        at: DateTime.now().toISO(),
      })
    })
  }
}

/** The user's unread total and this conversation's count, for the badges. */
async function announceUnread(userId: number, conversationId: number) {
  const { total, byConversation } = await unreadCounts(userId)
  transmit.broadcast(userChannel(userId), {
    type: 'unread',
    total,
    conversationId,
    conversationUnread: byConversation[conversationId] ?? 0,
  })
}

/** Runs a broadcast; a failure is logged, the committed change stands. */
async function quietly(event: string, broadcast: () => Promise<void>) {
  try {
    await broadcast()
  } catch (error) {
    logger.error({ err: error, event }, 'chat broadcast failed')
  }
}
