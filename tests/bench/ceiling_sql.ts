/*
|--------------------------------------------------------------------------
| The ceiling's SQL: every statement the minimal server runs
|--------------------------------------------------------------------------
|
| The same database work Kotha does per request, with nothing else around
| it, so "Kotha / ceiling" is the cost of everything that is not SQL. Keep
| it in line with Kotha's statements (the target shapes of the bench brief):
|
| every request    session row, its user (and the session's renewal at the
|                  end, at most once a minute, as Kotha's session store does)
| HTML pages       + the unread badge of the logged-in user
| listing, search  one statement: the page of rooms, the total, photos
| messages         the conversation and its unlock, the newest 51 messages
| send             rate limit (read + upsert); BEGIN, lock the conversation,
|                  insert the message, bump the conversation, queue the
|                  push job, COMMIT; the receiver's badge total (for the
|                  live broadcast)
| room page        room with owner and photos; the client's unlock
| inbox            one statement: conversations, last message, unread
|
*/

/** A pg Pool or pool client. */
export type Db = {
  query<Row = any>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>
}

/** A pg Pool: statements, or a connection of its own for a transaction. */
export type Pool = Db & { connect(): Promise<Db & { release(): void }> }

/** What differs between schemas the ceiling may run on. */
export type Schema = {
  /** conversations.client_unread_count / owner_unread_count exist (counters kept on send/read). */
  unreadCounters: boolean
  /** Triggers on `messages` keep them (the insert moves them): a send must not add to them itself. */
  countersKeptByTriggers: boolean
  /** The pg-boss table the push queue's jobs go to (`pgboss.job`, or the queue's own). */
  pushJobTable: string
}

export const PAGE_SIZE = 12

/** Whether the client's unlock of a conversation's room stands (Conversation.unlockStandsSql). */
const UNLOCK_STANDS = `EXISTS (SELECT 1 FROM payments
  WHERE payments.client_id = conversations.client_id
    AND payments.room_id = conversations.room_id AND payments.status = 'complete')`

/** What the ceiling learns of the schema once, at start. */
export async function readSchema(db: Db): Promise<Schema> {
  const counters = await db.query(
    `SELECT count(*)::int AS found FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'conversations'
       AND column_name IN ('client_unread_count', 'owner_unread_count')`
  )
  const triggers = await db.query(
    `SELECT count(*)::int AS found FROM pg_trigger
     WHERE tgrelid = 'messages'::regclass AND tgname LIKE 'messages_unread_%'`
  )
  const queue = await db
    .query(`SELECT table_name FROM pgboss.queue WHERE name = 'push.deliver'`)
    .catch(() => ({ rows: [] as { table_name: string }[] }))
  return {
    unreadCounters: counters.rows[0].found === 2,
    countersKeptByTriggers: triggers.rows[0].found > 0,
    pushJobTable: `pgboss.${queue.rows[0]?.table_name ?? 'job'}`,
  }
}

/*
| Every request: @adonisjs/session's database store reads the row
| (DatabaseStore.read), @adonisjs/auth's session guard finds the user
| (User.find), and an unmodified session is touched at the end
| (DatabaseStore.touch), written as knex writes them. Kotha's store
| (app/core/http/session_store.ts) touches a session renewed over a
| minute ago only; ceiling_server.ts decides the same way.
*/
export async function sessionRow(db: Db, sessionId: string) {
  const { rows } = await db.query('select * from "sessions" where "id" = $1 limit $2', [
    sessionId,
    1,
  ])
  return rows[0] as { id: string; data: string; expires_at: Date } | undefined
}

export async function userById(db: Db, userId: number) {
  const { rows } = await db.query('select * from "users" where "id" = $1 limit $2', [userId, 1])
  return rows[0] as { id: number; full_name: string; role: 'client' | 'owner' } | undefined
}

export async function touchSession(db: Db, sessionId: string, expiresAt: Date) {
  await db.query('update "sessions" set "expires_at" = $1 where "id" = $2', [expiresAt, sessionId])
}

/** The unread badge of HTML pages: the counters' sum, or a count of unread messages. */
export async function unreadTotal(db: Db, schema: Schema, userId: number) {
  const sql = schema.unreadCounters
    ? `SELECT coalesce(sum(CASE WHEN client_id = $1 THEN client_unread_count
         ELSE owner_unread_count END), 0)::int AS total
       FROM conversations WHERE (client_id = $1 OR owner_id = $1) AND ${UNLOCK_STANDS}`
    : `SELECT count(*)::int AS total FROM messages
       JOIN conversations ON conversations.id = messages.conversation_id
       WHERE messages.receiver_id = $1 AND messages.read_at IS NULL AND ${UNLOCK_STANDS}`
  const { rows } = await db.query(sql, [userId])
  return rows[0].total as number
}

export type ListedRoom = {
  id: number
  title: string
  locality: string
  city: string
  rent_npr: number
  room_type: string
  furnished: boolean
  created_at: Date
  total: number
  first_photo: string | null
  photo_count: number
}

