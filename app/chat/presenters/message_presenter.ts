import { type DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { formatNepalTime } from '#core/format'

/**
 * What presenting a message reads: a Message model, or a plain row of
 * #chat/queries/message_history (camel-cased, dates as Date).
 */
export type MessageFields = {
  id: number | bigint
  conversationId: number
  senderId: number
  receiverId: number
  content: string | null
  imageFileName: string | null
  callId?: number | null
  clientKey?: string | null
  readAt: DateTime | Date | null
  createdAt: DateTime | Date
}

/**
 * A message as pages and live updates get it. Text stays text: the page
 * puts it in the DOM with textContent, never as HTML.
 */
export function presentMessage(message: MessageFields) {
  const id = Number(message.id)
  return {
    id,
    conversationId: message.conversationId,
    senderId: message.senderId,
    receiverId: message.receiverId,
    content: message.content,
    imageUrl: message.imageFileName
      ? urlFor('chat.image', { conversationId: message.conversationId, messageId: id })
      : null,
    callId: message.callId ?? null,
    // The sender's idempotency key: their page matches its pending bubble to the stored message.
    clientKey: message.clientKey ?? null,
    readAt: message.readAt ? isoTime(message.readAt) : null,
    createdAt: isoTime(message.createdAt),
    time: formatNepalTime(message.createdAt, 'h:mm a'),
    day: formatNepalTime(message.createdAt, 'cccc, d LLL yyyy'),
  }
}

/** An instant in ISO 8601 as luxon writes it for UTC (`…T12:30:00.000+00:00`), without luxon. */
function isoTime(value: DateTime | Date) {
  const iso = (value instanceof Date ? value : value.toJSDate()).toISOString()
  return `${iso.slice(0, -1)}+00:00`
}

export type PresentedMessage = ReturnType<typeof presentMessage>

export { messagePreview } from '#models/message'
