import { configProvider } from '@adonisjs/core'
import { MessageBuilder } from '@adonisjs/core/helpers'
import string from '@adonisjs/core/helpers/string'
import type { ConfigProvider } from '@adonisjs/core/types'
import type {
  SessionData,
  SessionStoreFactory,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'
import { stores } from '@adonisjs/session'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * A request within this long of the session's last renewal does not renew
 * it again: idle expiry stays exact to the minute, and a burst of requests
 * (a chat, a page and its API calls) costs one write instead of one each.
 */
const RENEWED_WITHIN_MS = 60_000

type Options = { tableName: string; gcProbability: number }

/**
 * The session database store of @adonisjs/session with a cheaper renewal:
 * it reads the row itself (the same statement, keeping `expires_at`) and
 * skips `touch` when the session was renewed less than a minute ago.
 * Writing, tagging and everything else is the library's store.
 */
class RenewLessOftenStore implements SessionStoreWithTaggingContract {
  #expiresAt: number | null = null

  constructor(
    private library: SessionStoreWithTaggingContract,
    private client: LucidClient,
    private options: Options & { ttlMs: number }
  ) {}

  async read(sessionId: string): Promise<SessionData | null> {
    // A written-out statement: every request of a logged-in user runs it.
    const { rows } = await this.client.rawQuery(
      `SELECT data, expires_at FROM "${this.options.tableName}" WHERE id = ? LIMIT 1`,
      [sessionId]
    )
    const row = rows[0]
    if (!row) return null
    const expiresAt = new Date(row.expires_at).getTime()
    if (Date.now() > expiresAt) {
      await this.destroy(sessionId)
      return null
    }
    this.#expiresAt = expiresAt
    try {
      return new MessageBuilder().verify(row.data, sessionId)
    } catch {
      return null
    }
  }

  async touch(sessionId: string) {
    const renewedAt = this.#expiresAt === null ? null : this.#expiresAt - this.options.ttlMs
    if (renewedAt !== null && Date.now() - renewedAt < RENEWED_WITHIN_MS) return
    await this.library.touch(sessionId)
  }

  write(sessionId: string, data: SessionData) {
    return this.library.write(sessionId, data)
  }
  destroy(sessionId: string) {
    return this.library.destroy(sessionId)
  }
  tag(sessionId: string, userId: string | number) {
    return this.library.tag(sessionId, userId)
  }
  untag(sessionId: string, userId: string | number) {
    return this.library.untag(sessionId, userId)
  }
  tagged(userId: string | number) {
    return this.library.tagged(userId)
  }
}

type LucidClient = Pick<QueryClientContract, 'rawQuery'>

/** `stores.database()` with renewals at most once a minute (config/session.ts). */
export function databaseStoreRenewingLessOften(
  options: Options
): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (app) => {
    const libraryFactory = await stores.database(options).resolver(app)
    const db = await app.container.make('lucid.db')
    return (ctx, sessionConfig) => {
      const library = libraryFactory(ctx, sessionConfig) as SessionStoreWithTaggingContract
      const ttlMs = string.seconds.parse(sessionConfig.age) * 1000
      return new RenewLessOftenStore(library, db.connection(), { ...options, ttlMs })
    }
  })
}
