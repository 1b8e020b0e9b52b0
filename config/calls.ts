import env from '#start/env'

/**
 * Video calls: how long a call rings, and the ICE servers browsers use to
 * connect (none are needed on one network; TURN for production).
 */
const callsConfig = {
  /** Seconds a call rings before it counts as missed. */
  ringTimeoutSeconds: env.get('CALL_RING_TIMEOUT_SECONDS', 45),
  /** STUN/TURN servers as JSON: [{"urls":"stun:stun.example.org:3478"}]. */
  iceServers: parseIceServers(env.get('ICE_SERVERS', '[]')),
  /** TURN URLs that get short-lived credentials made from TURN_SECRET. */
  turnUrls: (env.get('TURN_URLS', '') || '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean),
  /** Shared secret with the TURN server (coturn `static-auth-secret`). */
  turnSecret: env.get('TURN_SECRET', ''),
  /** Lifetime of TURN credentials. */
  turnTtlSeconds: env.get('TURN_TTL_SECONDS', 3600),
}

function parseIceServers(
  json: string
): { urls: string | string[]; username?: string; credential?: string }[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new Error(
      'ICE_SERVERS must be a JSON array, e.g. [{"urls":"stun:stun.example.org:3478"}]'
    )
  }
  if (
    !Array.isArray(parsed) ||
    !parsed.every((server) => server && typeof server === 'object' && 'urls' in server)
  ) {
    throw new Error('ICE_SERVERS must be a JSON array of objects with "urls"')
  }
  return parsed
}

export type CallsConfig = typeof callsConfig
export default callsConfig
