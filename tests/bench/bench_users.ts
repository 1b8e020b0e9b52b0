import { HttpSession } from '#tests/helpers/sse_client'
import { BENCH_PASSWORD, DATA_SET, clientEmail, ownerEmail } from '#tests/bench/data_set'
import { inBatches } from '#tests/bench/stats'

/** A person of the data set, logged in through the login form of Kotha. */
export type LoggedIn = {
  email: string
  userId: number
  /** The session cookie, as a `cookie` header. */
  cookie: string
  /** The CSRF token a page's script sends in `x-csrf-token` on POSTs (its meta tag). */
  csrf: string
}

/** A conversation of the data set and its two people. */
export type BenchConversation = { id: number; roomId: number; clientId: number; ownerId: number }

/** Data set ids: owner n is user n, client n is user owners + n. */
export const emailOfUser = (userId: number) =>
  userId <= DATA_SET.owners ? ownerEmail(userId) : clientEmail(userId - DATA_SET.owners)

/**
 * Logs people in once each (every login costs the server a scrypt hash),
 * a few at a time; asks again for the same person returns the same session.
 */
export class BenchLogins {
  #sessions = new Map<number, Promise<LoggedIn>>()

  constructor(private baseUrl: string) {}

  get count() {
    return this.#sessions.size
  }

  async as(userIds: number[], concurrency = 4): Promise<LoggedIn[]> {
    return inBatches(userIds, concurrency, (userId) => this.#one(userId))
  }

  #one(userId: number) {
    let session = this.#sessions.get(userId)
    if (!session) {
      session = this.#logIn(userId)
      this.#sessions.set(userId, session)
    }
    return session
  }

  async #logIn(userId: number): Promise<LoggedIn> {
    const email = emailOfUser(userId)
    const session = await HttpSession.loggedInAs(email, BENCH_PASSWORD, this.baseUrl)
    return { email, userId, cookie: session.cookieHeader, csrf: session.csrfToken }
  }
}

/** The data set's conversations, by id (as loaded; the bench never adds any). */
export async function loadConversations(
  query: (sql: string) => Promise<{ rows: any[] }>
): Promise<BenchConversation[]> {
  const { rows } = await query(
    `SELECT id, room_id, client_id, owner_id FROM conversations ORDER BY id`
  )
  return rows.map((row) => ({
    id: row.id,
    roomId: row.room_id,
    clientId: row.client_id,
    ownerId: row.owner_id,
  }))
}
