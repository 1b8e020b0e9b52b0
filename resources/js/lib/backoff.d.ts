/** Types of backoff.js, for the TypeScript tests that import it. */
export declare const BACKOFF: { baseMs: number; maxMs: number }
export declare function backoffDelay(
  attempt: number,
  options?: { baseMs?: number; maxMs?: number; random?: () => number }
): number
export declare function randomId(): string