/**
 * GET / and GET /?q=: one page of available rooms, newest first (or by
 * rank for a search), only the rendered columns, the total of all pages
 * (count(*) over ()) and each room's first photo and photo count.
 */
export async function listingPage(db: Db, page: number, tsQuery: string | null) {
  const values: unknown[] = [PAGE_SIZE, (page - 1) * PAGE_SIZE]
  if (tsQuery) values.push(tsQuery)
  const { rows } = await db.query<ListedRoom>(
    `SELECT rooms.id, rooms.title, rooms.locality, rooms.city, rooms.rent_npr, rooms.room_type,
       rooms.furnished, rooms.created_at, count(*) OVER ()::int AS total,
       (SELECT file_name FROM room_photos WHERE room_photos.room_id = rooms.id
         ORDER BY position, id LIMIT 1) AS first_photo,
       (SELECT count(*)::int FROM room_photos WHERE room_photos.room_id = rooms.id) AS photo_count
     FROM rooms
     WHERE rooms.status = 'available'
       ${tsQuery ? `AND rooms.search_vector @@ to_tsquery('english', $3)` : ''}
     ORDER BY ${tsQuery ? `ts_rank(rooms.search_vector, to_tsquery('english', $3)) DESC,` : ''}
       rooms.created_at DESC, rooms.id DESC
     LIMIT $1 OFFSET $2`,
    values
  )
  return rows
}

/** GET /api/messages: the conversation with whether its unlock stands, and the newest 51. */
export async function messagesPage(db: Db, conversationId: number, limit: number) {
  const found = await db.query(
    `SELECT conversations.*, ${UNLOCK_STANDS} AS unlock_stands
     FROM conversations WHERE id = $1`,
    [conversationId]
  )
  const messages = await db.query(
    `SELECT * FROM messages WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2`,
    [conversationId, limit + 1]
  )
  return { conversation: found.rows[0], messages: messages.rows }
}

/**
 * The chat_send throttle (start/limiter.ts) on @adonisjs/limiter's
 * database store: HttpLimiter.throttle reads the counter, then
 * rate-limiter-flexible's RateLimiterPostgres upserts it (its statements).
 */
async function consumeRateLimit(db: Db, key: string, durationMs: number) {
  const now = Date.now()
  await db.query(
    'SELECT points, expire FROM "rate_limits" WHERE key = $1 AND (expire > $2 OR expire IS NULL);',
    [key, now]
  )
  const { rows } = await db.query(
    `INSERT INTO "rate_limits" VALUES ($1, $2, $3)
       ON CONFLICT(key) DO UPDATE SET
         points = CASE WHEN ("rate_limits".expire <= $4 OR 1=0) THEN $2
                  ELSE "rate_limits".points + ($2) END,
         expire = CASE WHEN "rate_limits".expire <= $4 THEN $3 ELSE "rate_limits".expire END
     RETURNING points, expire;`,
    [key, 1, now + durationMs, now]
  )
  return rows[0] as { points: number; expire: number }
}

