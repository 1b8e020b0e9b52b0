import vine, { errors as vineErrors } from '@vinejs/vine'
import { imageContentRule } from '#core/validators/image_content'
import uploads from '#config/uploads'
import chatConfig from '#config/chat'

const id = () => vine.number().withoutDecimals().min(1)

/**
 * Which conversation a request is about: its id, or a room (and, for an
 * owner with several clients on that room, which client).
 */
const conversationPicker = {
  conversationId: id().optional(),
  roomId: id().optional(),
  clientId: id().optional(),
}

/**
 * A message: text up to CHAT_MESSAGE_MAX_LENGTH, an image, or both.
 */
export const sendMessageValidator = vine.create({
  ...conversationPicker,
  content: vine.string().trim().maxLength(chatConfig.messageMaxLength).optional(),
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
  before: id().optional(),
  after: vine.number().withoutDecimals().min(0).optional(),
  limit: vine.number().withoutDecimals().min(1).max(100).optional(),
})

/**
 * Marking messages read: all, or up to an id.
 */
export const markReadValidator = vine.create({
  ...conversationPicker,
  upToId: id().optional(),
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
