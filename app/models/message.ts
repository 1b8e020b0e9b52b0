import { MessageSchema } from '#database/schema'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Conversation from '#models/conversation'
import User from '#models/user'

/**
 * One chat message: text, an image, or both, with its read status (the
 * original Django Message).
 */
export default class Message extends MessageSchema {
  @column({ serializeAs: null })
  declare imageFileName: string | null

  @belongsTo(() => Conversation)
  declare conversation: BelongsTo<typeof Conversation>

  @belongsTo(() => User, { foreignKey: 'senderId' })
  declare sender: BelongsTo<typeof User>

  get imageUrl() {
    return this.imageFileName
      ? urlFor('chat.image', { conversationId: this.conversationId, messageId: Number(this.id) })
      : null
  }
}

/**
 * A short, plain-text preview of a message, for inboxes, live previews and
 * notifications ("Photo" for a picture without text).
 */
export function messagePreview(message: Pick<Message, 'content' | 'imageFileName'>, length = 80) {
  const text = (message.content ?? '').replace(/\s+/g, ' ').trim()
  if (!text) return message.imageFileName ? 'Photo' : ''
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
