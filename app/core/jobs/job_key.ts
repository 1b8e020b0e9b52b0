import { createHash } from 'node:crypto'

/**
 * The job id that stands for a key ("message:12:1796120775229:user:3"): the
 * same key always gives the same id, so a job enqueued twice (a retried
 * request, a handler run again after a crash) is stored once. Keys name a
 * change uniquely for good (a uuid, or an id with its creation time): ids
 * alone come back after a database is re-created, and completed jobs are
 * kept for days.
 */
export function jobIdFor(queue: string, key: string) {
  const hex = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex')
  // Shaped as a version-8 (custom) UUID, which pg-boss stores in a uuid column.
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20),
    hex.slice(20, 32),
  ].join('-')
}
