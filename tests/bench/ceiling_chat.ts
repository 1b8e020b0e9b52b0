import { createHash } from 'node:crypto'
import { jobIdFor } from '#core/jobs/job_key'
import { messageTimes } from '#tests/bench/ceiling_format'

/**
 * The ceiling's chat work besides SQL: messages shaped as Kotha's API
 * answers them (#chat/presenters/message_presenter), and the push job of
 * a sent message shaped as #push/push_jobs stores it (its data and id).
 */

const iso = (value: Date | string | null) =>
  value ? new Date(value).toISOString().replace('Z', '+00:00') : null

export function presentMessage(row: any) {
  return {
    id: Number(row.id),
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    receiverId: row.receiver_id,
    content: row.content,
    imageUrl: row.image_file_name
      ? `/conversations/${row.conversation_id}/messages/${row.id}/image`
      : null,
    callId: row.call_id ?? null,
    clientKey: row.client_key ?? null,
    readAt: iso(row.read_at),
    createdAt: iso(row.created_at),
    ...messageTimes(row.created_at),
  }
}

/** The receiver's notification job, as PushNotifications.onMessageSent queues it. */
export function pushJob(message: any, senderFirstName: string) {
  const key = `message:${message.id}:${new Date(message.created_at).getTime()}:user:${message.receiver_id}`
  const tag = `message-conversation-${message.conversation_id}`
  const text = String(message.content).replace(/\s+/g, ' ').trim()
  const payload = {
    v: 1,
    kind: 'message',
    title: senderFirstName,
    body: text.length > 200 ? `${text.slice(0, 199)}…` : text,
    url: `/conversations/${message.conversation_id}`,
    tag,
    renotify: true,
    requireInteraction: false,
    actions: [],
    count: 1,
    sentAt: new Date().toISOString(),
    id: key,
  }
  const topic = createHash('sha256').update(tag).digest('base64url').slice(0, 32)
  const push = { kind: 'message', tag, ttlSeconds: 43200, urgency: 'normal', topic, payload, key }
  return { id: jobIdFor('push.deliver', key), data: { userId: message.receiver_id, push } }
}
