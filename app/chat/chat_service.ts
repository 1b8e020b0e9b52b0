import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import transmit from '@adonisjs/transmit/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Conversation from '#models/conversation'
import Message from '#models/message'
import type Payment from '#models/payment'
import User from '#models/user'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { presentMessage } from '#chat/presenters/message_presenter'
import { conversationChannel, userChannel } from '#core/live/channels'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { messageTag, notifyUser, PushKind, resetPushBurst } from '#push/push_notifier'

/** Messages per history page. */
export const HISTORY_PAGE_SIZE = 30

/**
 * SQL condition on `conversations`: the client's unlock of the room still
 * stands (the same rule as chatAccess, for lists).
 */
function unlockStands(
  query: DatabaseQueryBuilderContract | ModelQueryBuilderContract<typeof Conversation>
) {
  query
    .from('payments')
    .whereColumn('payments.client_id', 'conversations.client_id')
    .whereColumn('payments.room_id', 'conversations.room_id')
    .where('payments.status', PaymentStatus.Complete)
}

/**
 * A short, plain-text preview of a message for inboxes and notifications.
 */
export function messagePreview(message: Pick<Message, 'content' | 'imageFileName'>, length = 80) {
  const text = (message.content ?? '').replace(/\s+/g, ' ').trim()
  if (!text) return message.imageFileName ? 'Photo' : ''
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}

/**
 * Chat between a client who unlocked a room and its owner. Callers check
 * access first (chatAccess); this stores, reads and announces. A message
 * is stored before it is broadcast.
 */
export class ChatService {
  constructor(private images = new PhotoStorage('chat')) {}

  /**
   * Opens (or finds) the conversation a successful unlock gives access to.
   */
  async openForPayment(payment: Payment, trx: TransactionClientContract) {
    const existing = await Conversation.query({ client: trx })
      .where('roomId', payment.roomId)
      .where('clientId', payment.clientId)
      .first()
    if (existing) return { conversation: existing, created: false }
    const conversation = await Conversation.create(
      {
        roomId: payment.roomId,
        clientId: payment.clientId,
        ownerId: payment.ownerId,
        openedByPaymentId: payment.id,
      },
      { client: trx }
    )
    return { conversation, created: true }
  }

  /**
   * Tells both people that a conversation is open (after an unlock).
   */
  announceNewConversation(conversation: Conversation) {
    const event = {
      type: 'conversation.new',
      conversationId: conversation.id,
      roomId: conversation.roomId,
    }
    transmit.broadcast(userChannel(conversation.ownerId), event)
    transmit.broadcast(userChannel(conversation.clientId), event)
  }

  /**
   * Stores a message (text and/or image) from one participant to the other,
   * then announces it on the conversation's channel and to the receiver.
   */
  async send(
    sender: User,
    conversation: Conversation,
    input: { content?: string | null; image?: MultipartFile | null }
  ) {
    const image = input.image ? await this.images.storeUpload(input.image) : null
    try {
      const message = await db.transaction(async (trx) => {
        const created = await Message.create(
          {
            conversationId: conversation.id,
            senderId: sender.id,
            receiverId: conversation.otherParticipantId(sender.id),
            content: input.content?.trim() || null,
            imageFileName: image?.fileName ?? null,
            imageMimeType: image?.mimeType ?? null,
            imageSizeBytes: image?.sizeBytes ?? null,
          },
          { client: trx }
        )
        await Conversation.query({ client: trx })
          .where('id', conversation.id)
          .update({ lastMessageAt: created.createdAt.toJSDate(), updatedAt: new Date() })
        return created
      })
      await this.#announceMessage(sender, conversation, message)
      return message
    } catch (error) {
      if (image) await this.images.remove([image.fileName])
      throw error
    }
  }

  /**
   * A page of history. Without a cursor: the newest page, newest first.
   * `before`: older than that id, newest first. `after`: everything newer
   * than that id, oldest first (what a page that reconnects missed).
   */
  async history(
    conversation: Conversation,
    cursor: { before?: number; after?: number; limit?: number } = {}
  ) {
    const limit = Math.min(cursor.limit ?? HISTORY_PAGE_SIZE, 100)
    const query = Message.query().where('conversationId', conversation.id)
    if (cursor.after !== undefined) {
      const messages = await query
        .where('id', '>', cursor.after)
        .orderBy('id', 'asc')
        .limit(limit + 1)
      return { messages: messages.slice(0, limit), hasMore: messages.length > limit }
    }
    if (cursor.before !== undefined) query.where('id', '<', cursor.before)
    const messages = await query.orderBy('id', 'desc').limit(limit + 1)
    return { messages: messages.slice(0, limit), hasMore: messages.length > limit }
  }

