import http, { type IncomingHttpHeaders } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import env from '#start/env'

/**
 * HTTP as it is on the wire: the body bytes as sent (fetch would decompress
 * them), for checks of Content-Encoding and sizes.
 */
export type RawResponse = { status: number; headers: IncomingHttpHeaders; body: Buffer }

export function rawRequest(
  path: string,
  headers: Record<string, string> = {},
  { method = 'GET', baseUrl = `http://${env.get('HOST')}:${env.get('PORT')}` } = {}
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, baseUrl), { method, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          body: Buffer.concat(chunks),
        })
      )
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end()
  })
}

/** The body as the browser reads it, whatever its Content-Encoding. */
export function decoded(response: RawResponse) {
  const encoding = response.headers['content-encoding']
  if (encoding === 'gzip') return gunzipSync(response.body)
  if (encoding === 'br') return brotliDecompressSync(response.body)
  return response.body
}

/**
 * Opens a long-lived GET (the live stream) and resolves with its headers and
 * a way to wait for text in what has arrived so far; `close()` ends it.
 */
export function openStream(path: string, headers: Record<string, string>, baseUrl?: string) {
  return new Promise<{
    status: number
    headers: IncomingHttpHeaders
    received: () => string
    waitFor: (text: string, ms?: number) => Promise<number>
    close: () => void
  }>((resolve, reject) => {
    const url = new URL(path, baseUrl ?? `http://${env.get('HOST')}:${env.get('PORT')}`)
    const request = http.get(url, { headers }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('error', () => {})
      const waitFor = async (wanted: string, ms = 2000) => {
        const started = Date.now()
        while (!text.includes(wanted)) {
          if (Date.now() - started > ms) throw new Error(`"${wanted}" not received within ${ms} ms`)
          await new Promise((wake) => setTimeout(wake, 10))
        }
        return Date.now() - started
      }
      resolve({
        status: response.statusCode!,
        headers: response.headers,
        received: () => text,
        waitFor,
        close: () => request.destroy(),
      })
    })
    request.on('error', reject)
  })
}
