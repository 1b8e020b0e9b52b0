import type pg from 'pg'
import { BENCH_WORDS } from '#tests/bench/data_words'

/**
 * The bench's data set, loaded with set-based SQL (generate_series) in one
 * transaction: seconds, not minutes. Deterministic: every choice is index
 * arithmetic (mix() below), never random(). Inserts name their columns, so
 * a column added later with a default or NULL does not break the loader.
 */
export const DATA_SET = {
  owners: 200,
  clients: 2000,
  rooms: 5000,
  conversations: 1000,
  messagesPerConversation: 50,
  /** Conversations belong to the first clients, 4 each: fewer logins to reach them all. */
  clientsWithConversations: 250,
  /** Conversation c is about room 1 + 37·(c-1) mod 5000: distinct rooms, every owner 5 times. */
  roomStride: 37,
}

/** Bump when the loader's output changes: the database name includes it. */
export const LOADER_VERSION = 1

export const BENCH_PASSWORD = 'bench-password'

/** "Now" of the data set: listings, payments and messages lie before it. */
const BASE_TIME = `timestamptz '2026-11-01 00:00:00+00'`

export const ownerEmail = (n: number) => `owner${n}@bench.kotha.test`
/** The word lists, as parameter $2 of the statements that pick from them. */
const WORDS = '$2::jsonb'

export const clientEmail = (n: number) => `client${n}@bench.kotha.test`

/**
 * A spread of `value` over 0..modulus-1: a multiplicative hash with a
 * salt, then xor-shifts (as murmur's finalizer), so that neighbouring
 * values land far apart. Pure integer arithmetic: the same on every run.
 */
function mix(value: string, salt: number, modulus: string | number) {
  const first = `((((${value})::bigint * 2654435761 + ${salt * 40503}) % 4294967291))`
  const second = `(((${first} # (${first} >> 15)) * 73244475) % 4294967291)`
  return `((${second} # (${second} >> 13)) % (${modulus}))`
}

/** Picks from a list of the word lists (parameter $2 of every statement): `path` like `'firstNames'`. */
function pick(path: string, value: string, salt: number) {
  const list = `(${WORDS} -> ${path})`
  return `(${list} ->> ${mix(value, salt, `jsonb_array_length(${list})`)}::int)`
}

/** Owners (ids 1..200) and clients (201..2200), all with one password hash ($1). */
async function insertUsers(client: pg.ClientBase, passwordHash: string) {
  const { owners, clients } = DATA_SET
  const name = (i: string) => `${pick(`'firstNames'`, i, 1)} || ' ' || ${pick(`'lastNames'`, i, 2)}`
  await client.query(
    `INSERT INTO users (id, full_name, email, phone, password, role, created_at)
     SELECT i, ${name('i')},
       CASE WHEN i <= ${owners} THEN 'owner' || i ELSE 'client' || (i - ${owners}) END
         || '@bench.kotha.test',
       '98' || lpad(i::text, 8, '0'), $1,
       (CASE WHEN i <= ${owners} THEN 'owner' ELSE 'client' END)::user_role,
       ${BASE_TIME} - interval '90 days' + i * interval '1 minute'
     FROM generate_series(1, ${owners + clients}) i`,
    [passwordHash, JSON.stringify(BENCH_WORDS)]
  )
}

/** Rooms spread over cities, localities, types and rents; 1 in 20 rented. */
async function insertRooms(client: pg.ClientBase) {
  const fill = (text: string) =>
    `replace(replace(replace(${text}, '{locality}', locality), '{type}', type_words), '{floor}', floor)`
  const part = (name: string, salt: number) => pick(`'description' -> '${name}'`, 'r', salt)
  await client.query(
    `WITH picked AS (
       SELECT r, city, room_type,
         ($2::jsonb -> 'localities' -> city) ->> ${mix('r', 7, `jsonb_array_length($2::jsonb -> 'localities' -> city)`)}::int AS locality,
         $2::jsonb -> 'typeWords' ->> room_type AS type_words,
         ${pick(`'floors'`, 'r', 8)} AS floor,
         ($2::jsonb -> 'rents' -> room_type ->> 0)::int AS min_rent,
         ($2::jsonb -> 'rents' -> room_type ->> 1)::int AS max_rent
       FROM (SELECT r, ${pick(`'cities'`, 'r', 3)} AS city, ${pick(`'roomTypes'`, 'r', 5)} AS room_type
             FROM generate_series(1, $1::int) r) base
     )
     INSERT INTO rooms (id, owner_id, title, description, city, locality, rent_npr, room_type,
       furnished, status, created_at)
     SELECT r, 1 + (r - 1) % ${DATA_SET.owners},
       ${fill(`(($2::jsonb -> 'titles' -> room_type) ->> ${mix('r', 9, `jsonb_array_length($2::jsonb -> 'titles' -> room_type)`)}::int)`)},
       ${fill(part('opening', 10))} || E'\\n\\n' || ${part('water', 11)} || E'\\n\\n' || ${part('extras', 12)}
         || CASE WHEN locality = 'Lakeside' THEN E'\\n\\n' || ($2::jsonb -> 'description' -> 'lakeside' ->> 0) ELSE '' END
         || E'\\n\\n' || ${part('rules', 13)},
       city::room_city, locality,
       min_rent + ${mix('r', 14, '(max_rent - min_rent) / 500 + 1')}::int * 500,
       room_type::room_type, ${mix('r', 15, 2)} = 0,
       (CASE WHEN r % 20 = 0 THEN 'rented' ELSE 'available' END)::room_status,
       ${BASE_TIME} - ${mix('r', 16, 60 * 24 * 60)} * interval '1 minute'
     FROM picked`,
    [DATA_SET.rooms, JSON.stringify(BENCH_WORDS)]
  )
}

