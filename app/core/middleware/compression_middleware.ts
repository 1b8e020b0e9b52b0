import type { IncomingMessage, ServerResponse } from 'node:http'
import compression from 'compression'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { compressWholeBody, preferredEncoding } from '#core/http/whole_body_compression'
import { isLiveStreamRequest } from '#core/http/unavailable'

/**
 * Server middleware: gzip or brotli (whichever the browser prefers; brotli
 * at quality 4, gzip at level 6) for text the browser accepts compressed:
 * pages, CSS, JavaScript, JSON, SVG, robots.txt.
 *
 * Left alone:
 * - bodies under COMPRESSION_THRESHOLD_BYTES: they fit in one packet anyway,
 *   and compressing them costs more than it saves;
 * - images and other types that are compressed already (the `compressible`
 *   list of mime types);
 * - `text/event-stream`: the live stream must reach the browser message by
 *   message, never sit in a compressor's buffer (Transmit also sends
 *   `Cache-Control: no-transform`);
 * - range requests (the byte ranges are those of the uncompressed file);
 * - HEAD requests and responses sent with `Cache-Control: no-transform`.
 *
 * A body sent whole (every page and API answer) is compressed in one piece
 * and sent with its Content-Length (#core/http/whole_body_compression); a
 * body written in parts (static files) goes through the `compression`
 * package's stream.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024

/** The package's (Express) request and response types: Node's, with more. */
type Request = Parameters<typeof compression.filter>[0]
type Response = Parameters<typeof compression.filter>[1]

function shouldCompress(request: IncomingMessage, response: ServerResponse) {
  const type = String(response.getHeader('Content-Type') ?? '')
  if (type.startsWith('text/event-stream')) return false
  if (request.headers.range) return false
  return compression.filter(request as Request, response as Response)
}

const compress = compression({ threshold: COMPRESSION_THRESHOLD_BYTES, filter: shouldCompress })

export default class CompressionMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const request = ctx.request.request
    // The cheap checks first: the live stream and HEAD/range requests never negotiate.
    if (request.method === 'HEAD' || request.headers.range || isLiveStreamRequest(ctx.request)) {
      return next()
    }
    const encoding = preferredEncoding(request)
    if (!encoding) return next()
    compressWholeBody(ctx.response.response, encoding, {
      threshold: COMPRESSION_THRESHOLD_BYTES,
      // Wraps the Node response's write/end; calls back synchronously.
      onStreamed: () => compress(request as Request, ctx.response.response as Response, () => {}),
    })
    return next()
  }
}
