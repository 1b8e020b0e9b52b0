import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto'
import { createRequire } from 'node:module'

/** http_ece has no types; the part the tests use. */
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(
    body: Buffer,
    options: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }
  ): Buffer
}

/** One request the fake push service received. */
export type ReceivedPush = {
  path: string
  headers: http.IncomingHttpHeaders
  body: Buffer
  receivedAt: number
}

/** How the fake push service answers one request. */
export type FakeAnswer = { status: number; headers?: Record<string, string>; body?: string }

/**
 * A push service run by the test on 127.0.0.1 (random port): it records
 * every request and answers from a per-path script (201 when the script is
 * used up). Real encryption and VAPID headers arrive here, so the test can
 * check them the way FCM or Mozilla would.
 */
export class FakePushService {
  readonly received: ReceivedPush[] = []
  /** How long each answer takes (a slow push service keeps deliveries in flight). */
  answerDelayMs = 0
  #answers = new Map<string, FakeAnswer[]>()
  #server: http.Server

  private constructor(server: http.Server) {
    this.#server = server
  }

  static async start() {
    const server = http.createServer()
    const service = new FakePushService(server)
    server.on('request', (request, response) => service.#handle(request, response))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return service
  }

  get origin() {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  /** A fresh endpoint URL on this service. */
  endpoint(name = randomBytes(6).toString('hex')) {
    return `${this.origin}/push/${name}`
  }

  /** Answers the next requests to this endpoint with these, in order. */
  script(endpoint: string, ...answers: FakeAnswer[]) {
    this.#answers.set(new URL(endpoint).pathname, answers)
  }

  /** What reached one endpoint. */
  receivedBy(endpoint: string) {
    const path = new URL(endpoint).pathname
    return this.received.filter((request) => request.path === path)
  }

  close() {
    this.#server.closeAllConnections()
    return new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #handle(request: http.IncomingMessage, response: http.ServerResponse) {
    const chunks: Buffer[] = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      const path = request.url ?? '/'
      this.received.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks),
        receivedAt: Date.now(),
      })
      const answer = this.#answers.get(path)?.shift() ?? { status: 201 }
      setTimeout(() => {
        response.writeHead(answer.status, answer.headers ?? {})
        response.end(answer.body ?? '')
      }, this.answerDelayMs)
    })
  }
}

/**
 * A browser's side of a subscription: a P-256 key pair and a 16-byte auth
 * secret, as pushManager.subscribe() makes them. It can read what the
 * server encrypted for it.
 */
export class TestDevice {
  readonly ecdh = createECDH('prime256v1')
  readonly authSecret = randomBytes(16)

  constructor(readonly endpoint: string) {
    this.ecdh.generateKeys()
  }

  /** PushSubscription.toJSON() as a browser sends it. */
  toJSON() {
    return {
      endpoint: this.endpoint,
      expirationTime: null,
      keys: {
        p256dh: this.ecdh.getPublicKey().toString('base64url'),
        auth: this.authSecret.toString('base64url'),
      },
    }
  }

  /** The plain text of an aes128gcm body encrypted for this device. */
  decrypt(body: Buffer) {
    return ece
      .decrypt(body, {
        version: 'aes128gcm',
        privateKey: this.ecdh,
        authSecret: this.authSecret.toString('base64url'),
      })
      .toString('utf8')
  }
}

export type VapidClaims = { aud: string; exp: number; sub: string }

/**
 * Checks an `Authorization: vapid t=<jwt>, k=<public key>` header as a push
 * service does: k is the expected key, the JWT is ES256 and its signature
 * verifies with that key. Returns the JWT's claims (throws otherwise).
 */
export function verifyVapidAuthorization(
  header: string | undefined,
  expectedPublicKey: string
): VapidClaims {
  const match = /^vapid t=([A-Za-z0-9_.-]+), ?k=([A-Za-z0-9_-]+)$/.exec(header ?? '')
  if (!match) throw new Error(`Not a VAPID authorization header: ${header}`)
  const [, jwt, key] = match
  if (key !== expectedPublicKey) throw new Error('The VAPID public key is not the configured one')

  const [encodedHeader, encodedClaims, encodedSignature] = jwt.split('.')
  const jwtHeader = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'))
  if (jwtHeader.alg !== 'ES256') throw new Error(`Unexpected JWT algorithm ${jwtHeader.alg}`)

  const raw = Buffer.from(key, 'base64url')
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  })
  const signed = Buffer.from(`${encodedHeader}.${encodedClaims}`)
  const signature = Buffer.from(encodedSignature, 'base64url')
  if (!verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)) {
    throw new Error('The VAPID JWT signature does not verify with the public key')
  }
  return JSON.parse(Buffer.from(encodedClaims, 'base64url').toString('utf8'))
}

/** Delays asked of the dispatcher, waited for 1 ms each so tests stay fast. */
export function recordingSleep() {
  const asked: number[] = []
  return {
    asked,
    sleep: async (ms: number) => {
      asked.push(ms)
      await new Promise((resolve) => setTimeout(resolve, 1))
    },
  }
}
