import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { EventSource } from 'eventsource'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { HttpSession } from '#tests/helpers/sse_client'
import OpenConversation from '#chat/actions/open_conversation'
import { completedUnlock } from '#database/factories/conversation_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'

/**
 * Runs `work` in a transaction on another database (a production child's)
 * through a Lucid connection of its own, closed afterwards.
 */
export async function inDatabase<T>(
  databaseName: string,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  const primary = db.getRawConnection(db.primaryConnectionName)!.config
  const connection = primary.connection as Record<string, unknown>
  db.manager.add(databaseName, {
    ...primary,
    connection: connection.connectionString
      ? {
          ...connection,
          connectionString: withDatabase(String(connection.connectionString), databaseName),
        }
      : { ...connection, database: databaseName },
  } as typeof primary)
  try {
    return await db.connection(databaseName).transaction(work)
  } finally {
    await db.manager.close(databaseName, true)
  }
}

/**
 * An owner, a room, a client whose unlock is complete and the conversation
 * it opened, written straight into another database. Passwords are TEST_PASSWORD.
 */
export function seedConversationIn(databaseName: string) {
  return inDatabase(databaseName, async (trx) => {
    const owner = await UserFactory.client(trx).apply('owner').create()
    const client = await UserFactory.client(trx).create()
    const room = await RoomFactory.client(trx).merge({ ownerId: owner.id }).create()
    const payment = await completedUnlock(client.id, room, trx)
    const { conversation } = await new OpenConversation().handle(payment, trx)
    return { owner, client, room, conversationId: conversation.id }
  })
}

function withDatabase(connectionString: string, databaseName: string) {
  const url = new URL(connectionString)
  url.pathname = `/${databaseName}`
  return url.toString()
}

/**
 * One participant's open chat page, as resources/js does it: one Transmit
 * stream that the EventSource reopens by itself after a drop (it follows the
 * server's `retry:`), a subscription to the conversation on every open,
 * and a catch-up through the history API's `after` cursor.
 *
 * The cursor moves only with catch-up pages, never with streamed messages,
 * so a message sent while the stream was down is fetched even when a later
 * one already arrived live. Each id is recorded once, with how it came.
 */
export class LiveReceiver {
  readonly uid = randomUUID()
  readonly seen = new Map<number, 'stream' | 'catch-up'>()
  /** Ids that came a second time (on the stream and in a catch-up): ignored, as the page does. */
  repeats = 0
  opens = 0
  /** Subscribed on the current stream: messages arrive live. */
  live = false
  #cursor = 0
  #source?: EventSource
  #work: Promise<void> = Promise.resolve()

  constructor(
    private session: HttpSession,
    private conversationId: number
  ) {}

  get channel() {
    return `conversations/${this.conversationId}`
  }

  open() {
    this.#source = new EventSource(`${this.session.baseUrl}/__transmit/events?uid=${this.uid}`, {
      fetch: (input, init) =>
        fetch(input, { ...init, headers: { ...init?.headers, cookie: this.session.cookieHeader } }),
    })
    this.#source.onopen = () => {
      this.opens++
      this.#work = this.#work.then(() => this.#resubscribeAndCatchUp())
    }
    this.#source.onmessage = (event) => {
      const { channel, payload } = JSON.parse(event.data)
      if (channel === this.channel && payload?.type === 'message') {
        this.#record(payload.message.id, 'stream')
      }
    }
  }

  /** Until the server took the subscription (the stream is live) or `ms` passed. */
  async waitUntilLive(ms = 10_000) {
    const deadline = Date.now() + ms
    while (!this.live && Date.now() < deadline) await sleep(20)
    if (!this.live) throw new Error(`stream of ${this.uid} not live within ${ms} ms`)
  }

  /** Everything after the cursor, page by page; false when the server could not answer. */
  async catchUp() {
    while (true) {
      const query = `conversation_id=${this.conversationId}&after=${this.#cursor}&limit=100`
      const response = await this.session.fetch(`/api/messages?${query}`).catch(() => null)
      if (!response || response.status !== 200) return false
      const { data, meta } = (await response.json()) as {
        data: { id: number }[]
        meta: { hasMore: boolean }
      }
      for (const message of data) this.#record(message.id, 'catch-up')
      if (data.length) this.#cursor = data.at(-1)!.id
      if (!meta.hasMore) return true
    }
  }

  close() {
    this.#source?.close()
    this.live = false
  }

  async #resubscribeAndCatchUp() {
    this.live = false
    const response = await this.session
      .fetch('/__transmit/subscribe', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': this.session.csrfToken },
        body: JSON.stringify({ uid: this.uid, channel: this.channel }),
      })
      .catch(() => null)
    // 400: the stream this uid had is gone already (the server is draining); the next open retries.
    this.live = response?.status === 204
    await this.catchUp()
  }

  #record(id: number, how: 'stream' | 'catch-up') {
    if (this.seen.has(id)) this.repeats++
    else this.seen.set(id, how)
  }
}

/**
 * Sends chat messages through the API the way the chat page does: each
 * with its own `client_key`, and a send whose answer never came (server
 * gone, 503, rate limit) sent again with the same key until it is
 * acknowledged. What was acknowledged is what must never be lost.
 */
export class ChatSender {
  /** client_key → the id the server acknowledged. */
  readonly acknowledged = new Map<string, number>()
  retries = 0

  constructor(private conversationId: number) {}

  async send(session: HttpSession, content: string, timeoutMs = 30_000) {
    const clientKey = `key-${randomUUID()}`
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const response = await session
        .fetch('/api/messages/send', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({
            conversation_id: this.conversationId,
            content,
            client_key: clientKey,
          }),
        })
        .catch(() => null)
      if (response && (response.status === 201 || response.status === 200)) {
        const { data } = (await response.json()) as { data: { id: number } }
        this.acknowledged.set(clientKey, data.id)
        return data.id
      }
      if (response && response.status < 500 && response.status !== 429) {
        throw new Error(`send refused: ${response.status} ${await response.text()}`)
      }
      await response?.body?.cancel()
      this.retries++
      const retryAfter = Number(response?.headers.get('retry-after') ?? 0)
      await sleep(retryAfter > 0 ? Math.min(retryAfter * 1000, 3000) : 100)
    }
    throw new Error(`message "${content}" not acknowledged within ${timeoutMs} ms`)
  }
}
