import pushConfig from '#config/push'

/** Per user, tag and kind: how many notifications came within the collapse window. */
const bursts = new Map<string, { count: number; lastAt: number }>()

/**
 * Starts the count of a collapsed burst again, e.g. when the person reads
 * the conversation: the next message notifies as "1" again.
 */
export function resetPushBurst(userId: number, tag: string) {
  const prefix = `${userId}\u0000${tag}\u0000`
  for (const key of bursts.keys()) if (key.startsWith(prefix)) bursts.delete(key)
}

/**
 * How many notifications with this tag the user got within the collapse
 * window, this one included. In memory: a restart starts counting again.
 */
export function countBurst(userId: number, tag: string, kind: string) {
  const now = Date.now()
  // Per kind: a missed call replacing its ringing notification is one missed call, not two.
  const key = `${userId}\u0000${tag}\u0000${kind}`
  const previous = bursts.get(key)
  const count =
    previous && now - previous.lastAt <= pushConfig.collapseWindowMs ? previous.count + 1 : 1
  bursts.set(key, { count, lastAt: now })
  if (bursts.size > 10_000) {
    for (const [oldKey, burst] of bursts)
      if (now - burst.lastAt > pushConfig.collapseWindowMs) bursts.delete(oldKey)
  }
  return count
}
