import type pg from 'pg'
import {
  listingPage,
  messagesPage,
  ownerInbox,
  roomPage,
  sendMessage,
  unreadTotal,
  type Schema,
} from '#tests/bench/ceiling_sql'
import { page, type Viewer } from '#tests/bench/ceiling_layout'
import { listingMain } from '#tests/bench/ceiling_listing'
import { inboxMain, roomMain } from '#tests/bench/ceiling_pages'
import { presentMessage, pushJob } from '#tests/bench/ceiling_chat'

/** What a route handler gets: the logged-in user, the request, and the pool. */
export type Context = {
  pool: pg.Pool
  schema: Schema
  user: { id: number; full_name: string; role: 'client' | 'owner' }
  url: URL
  params: string[]
  body: any
  csrfToken: string
  nonce: string
}

export type Answer = { status: number; type: 'html' | 'json'; body: string }

const json = (status: number, data: unknown): Answer => ({
  status,
  type: 'json',
  body: JSON.stringify(data),
})

const refused = (status: number, code: string) =>
  json(status, { error: { status, code, message: code } })

/** An HTML page for the logged-in user: the unread badge's query comes first (ChatBadgeMiddleware). */
async function htmlPage(ctx: Context, title: string, main: (viewer: Viewer) => Promise<string>) {
  const unread = await unreadTotal(ctx.pool, ctx.schema, ctx.user.id)
  const viewer = {
    id: ctx.user.id,
    fullName: ctx.user.full_name,
    role: ctx.user.role,
    unreadTotal: unread,
  }
  const body = page(
    { title, viewer, csrfToken: ctx.csrfToken, nonce: ctx.nonce },
    await main(viewer)
  )
  return { status: 200, type: 'html', body } satisfies Answer
}

/** #rooms/queries/room_search's toPrefixTsQuery: every word, as a prefix. */
function prefixQuery(text: string) {
  const words =
    text
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu)
      ?.slice(0, 8) ?? []
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null
}

async function listing(ctx: Context) {
  const q = ctx.url.searchParams.get('q') || null
  const pageNumber = Math.max(1, Number(ctx.url.searchParams.get('page')) || 1)
  const title = q ? `Rooms matching “${q}”` : 'Rooms for rent'
  return htmlPage(ctx, title, async () => {
    const rooms = await listingPage(ctx.pool, pageNumber, q ? prefixQuery(q) : null)
    return listingMain(rooms, pageNumber, q)
  })
}

async function room(ctx: Context) {
  const roomId = Number(ctx.params[0])
  const unread = await unreadTotal(ctx.pool, ctx.schema, ctx.user.id)
  const { room: found, unlock } = await roomPage(ctx.pool, roomId, ctx.user.id)
  if (!found) return refused(404, 'E_ROW_NOT_FOUND')
  const viewer = {
    id: ctx.user.id,
    fullName: ctx.user.full_name,
    role: ctx.user.role,
    unreadTotal: unread,
  }
  const frame = { title: found.title, viewer, csrfToken: ctx.csrfToken, nonce: ctx.nonce }
  return {
    status: 200,
    type: 'html',
    body: page(frame, roomMain(found, unlock, ctx.csrfToken)),
  } satisfies Answer
}

async function inbox(ctx: Context) {
  return htmlPage(ctx, 'Messages', async () =>
    inboxMain(await ownerInbox(ctx.pool, ctx.schema, ctx.user.id), ctx.user.id)
  )
}

async function messages(ctx: Context) {
  const conversationId = Number(ctx.url.searchParams.get('conversation_id'))
  const limit = Math.min(Number(ctx.url.searchParams.get('limit')) || 30, 100)
  const found = await messagesPage(ctx.pool, conversationId, limit)
  const conversation = found.conversation
  if (!conversation) return refused(404, 'E_ROW_NOT_FOUND')
  if (
    ![conversation.client_id, conversation.owner_id].includes(ctx.user.id) ||
    !conversation.unlock_stands
  ) {
    return refused(403, 'E_CHAT_FORBIDDEN')
  }
  const hasMore = found.messages.length > limit
  const newest = found.messages.slice(0, limit)
  return json(200, {
    data: newest.map(presentMessage),
    meta: {
      conversationId,
      hasMore,
      order: 'newest_first',
      nextCursor: hasMore && newest.length ? Number(newest.at(-1).id) : null,
    },
  })
}

async function send(ctx: Context) {
  const conversationId = Number(ctx.body?.conversation_id ?? ctx.body?.conversationId)
  const content = String(ctx.body?.content ?? '').trim()
  if (!conversationId || !content) return refused(422, 'E_VALIDATION_ERROR')
  const firstName = ctx.user.full_name.split(' ')[0]
  const message = await sendMessage(ctx.pool, ctx.schema, {
    sender: ctx.user,
    conversationId,
    content,
    pushJobOf: (stored) => pushJob(stored, firstName),
  })
  return message ? json(201, { data: presentMessage(message) }) : refused(403, 'E_CHAT_FORBIDDEN')
}

type Route = { method: string; pattern: RegExp; handle: (ctx: Context) => Promise<Answer> }

/** The six endpoints of the bench, and nothing else. */
export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/$/, handle: listing },
  { method: 'GET', pattern: /^\/rooms\/(\d+)$/, handle: room },
  { method: 'GET', pattern: /^\/conversations$/, handle: inbox },
  { method: 'GET', pattern: /^\/api\/messages\/?$/, handle: messages },
  { method: 'POST', pattern: /^\/api\/messages\/send\/?$/, handle: send },
]
