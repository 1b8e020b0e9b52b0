import type Message from '#models/message'
import { formatNepalTime } from '#core/format'

/**
 * A message as pages and live updates get it. Text stays text: the page
 * puts it in the DOM with textContent, never as HTML.
 */
export function presentMessage(message: Message) {
  return {
    id: Number(message.id),
    conversationId: message.conversationId,
    senderId: message.senderId,
    receiverId: message.receiverId,
    content: message.content,
    imageUrl: message.imageUrl,
    callId: message.callId ?? null,
    // The sender's idempotency key: their page matches its pending bubble to the stored message.
    clientKey: message.clientKey ?? null,
    readAt: message.readAt?.toISO() ?? null,
    createdAt: message.createdAt.toISO(),
    time: formatNepalTime(message.createdAt, 'h:mm a'),
    day: formatNepalTime(message.createdAt, 'cccc, d LLL yyyy'),
  }
}

export type PresentedMessage = ReturnType<typeof presentMessage>

export { messagePreview } from '#models/message'
