import type { BenchConversation, LoggedIn } from '#tests/bench/bench_users'
import { SEARCH_WORD } from '#tests/bench/data_words'

export const ENDPOINTS = ['listing', 'search', 'messages', 'send', 'room', 'inbox'] as const
export type EndpointName = (typeof ENDPOINTS)[number]

/** One load connection: who it is logged in as, and the conversation it uses. */
export type Seat = { user: LoggedIn; conversation: BenchConversation }

export type EndpointRequest = { method: 'GET' | 'POST'; path: string; body?: string }

type Endpoint = {
  /** Whose sessions the connections carry. */
  as: 'client' | 'owner'
  /** An HTML page (the ceiling renders and gzips one too) or the JSON API. */
  kind: 'page' | 'json'
  request(seat: Seat, connection: number): EndpointRequest
}

/**
 * The six measured requests, as a logged-in browser sends them. `send`
 * posts JSON with the CSRF token header (as the chat page's script does).
 */
export const ENDPOINT_REQUESTS: Record<EndpointName, Endpoint> = {
  listing: { as: 'client', kind: 'page', request: () => ({ method: 'GET', path: '/' }) },
  search: {
    as: 'client',
    kind: 'page',
    request: () => ({ method: 'GET', path: `/?q=${SEARCH_WORD}&page=2` }),
  },
  messages: {
    as: 'client',
    kind: 'json',
    request: ({ conversation }) => ({
      method: 'GET',
      path: `/api/messages?conversation_id=${conversation.id}&limit=50`,
    }),
  },
  send: {
    as: 'client',
    kind: 'json',
    request: ({ conversation }, connection) => ({
      method: 'POST',
      path: '/api/messages/send',
      body: JSON.stringify({
        conversation_id: conversation.id,
        content: `Namaste, is the room still free? (bench connection ${connection})`,
      }),
    }),
  },
  room: {
    as: 'client',
    kind: 'page',
    request: ({ conversation }) => ({ method: 'GET', path: `/rooms/${conversation.roomId}` }),
  },
  inbox: { as: 'owner', kind: 'page', request: () => ({ method: 'GET', path: '/conversations' }) },
}

/** The headers of a seat's requests: its cookies, gzip, and for a POST its JSON and CSRF token. */
export function headersFor(endpoint: Endpoint, seat: Seat, request: EndpointRequest) {
  const headers: Record<string, string> = {
    'accept-encoding': 'gzip',
    'accept': endpoint.kind === 'page' ? 'text/html' : 'application/json',
    'cookie': seat.user.cookie,
  }
  if (request.method === 'POST') {
    headers['content-type'] = 'application/json'
    headers['x-csrf-token'] = seat.user.csrf
  }
  return headers
}

/**
 * The load connections' seats: client endpoints use conversations 1..n
 * with their clients (a client's conversations are spread, so the first
 * 250 are 250 different people); the inbox uses distinct owners.
 */
export function seatsFor(
  as: 'client' | 'owner',
  count: number,
  conversations: BenchConversation[]
): { conversation: BenchConversation; userId: number }[] {
  if (as === 'client') {
    return Array.from({ length: count }, (_, index) => {
      const conversation = conversations[index % conversations.length]
      return { conversation, userId: conversation.clientId }
    })
  }
  const byOwner = new Map<number, BenchConversation>()
  for (const conversation of conversations) {
    if (!byOwner.has(conversation.ownerId)) byOwner.set(conversation.ownerId, conversation)
  }
  const owners = [...byOwner.values()]
  return Array.from({ length: count }, (_, index) => {
    const conversation = owners[index % owners.length]
    return { conversation, userId: conversation.ownerId }
  })
}
