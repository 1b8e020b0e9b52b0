import { randomUUID } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/message'
import Room from '#models/room'
import SendMessage from '#chat/actions/send_message'
import MarkMessagesRead from '#chat/actions/mark_messages_read'
import ConversationPolicy from '#chat/policies/conversation_policy'
import { findConversation } from '#chat/queries/conversation_finder'
import { inbox } from '#chat/queries/inbox'
import { messageHistory } from '#chat/queries/message_history'
import { presentMessage } from '#chat/presenters/message_presenter'
import { PhotoStorage } from '#core/uploads/photo_storage'
import { requireSomethingToSend, sendMessageValidator } from '#chat/validators'
import chatConfig from '#config/chat'
import uploads from '#config/uploads'

/**
 * Chat pages: the inbox, a conversation (working before any script runs),
 * and the images, which only the two participants can load.
 */
export default class ConversationsController {
  /** GET /conversations: the inbox. */
  async index({ auth, view }: HttpContext) {
    const entries = await inbox(auth.user!)
    return view.render('pages/chat/index', { entries })
  }

  /**
   * GET /rooms/:id/chat: the chat of this room for the client who unlocked it.
   */
  async forRoom({ auth, bouncer, params, response }: HttpContext) {
    const room = await Room.findOrFail(params.id)
    const conversation = await findConversation(auth.user!, { roomId: room.id })
    await bouncer.with(ConversationPolicy).authorize('access', conversation)
    return response.redirect().toRoute('chat.show', { id: conversation.id })
  }

  /** GET /conversations/:id: the newest history; opening it reads it. */
  async show({ auth, bouncer, params, view }: HttpContext) {
    const conversation = await findConversation(auth.user!, { conversationId: params.id })
    await bouncer.with(ConversationPolicy).authorize('access', conversation)
    await conversation.load('room')
    await conversation.load('client')
    await conversation.load('owner')
    const { messages, hasMore } = await messageHistory(conversation)
    // Opening the conversation reads what was sent to this user.
    await new MarkMessagesRead().handle(auth.user!, conversation)
    const me = auth.user!
    return view.render('pages/chat/show', {
      conversation,
      other: me.id === conversation.ownerId ? conversation.client : conversation.owner,
      messages: messages.reverse().map(presentMessage),
      hasMore,
      // The form's idempotency key: a resubmitted form stores its message once.
      clientKey: randomUUID(),
      maxLength: chatConfig.messageMaxLength,
      imageMaxSizeMb: uploads.chatImageMaxSizeMb,
    })
  }

  /**
   * POST /conversations/:id/messages: sending without script.
   */
  async store({ auth, bouncer, params, request, response }: HttpContext) {
    const conversation = await findConversation(auth.user!, { conversationId: params.id })
    await bouncer.with(ConversationPolicy).authorize('access', conversation)
    const input = await request.validateUsing(sendMessageValidator)
    requireSomethingToSend(input)
    await new SendMessage().handle(auth.user!, conversation, input)
    return response.redirect().toRoute('chat.show', { id: conversation.id })
  }

  /** GET /conversations/:conversationId/messages/:messageId/image, for the two people only. */
  async image({ auth, bouncer, params, response }: HttpContext) {
    const conversation = await findConversation(auth.user!, {
      conversationId: params.conversationId,
    })
    await bouncer.with(ConversationPolicy).authorize('access', conversation)
    const message = await Message.query()
      .where('id', params.messageId)
      .where('conversationId', conversation.id)
      .whereNotNull('imageFileName')
      .firstOrFail()
    response.header('Content-Type', message.imageMimeType!)
    // Private pictures, maybe on a shared phone or a cyber café's computer: never stored by
    // the browser, so a refund (access ends) or a logout takes effect at once.
    response.header('Cache-Control', 'private, no-store')
    response.header('X-Content-Type-Options', 'nosniff')
    return response.download(new PhotoStorage('chat').pathOf(message.imageFileName!))
  }
}
