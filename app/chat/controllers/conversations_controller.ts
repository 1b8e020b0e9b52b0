import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import Message from '#models/message'
import Room from '#models/room'
import { ChatService } from '#chat/chat_service'
import { findUsableConversation } from '#chat/queries/conversation_finder'
import { presentMessage } from '#chat/presenters/message_presenter'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { sendMessageValidator } from '#chat/validators'
import chatConfig from '#config/chat'
import uploads from '#config/uploads'

/**
 * Chat pages: the inbox, a conversation (working before any script runs),
 * and the images, which only the two participants can load.
 */
export default class ConversationsController {
  async index({ auth, view }: HttpContext) {
    const entries = await new ChatService().inbox(auth.user!)
    return view.render('pages/chat/index', { entries })
  }

  /**
   * GET /rooms/:id/chat: the chat of this room for the client who unlocked it.
   */
  async forRoom({ auth, params, response }: HttpContext) {
    const room = await Room.findOrFail(Number(params.id) || 0)
    const conversation = await findUsableConversation(auth.user!, { roomId: room.id })
    return response.redirect().toRoute('chat.show', { id: conversation.id })
  }

  async show({ auth, params, view }: HttpContext) {
    const conversation = await findUsableConversation(auth.user!, {
      conversationId: Number(params.id) || 0,
    })
    await conversation.load('room')
    await conversation.load('client')
    await conversation.load('owner')
    const chat = new ChatService()
    const { messages, hasMore } = await chat.history(conversation)
    // Opening the conversation reads what was sent to this user.
    await chat.markRead(auth.user!, conversation)
    const me = auth.user!
    return view.render('pages/chat/show', {
      conversation,
      other: me.id === conversation.ownerId ? conversation.client : conversation.owner,
      messages: messages.reverse().map(presentMessage),
      hasMore,
      maxLength: chatConfig.messageMaxLength,
      imageMaxSizeMb: uploads.chatImageMaxSizeMb,
    })
  }

  /**
   * POST /conversations/:id/messages: sending without script.
   */
  async store({ auth, params, request, response }: HttpContext) {
    const conversation = await findUsableConversation(auth.user!, {
      conversationId: Number(params.id) || 0,
    })
    const input = await request.validateUsing(sendMessageValidator)
    if (!input.content && !input.image) {
      throw new vineErrors.E_VALIDATION_ERROR([
        { field: 'content', rule: 'required', message: 'Write a message or add a photo' },
      ])
    }
    await new ChatService().send(auth.user!, conversation, input)
    return response.redirect().toRoute('chat.show', { id: conversation.id })
  }

  async image({ auth, params, response }: HttpContext) {
    const conversation = await findUsableConversation(auth.user!, {
      conversationId: Number(params.conversationId) || 0,
    })
    const message = await Message.query()
      .where('id', Number(params.messageId) || 0)
      .where('conversationId', conversation.id)
      .whereNotNull('imageFileName')
      .firstOrFail()
    response.header('Content-Type', message.imageMimeType!)
    response.header('Cache-Control', 'private, max-age=86400')
    response.header('X-Content-Type-Options', 'nosniff')
    return response.download(new PhotoStorage('chat').pathOf(message.imageFileName!))
  }
}