  /**
   * Marks messages to `reader` as read (all, or up to an id) and sends the
   * read receipt to the sender's pages.
   */
  async markRead(reader: User, conversation: Conversation, upToId?: number) {
    const readAt = DateTime.now()
    const query = db
      .from('messages')
      .where('conversation_id', conversation.id)
      .where('receiver_id', reader.id)
      .whereNull('read_at')
    if (upToId !== undefined) query.where('id', '<=', upToId)
    const updated: { id: number }[] = await query
      .update({ read_at: readAt.toJSDate() })
      .returning('id')
    if (updated.length) {
      const lastReadId = Math.max(...updated.map((row) => Number(row.id)))
      transmit.broadcast(conversationChannel(conversation.id), {
        type: 'read',
        readerId: reader.id,
        upToId: lastReadId,
        readAt: readAt.toISO(),
      })
    }
    await this.#announceUnread(reader.id, conversation.id)
    resetPushBurst(reader.id, messageTag(conversation.id))
    return { marked: updated.length }
  }

  /**
   * Tells the other participant's open chat page that this user is typing.
   */
  typing(user: User, conversation: Conversation) {
    transmit.broadcast(conversationChannel(conversation.id), {
      type: 'typing',
      userId: user.id,
      at: DateTime.now().toISO(),
    })
  }

  /**
   * Unread messages of a user, in total and per conversation (only
   * conversations whose unlock still stands count).
   */
  async unreadCounts(userId: number) {
    const rows = await db
      .from('messages')
      .join('conversations', 'conversations.id', 'messages.conversation_id')
      .where('messages.receiver_id', userId)
      .whereNull('messages.read_at')
      .whereExists(unlockStands)
      .groupBy('messages.conversation_id')
      .select('messages.conversation_id')
      .count('* as unread')
    const byConversation: Record<number, number> = {}
    for (const row of rows) byConversation[row.conversation_id] = Number(row.unread)
    return {
      total: Object.values(byConversation).reduce((sum, count) => sum + count, 0),
      byConversation,
    }
  }

  /**
   * A user's conversations (as owner across their rooms, or as client),
   * latest activity first, with the last message and unread count.
   */
  async inbox(user: User) {
    const conversations = await Conversation.query()
      .where((query) => query.where('ownerId', user.id).orWhere('clientId', user.id))
      .whereExists(unlockStands)
      .preload('room', (room) => room.preload('photos'))
      .preload('client')
      .preload('owner')
      .orderByRaw('coalesce(last_message_at, created_at) DESC, id DESC')

    const ids = conversations.map((conversation) => conversation.id)
    const lastMessages = ids.length
      ? await Message.query()
          .whereIn('conversationId', ids)
          .distinctOn('conversation_id')
          .orderBy('conversation_id')
          .orderBy('id', 'desc')
      : []
    const lastByConversation = new Map(
      lastMessages.map((message) => [message.conversationId, message])
    )
    const { byConversation } = await this.unreadCounts(user.id)

    return conversations.map((conversation) => ({
      conversation,
      other: user.id === conversation.ownerId ? conversation.client : conversation.owner,
      lastMessage: lastByConversation.get(conversation.id) ?? null,
      unread: byConversation[conversation.id] ?? 0,
    }))
  }

  /**
   * Announces a message stored elsewhere (a call's entry), as `send` does.
   */
  async announce(message: Message) {
    const [sender, conversation] = await Promise.all([
      User.findOrFail(message.senderId),
      Conversation.findOrFail(message.conversationId),
    ])
    await this.#announceMessage(sender, conversation, message)
  }

  async #announceMessage(sender: User, conversation: Conversation, message: Message) {
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
    await this.#announceUnread(message.receiverId, conversation.id)
    // Call entries are announced by the call itself (ringing, missed).
    if (!message.callId) {
      notifyUser(message.receiverId, {
        kind: PushKind.Message,
        title: sender.firstName,
        body: messagePreview(message, 200) || 'Sent a photo',
        url: urlFor('chat.show', { id: conversation.id }),
        tag: messageTag(conversation.id),
      })
    }
  }

  async #announceUnread(userId: number, conversationId: number) {
    const { total, byConversation } = await this.unreadCounts(userId)
    transmit.broadcast(userChannel(userId), {
      type: 'unread',
      total,
      conversationId,
      conversationUnread: byConversation[conversationId] ?? 0,
    })
  }
}
