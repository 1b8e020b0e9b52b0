import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BenchConversation, LoggedIn } from '#tests/bench/bench_users'

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

function post(baseUrl: string, agent: Agent, user: LoggedIn, body: string) {
  return new Promise<number>((resolve) => {
    const outgoing = request(
      new URL('/api/messages/send', baseUrl),
      {
        method: 'POST',
        agent,
        headers: {
          'cookie': user.cookie,
          'x-xsrf-token': user.xsrf,
          'accept': 'application/json',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      }
    )
    outgoing.on('error', () => resolve(0))
    outgoing.end(body)
  })
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
    const body = JSON.stringify({
      conversation_id: conversation.id,
      content: chatContent(sequence),
    })
    sends.push(
      post(baseUrl, agent, client, body).then((status) => {
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
