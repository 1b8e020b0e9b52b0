import type { HttpContext } from '@adonisjs/core/http'
import {
  historyValidator,
  markReadValidator,
  sendMessageValidator,
  conversationValidator,
} from '#chat/validators'
import { findUsableConversation } from '#chat/queries/conversation_finder'
import { ChatService } from '#chat/chat_service'
import { presentMessage } from '#chat/presenters/message_presenter'
import { chatInput } from '#chat/controllers/chat_input'
import { errors as vineErrors } from '@vinejs/vine'

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
  async index({ auth, request }: HttpContext) {
    const input = await historyValidator.validate(
      chatInput(request, [...PICKER, 'before', 'after', 'limit'])
    )
    const conversation = await findUsableConversation(auth.user!, input)
    const { messages, hasMore } = await new ChatService().history(conversation, input)
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
   * POST /api/messages/send/ { room_id | conversation_id, content, image }
   */
  async send({ auth, request, response }: HttpContext) {
    const input = await sendMessageValidator.validate({
      ...chatInput(request, [...PICKER, 'content']),
      image: request.file('image') ?? undefined,
    })
    if (!input.content && !input.image) {
      throw new vineErrors.E_VALIDATION_ERROR([
        { field: 'content', rule: 'required', message: 'Write a message or add a photo' },
      ])
    }
    const conversation = await findUsableConversation(auth.user!, input)
    const message = await new ChatService().send(auth.user!, conversation, input)
    return response.created({ data: presentMessage(message) })
  }

  /**
   * POST /api/messages/read/ { conversation_id | room_id, up_to_id? }
   */
  async read({ auth, request }: HttpContext) {
    const input = await markReadValidator.validate(chatInput(request, [...PICKER, 'upToId']))
    const conversation = await findUsableConversation(auth.user!, input)
    const result = await new ChatService().markRead(auth.user!, conversation, input.upToId)
    return { data: result }
  }

  /**
   * GET /api/unread-count/
   */
  async unreadCount({ auth }: HttpContext) {
    const { total, byConversation } = await new ChatService().unreadCounts(auth.user!.id)
    return { data: { total, conversations: byConversation } }
  }

  /**
   * POST /api/messages/typing/ { conversation_id }
   */
  async typing({ auth, request, response }: HttpContext) {
    const input = await conversationValidator.validate(chatInput(request, PICKER))
    const conversation = await findUsableConversation(auth.user!, input)
    new ChatService().typing(auth.user!, conversation)
    return response.noContent()
  }
}