/** 0 to 4 photos per room, with made-up file names (no files: the pages only link them). */
async function insertRoomPhotos(client: pg.ClientBase) {
  await client.query(
    `INSERT INTO room_photos (room_id, file_name, mime_type, size_bytes, position, created_at)
     SELECT rooms.id, 'bench-' || rooms.id || '-' || position || '.webp', 'image/webp',
       40000 + ${mix('rooms.id * 5 + position', 17, 80000)}, position, rooms.created_at
     FROM rooms CROSS JOIN LATERAL generate_series(0, ${mix('rooms.id', 18, 5)}::int - 1) position
     ORDER BY rooms.id, position`
  )
}

/**
 * One complete Rs. 30 unlock per conversation (what a verified eSewa
 * payment leaves), and the conversation it opened.
 */
async function insertUnlocks(client: pg.ClientBase) {
  const { conversations, clientsWithConversations, roomStride, owners, rooms } = DATA_SET
  await client.query(
    `INSERT INTO payments (id, client_id, owner_id, room_id, amount, status, transaction_id,
       esewa_ref_id, gateway, product_code, amount_sent, paid_at, expires_at, created_at, updated_at)
     SELECT c, ${owners} + 1 + (c - 1) % ${clientsWithConversations}, rooms.owner_id, rooms.id,
       30, 'complete', 'bench-unlock-' || c, 'BENCH' || lpad(c::text, 6, '0'), 'esewa_v2',
       'EPAYTEST', '30', paid_at, paid_at + interval '30 minutes', paid_at - interval '2 minutes', paid_at
     FROM generate_series(1, ${conversations}) c
     JOIN rooms ON rooms.id = 1 + (${roomStride} * (c - 1)) % ${rooms}
     CROSS JOIN LATERAL (SELECT rooms.created_at + greatest(interval '0', ${BASE_TIME}
       - interval '1 day' - rooms.created_at) * (${mix('c', 19, 1000)} / 1000.0) AS paid_at) paid`
  )
  await client.query(
    `INSERT INTO conversations (id, room_id, client_id, owner_id, opened_by_payment_id,
       created_at, updated_at)
     SELECT id, room_id, client_id, owner_id, id, paid_at, paid_at FROM payments ORDER BY id`
  )
}

/**
 * 50 messages per conversation, client and owner in turn, 7 minutes
 * apart (each answer goes with its question); the newest 0 to 6 are
 * unread, the older ones read.
 */
async function insertMessages(client: pg.ClientBase) {
  const per = DATA_SET.messagesPerConversation
  const line = (who: string) => pick(`'${who}'`, 'c.id * 100 + (j + 1) / 2', 20)
  await client.query(
    `INSERT INTO messages (conversation_id, sender_id, receiver_id, content, read_at, created_at)
     SELECT c.id,
       CASE WHEN j % 2 = 1 THEN c.client_id ELSE c.owner_id END,
       CASE WHEN j % 2 = 1 THEN c.owner_id ELSE c.client_id END,
       CASE WHEN j % 2 = 1 THEN ${line('clientLines')} ELSE ${line('ownerLines')} END,
       CASE WHEN j <= ${per} - c.id % 7 THEN at + interval '1 minute' END,
       at
     FROM conversations c CROSS JOIN generate_series(1, $1::int) j
     CROSS JOIN LATERAL (SELECT c.created_at + j * interval '7 minutes' AS at) moment
     ORDER BY c.id, j`,
    [per, JSON.stringify(BENCH_WORDS)]
  )
}

/** Loads everything into an empty, migrated database, in one transaction. */
export async function loadDataSet(client: pg.ClientBase, passwordHash: string) {
  await client.query('BEGIN')
  try {
    await insertUsers(client, passwordHash)
    await insertRooms(client)
    await insertRoomPhotos(client)
    await insertUnlocks(client)
    await insertMessages(client)
    await restoreConversationState(client)
    for (const table of ['users', 'rooms', 'payments', 'conversations']) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`
      )
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
  await client.query('ANALYZE')
}

/** How many messages the loader stores: ids 1..this (a fresh table). */
export const LOADED_MESSAGES = DATA_SET.conversations * DATA_SET.messagesPerConversation

/**
 * Each conversation's last activity (and its unread counters, where the
 * schema has them) from its messages: after loading, and again before each
 * run, once the messages a previous run sent are deleted.
 */
export async function restoreConversationState(client: pg.ClientBase) {
  await client.query(
    `UPDATE conversations SET last_message_at = latest.at, updated_at = latest.at
     FROM (SELECT conversation_id, max(created_at) AS at FROM messages GROUP BY conversation_id) latest
     WHERE latest.conversation_id = conversations.id`
  )
  const { rows } = await client.query(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'conversations'
       AND column_name IN ('client_unread_count', 'owner_unread_count')`
  )
  if (rows.length < 2) return
  const unread = (receiver: string) =>
    `(SELECT count(*) FROM messages m WHERE m.conversation_id = conversations.id
       AND m.receiver_id = conversations.${receiver} AND m.read_at IS NULL)`
  await client.query(
    `UPDATE conversations SET client_unread_count = ${unread('client_id')},
       owner_unread_count = ${unread('owner_id')}`
  )
}
