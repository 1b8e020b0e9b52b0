import { randomUUID } from 'node:crypto'
import { type Agent, request, type ClientRequest } from 'node:http'
import type { LoggedIn } from '#tests/bench/bench_users'

/** A live event as the stream carried it: `{ channel, payload }`, and when it arrived. */
export type LiveEvent = { channel: string; payload: any }

/**
 * One Transmit stream of a logged-in user, as the browser's client opens
 * it: GET /__transmit/events?uid=… on a connection of its own, then
 * POST /__transmit/subscribe for a channel. Events (`data:` lines, several
 * lines joined) are handed to `onEvent` as they arrive.
 */
export class LiveStream {
  readonly uid = randomUUID()
  open = false
  #request?: ClientRequest

  constructor(
    private baseUrl: string,
    readonly user: LoggedIn,
    private onEvent: (event: LiveEvent) => void
  ) {}

  /** Resolves with 200 once the stream said `:ok`, or with the status it was refused with (0: no answer). */
  connect(): Promise<number> {
    return new Promise((resolve) => {
      const url = new URL(`/__transmit/events?uid=${this.uid}`, this.baseUrl)
      const headers = { cookie: this.user.cookie, accept: 'text/event-stream' }
      this.#request = request(url, { agent: false, headers }, (response) => {
        if (response.statusCode !== 200) {
          response.resume()
          return resolve(response.statusCode ?? 0)
        }
        response.setEncoding('utf8')
        let buffer = ''
        response.on('data', (chunk: string) => {
          buffer += chunk
          if (!this.open && buffer.includes(':ok')) {
            this.open = true
            resolve(200)
          }
          buffer = this.#dispatch(buffer)
        })
        response.on('close', () => (this.open = false))
      })
      this.#request.on('error', () => {
        this.open = false
        resolve(0)
      })
      this.#request.end()
    })
  }

  /** Hands out every complete event of `buffer`; returns what is left of it. */
  #dispatch(buffer: string) {
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      end = buffer.indexOf('\n\n')
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
        .join('\n')
      if (!data) continue
      try {
        this.onEvent(JSON.parse(data))
      } catch {
        // Not JSON: not an event this bench looks for.
      }
    }
    return buffer
  }

  close() {
    this.#request?.destroy()
    this.open = false
  }
}

/** POST /__transmit/subscribe for a stream, as Transmit's client sends it; the status (204: allowed). */
export function subscribe(stream: LiveStream, channel: string, agent: Agent, baseUrl: string) {
  return postJson(new URL('/__transmit/subscribe', baseUrl), agent, stream.user, {
    uid: stream.uid,
    channel,
  })
}

/**
 * A JSON POST as a logged-in page's script sends it (session cookie and
 * CSRF token); resolves with the status, 0 when no answer came.
 */
export function postJson(url: URL, agent: Agent, user: LoggedIn, payload: object) {
  const body = JSON.stringify(payload)
  return new Promise<number>((resolve) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'cookie': user.cookie,
          'x-csrf-token': user.csrf,
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
