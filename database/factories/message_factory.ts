import factory from '@adonisjs/lucid/factories'
import Conversation from '#models/conversation'
import Message from '#models/message'
import { ConversationFactory } from '#database/factories/conversation_factory'

/**
 * Text messages in a conversation, stored as they are (no broadcast, the
 * conversation's last activity unchanged). Without a merged conversation,
 * one is made; without a sender, the client writes; the receiver is always
 * the other participant.
 */
export const MessageFactory = factory
  .define(Message, ({ faker }) => ({ content: faker.lorem.sentence() }))
  .before('create', async (_, message, ctx) => {
    const conversation = message.conversationId
      ? await Conversation.findOrFail(message.conversationId, { client: ctx.$trx })
      : await ConversationFactory.useCtx(ctx).create()
    message.conversationId = conversation.id
    message.senderId ??= conversation.clientId
    message.receiverId = conversation.otherParticipantId(message.senderId)
  })
  .build()
