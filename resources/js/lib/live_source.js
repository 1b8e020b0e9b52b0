import { backoffDelay, randomId } from './backoff.js'
import { csrfToken } from './http.js'

/**
 * The two pieces under the Transmit client (resources/js/live.js plugs
 * them in through its factories), because on its own it gives up:
 * - a browser EventSource retries a network error by itself, but an HTTP
 *   error status (a 502 or 503 while the server restarts, a 401) closes it
 *   for good, and Transmit closes it after 5 errors in a row anyway;
 * - Transmit reconnects with the same uid, and the server, when the old
 *   stream's close arrives after the new stream opened, forgets the new
 *   stream's subscriptions (they are stored by uid).
 * So every failure, whatever it is, closes the stream and opens a new one,
 * with a new uid, after a back-off; and the subscribe requests carry the
 * uid of the stream open now.
 */

/** The uid of the stream open now, shared by the event source and the HTTP client. */
export function createLiveSession() {
  return { uid: randomId() }
}

/**
 * Looks like the EventSource Transmit expects (addEventListener for open,
 * message, error; close), and never stays down: after any error it waits
 * (back-off, cut short when the browser comes back online) and opens a new
 * stream. Going offline drops the stream at once, so pages know.
 */
export class ResilientEventSource {
  #listeners = { open: new Set(), message: new Set(), error: new Set() }
  #source = null
  #timer = null
  #attempt = 0
  #closed = false
  #online = () => this.#reconnectNow()
  #offline = () => this.#fail()

  /** `url(uid)` builds the stream's URL for a new uid, stored in `session`. */
  constructor(url, session, options = {}) {
    this.url = url
    this.session = session
    this.options = options
    window.addEventListener('online', this.#online)
    window.addEventListener('offline', this.#offline)
    this.#open()
  }

  addEventListener(type, listener) {
    this.#listeners[type]?.add(listener)
  }

  removeEventListener(type, listener) {
    this.#listeners[type]?.delete(listener)
  }

  /** Closes for good (Transmit's close()). */
  close() {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#source?.close()
    this.#source = null
    window.removeEventListener('online', this.#online)
    window.removeEventListener('offline', this.#offline)
  }

  #emit(type, event) {
    for (const listener of this.#listeners[type]) listener(event)
  }

  #open() {
    if (this.#closed) return
    this.session.uid = randomId()
    const source = new window.EventSource(this.url(this.session.uid), {
      withCredentials: Boolean(this.options.withCredentials),
    })
    source.addEventListener('open', (event) => {
      this.#attempt = 0
      this.#emit('open', event)
    })
    source.addEventListener('message', (event) => this.#emit('message', event))
    source.addEventListener('error', () => {
      if (source === this.#source) this.#fail()
    })
    this.#source = source
  }

  /** Any failure: close this stream, tell Transmit, and open another after a back-off. */
  #fail() {
    if (this.#closed || !this.#source) return
    this.#source.close()
    this.#source = null
    this.#emit('error', new window.Event('error'))
    const delay = backoffDelay(this.#attempt++)
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#open()
    }, delay)
  }

  /** Back online: no need to wait for the back-off. */
  #reconnectNow() {
    if (this.#closed || this.#source) return
    clearTimeout(this.#timer)
    this.#timer = null
    this.#attempt = 0
    this.#open()
  }
}

/**
 * Transmit's HTTP client (subscribe, unsubscribe), with the current uid,
 * and telling `onSubscribe(channel, status)` how each subscribe went
 * (status 0: no answer), which Transmit itself keeps to itself.
 */
export class LiveHttpClient {
  #requests = new WeakMap()

  constructor(baseUrl, session, onSubscribe) {
    this.baseUrl = baseUrl
    this.session = session
    this.onSubscribe = onSubscribe
  }

  createRequest(path, body) {
    const request = new window.Request(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrfToken() },
      body: JSON.stringify({ ...body, uid: this.session.uid }),
      credentials: 'include',
    })
    this.#requests.set(request, { path, channel: body.channel, uid: this.session.uid })
    return request
  }

  async send(request) {
    const { path, channel, uid } = this.#requests.get(request) ?? {}
    const subscribing = path === '/__transmit/subscribe'
    try {
      const response = await fetch(request)
      // Made for a stream that has closed since: it subscribed nothing that lives.
      if (subscribing) this.onSubscribe(channel, uid === this.session.uid ? response.status : 0)
      return response
    } catch (error) {
      if (subscribing) this.onSubscribe(channel, 0)
      throw error
    }
  }
}
