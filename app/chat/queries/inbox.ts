import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import Conversation from '#models/conversation'

/** One line of the inbox: a conversation seen by one of its two people. */
export type InboxEntry = {
  id: number
  createdAt: Date
  roomTitle: string
  /** The file name of the room's first photo, or null. */
  coverPhoto: string | null
  otherName: string
  lastMessage: { senderId: number; content: string | null; createdAt: Date } | null
  unread: number
}

type InboxRow = {
  id: number
  created_at: Date
  room_title: string
  cover_photo: string | null
  other_name: string
  last_sender_id: number | null
  last_content: string | null
  last_created_at: Date | null
  unread: number
}

/**
 * A user's conversations (as owner across their rooms, or as client),
 * latest activity first, with the room, the other person, the last message
 * and the unread count, in one statement of plain rows: the unread count
 * is the conversation's counter, the last message one index probe each.
 */
export async function inbox(user: User): Promise<InboxEntry[]> {
  const rows: InboxRow[] = await db
    .from('conversations')
    .join('rooms', 'rooms.id', 'conversations.room_id')
    .joinRaw(
      `join users other on other.id = case when conversations.owner_id = ?
        then conversations.client_id else conversations.owner_id end`,
      [user.id]
    )
    .joinRaw(
      `left join lateral (select m.sender_id, m.content, m.created_at from messages m
        where m.conversation_id = conversations.id order by m.id desc limit 1) last on true`
    )
    .where((query) =>
      query.where('conversations.owner_id', user.id).orWhere('conversations.client_id', user.id)
    )
    .whereExists(Conversation.unlockStandsSql)
    .select('conversations.id', 'conversations.created_at', 'rooms.title as room_title')
    .select('other.full_name as other_name')
    .select('last.sender_id as last_sender_id', 'last.content as last_content')
    .select('last.created_at as last_created_at')
    .select(
      db.raw(`(select p.file_name from room_photos p where p.room_id = rooms.id
        order by p.position, p.id limit 1) as cover_photo`),
      db.raw(
        `case when conversations.client_id = ? then conversations.client_unread_count
          else conversations.owner_unread_count end as unread`,
        [user.id]
      )
    )
    .orderByRaw('coalesce(conversations.last_message_at, conversations.created_at) DESC')
    .orderBy('conversations.id', 'desc')
  return rows.map(toEntry)
}

function toEntry(row: InboxRow): InboxEntry {
  return {
    id: row.id,
    createdAt: row.created_at,
    roomTitle: row.room_title,
    coverPhoto: row.cover_photo,
    otherName: row.other_name,
    lastMessage:
      row.last_created_at === null
        ? null
        : {
            senderId: row.last_sender_id!,
            content: row.last_content,
            createdAt: row.last_created_at,
          },
    unread: row.unread,
  }
}