/** The statements of a send's transaction (sendMessage below). */
const sendStatements = {
  /** One send at a time per conversation; the unlock is checked under the lock. */
  async lockConversation(db: Db, conversationId: number) {
    const { rows } = await db.query(
      `SELECT conversations.*, ${UNLOCK_STANDS} AS unlock_stands
       FROM conversations WHERE id = $1 FOR UPDATE`,
      [conversationId]
    )
    return rows[0]
  },

  async insertMessage(db: Db, message: Record<string, unknown>) {
    const { rows } = await db.query(
      `INSERT INTO messages (conversation_id, sender_id, receiver_id, content, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [
        message.conversation_id,
        message.sender_id,
        message.receiver_id,
        message.content,
        message.created_at,
      ]
    )
    return rows[0]
  },

  /**
   * Last activity, and the receiver's unread counter where the schema has
   * one that no trigger keeps (with the triggers, the insert moved it).
   */
  async bumpConversation(
    db: Db,
    schema: Schema,
    conversationId: number,
    receiverId: number,
    at: Date
  ) {
    const counters =
      schema.unreadCounters && !schema.countersKeptByTriggers
        ? `, client_unread_count = client_unread_count + (client_id = $3)::int,
           owner_unread_count = owner_unread_count + (owner_id = $3)::int`
        : ''
    await db.query(
      `UPDATE conversations SET last_message_at = $2, updated_at = $2${counters} WHERE id = $1`,
      counters ? [conversationId, at, receiverId] : [conversationId, at]
    )
  },

  /**
   * The receiver's push notification, stored as pg-boss's insertJobs
   * stores a job sent with Kotha's options, but due in a hundred years:
   * Kotha's worker polls the same table, and must not spend its CPU on
   * the ceiling's jobs while the ceiling is measured.
   */
  async queuePushJob(db: Db, schema: Schema, job: { id: string; data: object }) {
    await db.query(
      `INSERT INTO ${schema.pushJobTable} (id, name, data, priority, start_after, created_on,
         expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay, retry_backoff,
         retry_delay_max, policy, heartbeat_seconds)
       SELECT $1::uuid, 'push.deliver', $2::jsonb, 0, due, now(), 120, $3,
         due + coalesce(q.retention_seconds, 1209600) * interval '1s', 5, 2, true, 300, q.policy, 10
       FROM pgboss.queue q CROSS JOIN (SELECT now() + interval '100 years' AS due) later
       WHERE q.name = 'push.deliver'
       ON CONFLICT DO NOTHING`,
      [job.id, JSON.stringify(job.data), 7 * 24 * 3600]
    )
  },
}

export type SendInput = {
  sender: { id: number; full_name: string }
  conversationId: number
  content: string
  /** The receiver's push job for the stored message (its id and data). */
  pushJobOf: (message: any) => { id: string; data: object }
}

/** The chat_send limit's window (20/1m in Kotha; the bench raises the count, not the window). */
const SEND_LIMIT_WINDOW_MS = 60_000

/**
 * POST /api/messages/send: the rate limit, then one transaction (lock the
 * conversation and check the sender's right under the lock, store the
 * message, bump the conversation, queue the receiver's push job), then the
 * receiver's badge total, which Kotha's live broadcast reads after the
 * commit. Null when the conversation is not the sender's to write to.
 */
export async function sendMessage(pool: Pool, schema: Schema, input: SendInput) {
  await consumeRateLimit(pool, `rlflx:chat_send_${input.sender.id}`, SEND_LIMIT_WINDOW_MS)
  const db = await pool.connect()
  try {
    await db.query('BEGIN')
    const conversation = await sendStatements.lockConversation(db, input.conversationId)
    const { client_id: clientId, owner_id: ownerId } = conversation ?? {}
    if (!conversation?.unlock_stands || ![clientId, ownerId].includes(input.sender.id)) {
      await db.query('ROLLBACK')
      return null
    }
    const receiverId = input.sender.id === clientId ? ownerId : clientId
    const now = new Date()
    const message = await sendStatements.insertMessage(db, {
      conversation_id: input.conversationId,
      sender_id: input.sender.id,
      receiver_id: receiverId,
      content: input.content,
      created_at: now,
    })
    await sendStatements.bumpConversation(db, schema, input.conversationId, receiverId, now)
    await sendStatements.queuePushJob(db, schema, input.pushJobOf(message))
    await db.query('COMMIT')
    await unreadTotal(db, schema, receiverId)
    return message
  } catch (error) {
    await db.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    db.release()
  }
}

/**
 * GET /rooms/:id: the room with its owner and its photos (json_agg, in
 * order); then the client's unlock of it (for the receipt) and their
 * conversation (for the Chat and Video call buttons).
 */
export async function roomPage(db: Db, roomId: number, clientId: number) {
  const room = await db.query(
    `SELECT rooms.*, users.full_name AS owner_name, users.phone AS owner_phone,
       coalesce((SELECT json_agg(room_photos.file_name ORDER BY position, room_photos.id)
         FROM room_photos WHERE room_photos.room_id = rooms.id), '[]') AS photos
     FROM rooms JOIN users ON users.id = rooms.owner_id WHERE rooms.id = $1`,
    [roomId]
  )
  const unlock = await db.query(
    `SELECT payments.transaction_id, payments.amount, payments.esewa_ref_id, payments.paid_at,
       conversations.id AS conversation_id
     FROM payments LEFT JOIN conversations ON conversations.room_id = payments.room_id
       AND conversations.client_id = payments.client_id
     WHERE payments.client_id = $1 AND payments.room_id = $2 AND payments.status = 'complete'
     LIMIT 1`,
    [clientId, roomId]
  )
  return { room: room.rows[0], unlock: unlock.rows[0] }
}

/**
 * GET /conversations (an owner): their conversations whose unlock
 * stands, latest activity first, with room title and first photo, the
 * client's name, the last message (lateral) and the unread count.
 */
export async function ownerInbox(db: Db, schema: Schema, ownerId: number) {
  const unread = schema.unreadCounters
    ? 'conversations.owner_unread_count'
    : `(SELECT count(*)::int FROM messages WHERE messages.conversation_id = conversations.id
         AND messages.receiver_id = $1 AND messages.read_at IS NULL)`
  const { rows } = await db.query(
    `SELECT conversations.id, conversations.created_at, rooms.title AS room_title,
       (SELECT file_name FROM room_photos WHERE room_photos.room_id = rooms.id
         ORDER BY position, id LIMIT 1) AS room_photo,
       users.full_name AS client_name, last.content AS last_content,
       last.image_file_name AS last_image, last.sender_id AS last_sender_id,
       last.created_at AS last_created_at, ${unread} AS unread
     FROM conversations
     JOIN rooms ON rooms.id = conversations.room_id
     JOIN users ON users.id = conversations.client_id
     LEFT JOIN LATERAL (SELECT content, image_file_name, sender_id, created_at FROM messages
       WHERE messages.conversation_id = conversations.id ORDER BY id DESC LIMIT 1) last ON true
     WHERE conversations.owner_id = $1 AND ${UNLOCK_STANDS}
     ORDER BY coalesce(conversations.last_message_at, conversations.created_at) DESC,
       conversations.id DESC`,
    [ownerId]
  )
  return rows
}
