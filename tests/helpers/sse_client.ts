import { randomUUID } from 'node:crypto'
import { EventSource } from 'eventsource'
import env from '#start/env'

/**
 * A real browser-like session over HTTP: cookies from logging in through
 * the login form, and the CSRF token of the last page it opened (its
 * `<meta name="csrf-token">`), which the page's scripts send.
 */
export class HttpSession {
  cookies = new Map<string, string>()
  csrfToken = ''

  /** `baseUrl`: another server than the test one (a production child process). */
  constructor(readonly baseUrl = `http://${env.get('HOST')}:${env.get('PORT')}`) {}

  static async loggedInAs(email: string, password: string, baseUrl?: string) {
    const session = new HttpSession(baseUrl)
    const page = await session.fetch('/login')
    const html = await page.text()
    const csrf = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(html)?.[1]
    const login = await session.fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf ?? '', email, password }).toString(),
    })
    if (
      login.status !== 302 ||
      !['/owner/rooms', '/me'].includes(login.headers.get('location') ?? '')
    ) {
      throw new Error(
        `login as ${email} failed: ${login.status} to ${login.headers.get('location')}`
      )
    }
    // The page logged in to, as a browser would open it: its CSRF token is the session's.
    await session.fetch(login.headers.get('location')!)
    return session
  }

  /**
   * A visitor who opened a page (and so holds a session and a CSRF token) but never logged in.
   */
  static async visitor() {
    const session = new HttpSession()
    await session.fetch('/')
    return session
  }

  get cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async fetch(path: string, init: RequestInit = {}) {
    const response = await fetch(this.baseUrl + path, {
      redirect: 'manual',
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader },
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1))
    }
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      const html = await response.clone().text()
      this.csrfToken =
        /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1] ?? this.csrfToken
    }
    return response
  }
}

/**
 * A Transmit subscriber speaking the wire protocol over a real SSE stream:
 * GET /__transmit/events, then POST /__transmit/subscribe per channel.
 */
export class SseSubscriber {
  /** Every message but pings, with when it arrived (performance.now()). */
  readonly messages: { channel: string; payload: any; receivedAt: number }[] = []
  #source?: EventSource
  #waiters: (() => void)[] = []

  /** `uid`: another subscriber's stream, to send its subscribe requests elsewhere. */
  constructor(
    private session: HttpSession,
    readonly uid: string = randomUUID()
  ) {}

  /**
   * Opens the stream; resolves once it is open, or with the HTTP status
   * the server refused it with.
   */
  open(): Promise<number> {
    return new Promise((resolve) => {
      this.#source = new EventSource(`${this.session.baseUrl}/__transmit/events?uid=${this.uid}`, {
        fetch: async (input, init) => {
          const response = await fetch(input, {
            ...init,
            headers: { ...init?.headers, cookie: this.session.cookieHeader },
          })
          if (!response.ok) resolve(response.status)
          return response
        },
      })
      this.#source.onopen = () => resolve(200)
      this.#source.onerror = () => this.#source?.close()
      this.#source.onmessage = (event) => {
        const message = JSON.parse(event.data)
        if (message.channel === '$$transmit/ping') return
        this.messages.push({ ...message, receivedAt: performance.now() })
        this.#waiters.splice(0).forEach((wake) => wake())
      }
    })
  }

  /**
   * Asks to join a channel; returns the HTTP status (204 when allowed).
   */
  async subscribe(channel: string) {
    const response = await this.session.fetch('/__transmit/subscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': this.session.csrfToken },
      body: JSON.stringify({ uid: this.uid, channel }),
    })
    return response.status
  }

  /**
   * The first message on a channel matching `accept`, waiting up to `ms`.
   */
  async next(channel: string, accept: (payload: any) => boolean = () => true, ms = 5000) {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      const found = this.messages.find(
        (message) => message.channel === channel && accept(message.payload)
      )
      if (found) return found.payload
      await new Promise<void>((wake) => {
        this.#waiters.push(wake)
        setTimeout(wake, 100)
      })
    }
    throw new Error(`no message on ${channel} within ${ms} ms`)
  }

  close() {
    this.#source?.close()
  }
}
