import transmit from '@adonisjs/transmit/services/main'
import logger from '@adonisjs/core/services/logger'
import type { EventsList } from '@adonisjs/core/types'
import Conversation from '#models/conversation'
import { userChannel } from '#core/live/channels'

/**
 * Tells both people that their conversation is open, once the unlock that
 * opens it is complete (OpenConversation stored it in the same commit).
 */
export default class AnnounceOpenedConversation {
  async handle({ payment }: EventsList['payment:status_changed']) {
    if (!payment.isComplete) return
    try {
      const conversation = await Conversation.query()
        .where('roomId', payment.roomId)
        .where('clientId', payment.clientId)
        .first()
      if (!conversation) return
      const event = {
        type: 'conversation.new',
        conversationId: conversation.id,
        roomId: conversation.roomId,
      }
      transmit.broadcast(userChannel(conversation.ownerId), event)
      transmit.broadcast(userChannel(conversation.clientId), event)
    } catch (error) {
      logger.error({ err: error, paymentId: payment.id }, 'announcing the conversation failed')
    }
  }
}
