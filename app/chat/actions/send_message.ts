import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Conversation from '#models/conversation'
import Message from '#models/message'
import type User from '#models/user'
import { PhotoStorage, type StoredPhoto } from '#core/uploads/photo_storage'

/** What a participant sends: text, an image, or both. */
export type MessageInput = { content?: string | null; image?: MultipartFile | null }

/**
 * Stores a message (text and/or image) from one participant to the other
 * and moves the conversation's last activity; `message:sent` follows the
 * commit. Callers authorize first (ConversationPolicy).
 */
export default class SendMessage {
  constructor(private images = new PhotoStorage('chat')) {}

  async handle(
    sender: User,
    conversation: Conversation,
    input: MessageInput,
    trx?: TransactionClientContract
  ) {
    const image = input.image ? await this.images.storeUpload(input.image) : null
    const forget = async () => {
      if (image) await this.images.remove([image.fileName])
    }
    let message: Message
    try {
      message = trx
        ? await this.#store(sender, conversation, input, image, trx)
        : await db.transaction((own) => this.#store(sender, conversation, input, image, own))
    } catch (error) {
      await forget()
      throw error
    }
    const announce = () => emitter.emit('message:sent', { message, conversation, sender })
    if (!trx) {
      await announce()
    } else {
      // Inside someone else's transaction: announce its commit, undo the file on its rollback.
      trx.after('commit', announce)
      trx.after('rollback', forget)
    }
    return message
  }

  async #store(
    sender: User,
    conversation: Conversation,
    input: MessageInput,
    image: StoredPhoto | null,
    trx: TransactionClientContract
  ) {
    const message = await Message.create(
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
      .update({ lastMessageAt: message.createdAt.toJSDate(), updatedAt: new Date() })
    return message
  }
}
