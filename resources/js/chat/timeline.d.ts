/** Types of timeline.js, for the TypeScript tests that import it. */
export type TimelineMessage = { id: number; clientKey?: string | null; [field: string]: unknown }
export type TimelineSource = 'stream' | 'history' | 'sent'
export type Timeline = {
  receive<M extends TimelineMessage>(
    messages: M[],
    source: TimelineSource
  ): { added: { message: M; before: number | null }[]; confirmed: string[] }
  cursor(): number
  ids(): number[]
  has(id: number): boolean
  openGap(): number
  gapEpoch(): number
  isGapOpen(): boolean
  closeGap(epoch: number): boolean
  expect(key: string): void
  isPending(key: string): boolean
  forget(key: string): boolean
}
export declare function createTimeline(initialIds?: number[]): Timeline
