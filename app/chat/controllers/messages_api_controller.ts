import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  historyValidator,
  markReadValidator,
  requireSomethingToSend,
  sendMessageValidator,
  conversationValidator,
} from '#chat/validators'
import SendMessage from '#chat/actions/send_message'
import MarkMessagesRead from '#chat/actions/mark_messages_read'
import SignalTyping from '#chat/actions/signal_typing'
import ConversationPolicy from '#chat/policies/conversation_policy'
import { findConversation, type ConversationPicker } from '#chat/queries/conversation_finder'
import { messageHistory } from '#chat/queries/message_history'
import { unreadCounts } from '#chat/queries/unread_counts'
import { presentMessage } from '#chat/presenters/message_presenter'
import { chatInput } from '#chat/controllers/chat_input'
import limits from '#config/limits'
import { consume, limitKey } from '#core/http/rate_limits'

const PICKER = ['conversationId', 'roomId', 'clientId']

/**
 * The chat API (paths as in the original app): history, send, read,
 * unread count, typing. Every call re-checks the caller's right to the
 * conversation.
 */
export default class MessagesApiController {
  /**
   * GET /api/messages/?room_id=X[&client_id=Y | &conversation_id=Z][&before=ID | &after=ID]
   */
  async index(ctx: HttpContext) {
    const input = await historyValidator.validate(
      chatInput(ctx.request, [...PICKER, 'before', 'after', 'limit'])
    )
    const conversation = await usableConversation(ctx, input)
    const { messages, hasMore } = await messageHistory(conversation, input)
    return {
      data: messages.map(presentMessage),
      meta: {
        conversationId: conversation.id,
        hasMore,
        order: input.after !== undefined ? 'oldest_first' : 'newest_first',
        nextCursor: hasMore && messages.length ? Number(messages.at(-1)!.id) : null,
      },
    }
  }

  /**
   * POST /api/messages/send/ { room_id | conversation_id, content, image, client_key? }
   * A retry with the same client_key answers 201 with the message stored
   * the first time (no copy).
   */
  async send(ctx: HttpContext) {
    const input = await sendMessageValidator.validate({
      ...chatInput(ctx.request, [...PICKER, 'content', 'clientKey']),
      image: ctx.request.file('image') ?? undefined,
    })
    requireSomethingToSend(input)
    // Found, authorized and written under one lock of the conversation's row.
    const message = await db.transaction(async (trx) => {
      const conversation = await usableConversation(ctx, input, trx)
      return new SendMessage().handle(ctx.auth.user!, conversation, input, trx)
    })
    return ctx.response.created({ data: presentMessage(message) })
  }

  /**
   * POST /api/messages/read/ { conversation_id | room_id, up_to_id? }
   */
  async read(ctx: HttpContext) {
    const input = await markReadValidator.validate(chatInput(ctx.request, [...PICKER, 'upToId']))
    const conversation = await usableConversation(ctx, input)
    const result = await new MarkMessagesRead().handle(ctx.auth.user!, conversation, input.upToId)
    return { data: result }
  }

  /**
   * GET /api/unread-count/
   */
  async unreadCount({ auth }: HttpContext) {
    const { total, byConversation } = await unreadCounts(auth.user!.id)
    return { data: { total, conversations: byConversation } }
  }

  /**
   * POST /api/messages/typing/ { conversation_id }
   */
  async typing(ctx: HttpContext) {
    const input = await conversationValidator.validate(chatInput(ctx.request, PICKER))
    const conversation = await usableConversation(ctx, input)
    // Per user and conversation; the page sends one every 2.5 s at most, and ignores a 429.
    const key = limitKey('typing', ctx.auth.user!.id, conversation.id)
    await consume(limits.typingPerConversation, key)
    await new SignalTyping().handle(ctx.auth.user!, conversation)
    return ctx.response.noContent()
  }
}

/** The conversation the request names, once the policy lets the caller use it (locked in `trx`). */
async function usableConversation(
  { auth, bouncer }: HttpContext,
  picker: ConversationPicker,
  trx?: TransactionClientContract
) {
  const conversation = await findConversation(auth.user!, picker, trx)
  await bouncer.with(ConversationPolicy).authorize('access', conversation)
  return conversation
}
