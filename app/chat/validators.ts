import vine, { errors as vineErrors } from '@vinejs/vine'
import { imageContentRule } from '#core/validators/image_content'
import uploads from '#config/uploads'
import chatConfig from '#config/chat'
import { bigId, bigIdCursor, intId } from '#core/validators/ids'

/**
 * Which conversation a request is about: its id, or a room (and, for an
 * owner with several clients on that room, which client).
 */
const conversationPicker = {
  conversationId: intId().optional(),
  roomId: intId().optional(),
  clientId: intId().optional(),
}

/** What an idempotency key of a send looks like (a UUID fits): 8 to 64 of A-Z a-z 0-9 _ -. */
export const CLIENT_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/**
 * A message: text up to CHAT_MESSAGE_MAX_LENGTH, an image, or both, with
 * an optional `client_key` the browser makes once per message and repeats
 * on every retry, so a retried send stores nothing twice.
 */
export const sendMessageValidator = vine.create({
  ...conversationPicker,
  clientKey: vine.string().regex(CLIENT_KEY_PATTERN).optional(),
  content: vine.string().multiline().trim().maxLength(chatConfig.messageMaxLength).optional(),
  image: vine
    .file({ size: `${uploads.chatImageMaxSizeMb}mb`, extnames: ['jpg', 'jpeg', 'png', 'webp'] })
    .use(imageContentRule())
    .optional(),
})

/**
 * A page of history: newest first, `before` an id for older ones, or
 * `after` an id for what a reconnecting page missed.
 */
export const historyValidator = vine.create({
  ...conversationPicker,
  before: bigId().optional(),
  after: bigIdCursor().optional(),
  limit: vine.number().withoutDecimals().min(1).max(100).optional(),
})

/**
 * Marking messages read: all, or up to an id.
 */
export const markReadValidator = vine.create({
  ...conversationPicker,
  upToId: bigId().optional(),
})

/**
 * Just which conversation (typing).
 */
export const conversationValidator = vine.create(conversationPicker)

/**
 * A message needs text or a photo: refuses an empty one as a field error.
 */
export function requireSomethingToSend(input: { content?: string; image?: unknown }) {
  if (!input.content && !input.image) {
    throw new vineErrors.E_VALIDATION_ERROR([
      { field: 'content', rule: 'required', message: 'Write a message or add a photo' },
    ])
  }
}
