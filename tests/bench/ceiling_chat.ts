import { createHash } from 'node:crypto'
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

/** #core/jobs/job_key: the job id a key stands for (a version-8 UUID of its hash). */
function jobIdFor(queue: string, key: string) {
  const hex = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex')
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20),
    hex.slice(20, 32),
  ].join('-')
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
