import env from '#start/env'
import type { RedisOptions } from 'ioredis'

/**
 * The Redis that several Kotha instances share (docs/deployment.md):
 * REDIS_URL (`redis://` or `rediss://`), else REDIS_HOST with REDIS_PORT,
 * REDIS_PASSWORD and REDIS_DB. Undefined when neither is set: one instance,
 * and nothing in the app opens a Redis connection.
 */
function connectionOptions(): RedisOptions | undefined {
  const url = env.get('REDIS_URL')
  if (url) {
    const parsed = new URL(url)
    if (!['redis:', 'rediss:'].includes(parsed.protocol)) {
      throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${parsed.protocol})`)
    }
    return {
      host: parsed.hostname,
      port: Number(parsed.port || 6379),
      username: decodeURIComponent(parsed.username) || undefined,
      password: decodeURIComponent(parsed.password) || undefined,
      db: Number(parsed.pathname.slice(1) || 0),
      tls: parsed.protocol === 'rediss:' ? {} : undefined,
    }
  }
  const host = env.get('REDIS_HOST')
  if (!host) return undefined
  return {
    host,
    port: env.get('REDIS_PORT', 6379),
    password: env.get('REDIS_PASSWORD') || undefined,
    db: env.get('REDIS_DB', 0),
  }
}

const connection = connectionOptions()

const redisConfig = {
  // ioredis reconnects by itself; a broadcast that fails meanwhile waits in the bus's
  // retry queue (docs/deployment.md, "When Redis goes away").
  connection,
  /** Prefix of Kotha's pub/sub channels, so deployments sharing a Redis stay apart. */
  channelPrefix: env.get('REDIS_CHANNEL_PREFIX', 'kotha'),
}

export default redisConfig
