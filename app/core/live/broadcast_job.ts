import transmit from '@adonisjs/transmit/services/main'
import type { LiveMessage } from '#core/live/durable_broadcast'

/** Works off one durable broadcast (see broadcastDurably). */
export default class BroadcastJob {
  async handle({ messages }: { messages: LiveMessage[] }) {
    for (const { channel, data } of messages) transmit.broadcast(channel, data as any)
  }
}
