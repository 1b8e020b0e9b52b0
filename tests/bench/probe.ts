import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { request as httpRequest } from 'node:http'
import { ENDPOINT_REQUESTS, headersFor, type EndpointName, type Seat } from '#tests/bench/endpoints'

/** One answer as it came over the wire: status and body bytes, not decompressed. */
export type RawAnswer = { status: number; bytes: number; encoding: string | null; body: Buffer }

export function fetchRaw(
  baseUrl: string,
  request: { method: string; path: string; body?: string },
  headers: Record<string, string>
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(request.path, baseUrl),
      { method: request.method, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const body = Buffer.concat(chunks)
          resolve({
            status: response.statusCode ?? 0,
            bytes: body.length,
            encoding: (response.headers['content-encoding'] as string) ?? null,
            body,
          })
        })
      }
    )
    outgoing.on('error', reject)
    outgoing.end(request.body)
  })
}

/** An endpoint's answer for one seat, gzipped and (headers without accept-encoding) raw. */
export async function probeEndpoint(baseUrl: string, name: EndpointName, seat: Seat) {
  const endpoint = ENDPOINT_REQUESTS[name]
  const request = endpoint.request(seat, 0)
  const headers = headersFor(endpoint, seat, request)
  const gzipped = await fetchRaw(baseUrl, request, headers)
  if (request.method === 'POST') return { gzipped, raw: gzipped }
  const plain = { ...headers }
  delete plain['accept-encoding']
  const raw = await fetchRaw(baseUrl, request, plain)
  return { gzipped, raw }
}

/** Keeps a raw answer under `dir` (`--save-answers`), to compare the ceiling's markup with Kotha's. */
export async function saveAnswer(dir: string, name: string, answer: RawAnswer) {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, name), answer.body)
}
