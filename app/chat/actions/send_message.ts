import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Conversation from '#models/conversation'
import Message from '#models/message'
import type User from '#models/user'
import { PhotoStorage, type StoredPhoto } from '#core/uploads/photo_storage'
import { announce } from '#core/events/outbox'
import { ChatForbidden } from '#chat/queries/conversation_finder'

/**
 * What a participant sends: text, an image, or both, and the idempotency
 * key the browser made for this send (the same on every retry).
 */
export type MessageInput = {
  content?: string | null
  image?: MultipartFile | null
  clientKey?: string | null
}

/** The stored message, and whether this call stored it (false: a retry found it). */
type Stored = { message: Message; fresh: boolean }

/**
 * Stores a message (text and/or image) from one participant to the other
 * and moves the conversation's last activity; `message:sent` is announced
 * in the transaction (#core/events/outbox: outbox listeners inside it,
 * live ones after the commit). Callers authorize first (ConversationPolicy).
 *
 * A send with a `clientKey` is idempotent: a retry (its answer lost, or
 * two at once) returns the message stored by the first, with no copy and
 * no second `message:sent`. The key belongs to its sender: the other
 * participant's key is refused (409), never answered with their message.
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
    try {
      const { message, fresh } = trx
        ? await this.#store(sender, conversation, input, image, trx)
        : await db.transaction((own) => this.#store(sender, conversation, input, image, own))
      // A retry found the first copy: this retry's photo is not needed.
      if (!fresh) await forget()
      // Inside someone else's transaction: undo the file on its rollback.
      else if (trx) trx.after('rollback', forget)
      return message
    } catch (error) {
      await forget()
      throw error
    }
  }

  async #store(
    sender: User,
    conversation: Conversation,
    input: MessageInput,
    image: StoredPhoto | null,
    trx: TransactionClientContract
  ): Promise<Stored> {
    const now = new Date()
    await lockAndTouch(conversation, now, trx)
    const clientKey = input.clientKey || null
    const [inserted] = await trx
      .insertQuery()
      .table('messages')
      .insert({
        conversation_id: conversation.id,
        sender_id: sender.id,
        receiver_id: conversation.otherParticipantId(sender.id),
        content: input.content?.trim() || null,
        image_file_name: image?.fileName ?? null,
        image_mime_type: image?.mimeType ?? null,
        image_size_bytes: image?.sizeBytes ?? null,
        client_key: clientKey,
        created_at: now,
      })
      .onConflict(['conversation_id', 'client_key'])
      .ignore()
      .returning('*')
    if (!inserted) {
      // A send with this key was stored before (a retry): answer with its message.
      return { message: (await storedSend(conversation, sender, clientKey!, trx))!, fresh: false }
    }
    // The stored row as the model reads it (no second round trip).
    const message = Message.$createFromAdapterResult(inserted, {}, { client: trx })!
    // Outbox listeners (push) inside this transaction, live ones after its commit; a retry
    // that finds the stored copy announces nothing.
    await announce(trx, 'message:sent', { message, conversation, sender })
    return { message, fresh: true }
  }
}

/**
 * Moves the conversation's last activity, which locks its row: one send at
 * a time per conversation, so ids follow commit order and a page asking for
 * what came "after <the last id it saw>" never skips an earlier commit. The
 * same statement re-checks, under the lock, that the unlock still stands
 * (a refund committed since the policy's check closes the chat).
 */
async function lockAndTouch(conversation: Conversation, now: Date, trx: TransactionClientContract) {
  const { rows } = await trx.rawQuery(
    `update conversations set last_message_at = ?, updated_at = ? where id = ?
     returning ${Conversation.unlockStandsExpression} as unlock_stands`,
    [now, now, conversation.id]
  )
  const row = rows[0] as { unlock_stands: boolean } | undefined
  if (!row?.unlock_stands) {
    throw new ChatForbidden(
      'This chat is closed: the unlock of this room was refunded or reversed',
      {
        code: 'E_UNLOCK_REVOKED',
      }
    )
  }
}

/**
 * The message a sender already stored with this key in this conversation.
 * The same key from the other participant is refused, without a word of
 * the stored message.
 */
async function storedSend(
  conversation: Conversation,
  sender: User,
  clientKey: string,
  trx: TransactionClientContract
) {
  const message = await Message.query({ client: trx })
    .where('conversationId', conversation.id)
    .where('clientKey', clientKey)
    .first()
  if (message && message.senderId !== sender.id) {
    throw new Exception('This client_key is already used in this conversation: make a new one', {
      status: 409,
      code: 'E_CLIENT_KEY_TAKEN',
    })
  }
  return message
}
