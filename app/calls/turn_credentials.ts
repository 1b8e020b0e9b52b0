import { createHmac } from 'node:crypto'
import type User from '#models/user'
import callsConfig from '#config/calls'

/** One entry of RTCConfiguration.iceServers. */
export type IceServer = { urls: string | string[]; username?: string; credential?: string }

/**
 * ICE servers for a user's browser: the configured ones, and TURN with
 * credentials valid for TURN_TTL_SECONDS (coturn's REST-API scheme).
 */
export function iceServersFor(user: User) {
  const servers: IceServer[] = [...callsConfig.iceServers]
  if (callsConfig.turnSecret && callsConfig.turnUrls.length) {
    const username = `${Math.floor(Date.now() / 1000) + callsConfig.turnTtlSeconds}:kotha-${user.id}`
    const credential = createHmac('sha1', callsConfig.turnSecret).update(username).digest('base64')
    servers.push({ urls: callsConfig.turnUrls, username, credential })
  }
  return servers
}
