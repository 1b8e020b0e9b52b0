/*
|--------------------------------------------------------------------------
| The ceiling: the bench's minimal server
|--------------------------------------------------------------------------
|
| node:http and pg, nothing else: the six benched endpoints with the same
| SQL as Kotha (tests/bench/ceiling_sql.ts), pages of about the same size
| gzipped like Kotha's (zlib's default level, over 1 KB), on the same
| database and the same sessions (cookies signed with the same APP_KEY).
| Started by the bench as its own process:
|
|   node --import @poppinss/ts-exec tests/bench/ceiling_server.ts
|
| with CEILING_PORT, APP_KEY, DB_HOST, DB_PORT, DB_USER, DB_PASSWORD,
| DB_DATABASE and DB_POOL_MAX in the environment.
|
*/
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import pg from 'pg'
import { SessionCookies, userIdOfSession } from '#tests/bench/ceiling_session'
import { readSchema, sessionRow, touchSession, userById } from '#tests/bench/ceiling_sql'
import { ROUTES, type Answer, type Context } from '#tests/bench/ceiling_routes'

const gzipped = promisify(gzip)
const SESSION_AGE_SECONDS = 2 * 3600
/** Kotha's session store renews a session at most once a minute (app/core/http/session_store.ts). */
const RENEWED_WITHIN_MS = 60_000
const COMPRESSION_THRESHOLD_BYTES = 1024

pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

const pool = new pg.Pool({
  host: process.env.DB_HOST,
  port: Number(process.env.DB_PORT ?? 5432),
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD || undefined,
  database: process.env.DB_DATABASE,
  max: Number(process.env.DB_POOL_MAX ?? 10),
})
const schema = await readSchema(pool)
const cookies = new SessionCookies(process.env.APP_KEY!)

const HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
}

async function readBody(request: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null
}

/** The session's user, as Kotha's session store and guard find them (401 otherwise). */
async function authenticate(request: IncomingMessage) {
  const sessionId = cookies.sessionIdOf(request.headers.cookie)
  const row = sessionId ? await sessionRow(pool, sessionId) : undefined
  if (!row || new Date(row.expires_at).getTime() < Date.now()) return null
  const userId = userIdOfSession(row)
  const user = userId ? await userById(pool, userId) : undefined
  const renewedAt = new Date(row.expires_at).getTime() - SESSION_AGE_SECONDS * 1000
  return user
    ? { sessionId: row.id, user, renewedRecently: Date.now() - renewedAt < RENEWED_WITHIN_MS }
    : null
}

async function respond(
  request: IncomingMessage,
  response: ServerResponse,
  answer: Answer,
  setCookie?: string
) {
  let body: Buffer = Buffer.from(answer.body)
  const headers: Record<string, string> = {
    ...HEADERS,
    'content-type':
      answer.type === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'vary': 'Accept-Encoding',
  }
  if (setCookie) headers['set-cookie'] = setCookie
  if (
    body.length > COMPRESSION_THRESHOLD_BYTES &&
    /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')
  ) {
    body = await gzipped(body)
    headers['content-encoding'] = 'gzip'
  }
  headers['content-length'] = String(body.length)
  response.writeHead(answer.status, headers).end(body)
}

async function handle(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://ceiling')
  if (url.pathname === '/health') return response.writeHead(200).end('ok')
  const route = ROUTES.find(
    (one) => one.method === request.method && one.pattern.test(url.pathname)
  )
  if (!route) return respond(request, response, { status: 404, type: 'json', body: '{}' })
  const auth = await authenticate(request)
  if (!auth)
    return respond(request, response, {
      status: 401,
      type: 'json',
      body: '{"error":{"status":401}}',
    })
  // Kotha's CSRF check decrypts and verifies the token: here only its presence is required.
  if (request.method === 'POST' && !request.headers['x-csrf-token']) {
    return respond(request, response, {
      status: 403,
      type: 'json',
      body: '{"error":{"status":403}}',
    })
  }
  const ctx: Context = {
    pool,
    schema,
    user: auth.user,
    url,
    params: route.pattern.exec(url.pathname)!.slice(1),
    body: request.method === 'POST' ? await readBody(request) : null,
    csrfToken: randomBytes(30).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
  }
  const answer = await route.handle(ctx)
  if (!auth.renewedRecently) {
    await touchSession(pool, auth.sessionId, new Date(Date.now() + SESSION_AGE_SECONDS * 1000))
  }
  await respond(
    request,
    response,
    answer,
    cookies.setCookieFor(auth.sessionId, SESSION_AGE_SECONDS)
  )
}

const server = createServer((request, response) => {
  handle(request, response).catch((error) => {
    console.error(error)
    if (!response.headersSent) response.writeHead(500).end()
  })
})
server.keepAliveTimeout = 60_000
server.listen(Number(process.env.CEILING_PORT), '127.0.0.1', () => console.log('ceiling ready'))

const stop = () => server.close(() => pool.end().then(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
