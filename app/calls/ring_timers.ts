import logger from '@adonisjs/core/services/logger'

/*
 * The ring timeout of each ringing call, kept in memory: a restart loses
 * them, and the stale-ring sweep (start/scheduler.ts) catches those calls.
 */
const ringTimers = new Map<number, NodeJS.Timeout>()

/** Runs `onTimeout` once the call has rung for `seconds` (unless cleared first). */
export function scheduleRingTimeout(
  callId: number,
  seconds: number,
  onTimeout: (callId: number) => Promise<unknown>
) {
  clearRingTimer(callId)
  const timer = setTimeout(() => {
    ringTimers.delete(callId)
    onTimeout(callId).catch((error) => logger.error({ err: error }, 'ring timeout failed'))
  }, seconds * 1000)
  // A pending ring never keeps the process alive.
  timer.unref()
  ringTimers.set(callId, timer)
}

/** Forgets a call's ring timeout (the call was answered or is over). */
export function clearRingTimer(callId: number) {
  const timer = ringTimers.get(callId)
  if (timer) clearTimeout(timer)
  ringTimers.delete(callId)
}

/**
 * Cancels every pending ring timeout (when the app stops, and in tests).
 */
export function cancelRingTimers() {
  for (const timer of ringTimers.values()) clearTimeout(timer)
  ringTimers.clear()
}
