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
