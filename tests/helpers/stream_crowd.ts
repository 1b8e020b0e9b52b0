import { randomUUID } from 'node:crypto'
import { request, type ClientRequest } from 'node:http'

/**
 * Many open Transmit streams from one process, one connection each (plain
 * node:http, no pooling), for measuring what a shutdown does with them.
 */
export class StreamCrowd {
  opened = 0
  refused = 0
  /** Streams the server ended cleanly, and how many of those said `retry:` first. */
  ended = 0
  toldToRetry = 0
  /** Streams cut without an end (reset, destroyed). */
  cut = 0
  #requests = new Set<ClientRequest>()

  constructor(
    private baseUrl: string,
    private cookie: string
  ) {}

  /** Opens `count` streams, `batch` at a time; resolves once all answered. */
  async open(count: number, batch = 250) {
    for (let start = 0; start < count; start += batch) {
      const size = Math.min(batch, count - start)
      await Promise.all(Array.from({ length: size }, () => this.#openOne()))
    }
    return this.opened
  }

  get stillOpen() {
    return this.opened - this.ended - this.cut
  }

  close() {
    for (const one of this.#requests) one.destroy()
    this.#requests.clear()
  }

  #openOne() {
    return new Promise<void>((resolve) => {
      const url = new URL(`/__transmit/events?uid=${randomUUID()}`, this.baseUrl)
      const one = request(url, { agent: false, headers: { cookie: this.cookie } }, (response) => {
        if (response.statusCode !== 200) {
          this.refused++
          response.resume()
          return resolve()
        }
        let body = ''
        let counted = false
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          body = (body + chunk).slice(-200)
          if (!counted && body.includes(':ok')) {
            counted = true
            this.opened++
            resolve()
          }
        })
        response.on('close', () => {
          if (!response.complete) return this.cut++
          this.ended++
          if (/^retry: \d+$/m.test(body)) this.toldToRetry++
        })
      })
      one.on('error', () => {
        this.refused++
        resolve()
      })
      one.end()
      this.#requests.add(one)
    })
  }
}
