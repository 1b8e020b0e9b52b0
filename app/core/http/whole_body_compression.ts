import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import compressible from 'compressible'
import Negotiator from 'negotiator'

/**
 * Compression of a body Adonis sends whole (pages, JSON, redirects): held
 * back at `writeHead`, compressed in one piece when `end(body)` comes, and
 * sent with its compressed Content-Length in one write. The `compression`
 * package streams every body through a zlib stream and chunked encoding
 * instead; under the bench that cost a third of a room page's throughput
 * (docs/performance.md). Bodies written in parts (files, streams) still go
 * through it: `onStreamed` hands them over.
 */
export type Encoding = 'br' | 'gzip'

const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) => brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (body) => gzip(body),
}
const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i

/** The encoding the request prefers among brotli and gzip, if any. */
export function preferredEncoding(request: IncomingMessage): Encoding | undefined {
  if (!request.headers['accept-encoding']) return undefined
  // negotiator 1.x breaks ties (`gzip, deflate, br`) by `preferred`; @types/negotiator predates it.
  const encodingOf = Negotiator.prototype.encoding as (
    this: Negotiator,
    available: string[],
    options: { preferred: string[] }
  ) => string | undefined
  const method = encodingOf.call(new Negotiator(request), ['br', 'gzip', 'identity'], {
    preferred: ['br', 'gzip'],
  })
  return method === 'br' || method === 'gzip' ? method : undefined
}

type Head = [statusCode: number, headers?: OutgoingHttpHeaders]

/** The head's headers over those set with setHeader, names in lower case. */
function headersOf(response: ServerResponse, head: Head | undefined) {
  const headers: OutgoingHttpHeaders = { ...response.getHeaders() }
  for (const [name, value] of Object.entries(head?.[1] ?? {})) headers[name.toLowerCase()] = value
  return headers
}

function worthCompressing(body: unknown, headers: OutgoingHttpHeaders, threshold: number) {
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return false
  if (Buffer.byteLength(body) < threshold || headers['content-encoding']) return false
  if (NO_TRANSFORM.test(String(headers['cache-control'] ?? ''))) return false
  const type = String(headers['content-type'] ?? '')
  return !type.startsWith('text/event-stream') && compressible(type) === true
}

function withVary(vary: OutgoingHttpHeaders[string]) {
  const names = String(vary ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  if (names.includes('*') || names.some((name) => name.toLowerCase() === 'accept-encoding')) {
    return names.join(', ')
  }
  return [...names, 'Accept-Encoding'].join(', ')
}

/**
 * Defers the response's head until its body is known. `onStreamed` runs when
 * the body turns out to come in parts (a write or flushHeaders before end).
 */
export function compressWholeBody(
  response: ServerResponse,
  encoding: Encoding,
  { threshold, onStreamed }: { threshold: number; onStreamed: () => void }
) {
  const { writeHead, write, end, flushHeaders } = response
  let head: Head | undefined
  const restore = () => Object.assign(response, { writeHead, write, end, flushHeaders })
  const handOver = () => {
    restore()
    onStreamed()
    if (head) response.writeHead(...head)
  }

  response.writeHead = function (statusCode: number, ...rest: unknown[]) {
    const headers = rest.find((part) => typeof part === 'object') as OutgoingHttpHeaders
    head = [statusCode, headers]
    return response
  } as ServerResponse['writeHead']
  response.write = function (...args: Parameters<ServerResponse['write']>) {
    handOver()
    return response.write(...args)
  } as ServerResponse['write']
  response.flushHeaders = function () {
    handOver()
    response.flushHeaders()
  }
  response.end = function (body?: unknown) {
    restore()
    sendWhole(response, head, body, encoding, threshold)
    return response
  } as ServerResponse['end']
}

function sendWhole(
  response: ServerResponse,
  head: Head | undefined,
  body: unknown,
  encoding: Encoding,
  threshold: number
) {
  const statusCode = head?.[0] ?? response.statusCode
  const headers = headersOf(response, head)
  if (!worthCompressing(body, headers, threshold)) {
    if (compressible(String(headers['content-type'] ?? '')) === true) {
      headers.vary = withVary(headers.vary)
    }
    response.writeHead(statusCode, headers).end(body)
    return
  }
  const plain = Buffer.isBuffer(body) ? body : Buffer.from(body as string)
  compressors[encoding](plain).then(
    (compressed) => {
      headers['content-encoding'] = encoding
      headers['content-length'] = compressed.length
      headers.vary = withVary(headers.vary)
      response.writeHead(statusCode, headers).end(compressed)
    },
    // A compressor that fails (it should not) leaves the body as it was.
    () => response.writeHead(statusCode, headers).end(plain)
  )
}
