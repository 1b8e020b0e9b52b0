import { Agent } from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BenchConversation, LoggedIn } from '#tests/bench/bench_users'
import { postJson } from '#tests/bench/live_stream'

/** One offered message: when it was due, how its send went. */
export type Offered = {
  conversationId: number
  dueAt: number
  status?: number
  answeredAt?: number
}

/** The text of message `sequence`: receivers find the number again in what they get. */
export const chatContent = (sequence: number) =>
  `bench-chat #${sequence}: Namaste, is the room still free this month?`

export const sequenceOf = (content: unknown) => {
  const match = /^bench-chat #(\d+):/.exec(String(content ?? ''))
  return match ? Number(match[1]) : null
}

/**
 * Offers `rate` messages a second for `seconds`, open loop: each is sent
 * when due (a fixed schedule from the start), whether or not earlier ones
 * were answered; latencies count from when a message was due, so a slow
 * server cannot hide its queue. Message i goes to conversation i mod n,
 * from its client.
 */
export async function offerMessages(
  baseUrl: string,
  conversations: { conversation: BenchConversation; client: LoggedIn }[],
  { rate, seconds }: { rate: number; seconds: number },
  offered: Offered[]
) {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 })
  const total = Math.round(rate * seconds)
  const sends: Promise<void>[] = []
  const start = performance.now()
  const dueAt = (sequence: number) => start + (sequence * 1000) / rate
  const sendNext = () => {
    const sequence = offered.length
    const { conversation, client } = conversations[sequence % conversations.length]
    const one: Offered = { conversationId: conversation.id, dueAt: dueAt(sequence) }
    offered.push(one)
    const payload = { conversation_id: conversation.id, content: chatContent(sequence) }
    sends.push(
      postJson(new URL('/api/messages/send', baseUrl), agent, client, payload).then((status) => {
        one.status = status
        one.answeredAt = performance.now()
      })
    )
  }
  while (offered.length < total) {
    while (offered.length < total && dueAt(offered.length) <= performance.now()) sendNext()
    await sleep(2)
  }
  await Promise.all(sends)
  agent.destroy()
}
