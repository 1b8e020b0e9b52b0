import vine from '@vinejs/vine'

/**
 * Calling someone: which conversation.
 */
export const startCallValidator = vine.create({
  conversationId: vine.number().withoutDecimals().min(1),
})

/**
 * A browser's report that the call could not connect.
 */
export const callFailureValidator = vine.create({
  reason: vine.string().trim().maxLength(60).optional(),
})
