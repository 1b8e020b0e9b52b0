/** The value at quantile `q` (0..1) of unsorted samples (nearest rank); NaN when empty. */
export function quantile(samples: number[], q: number) {
  if (!samples.length) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

export const median = (values: number[]) => quantile(values, 0.5)

/** Runs `work` over `items`, at most `concurrency` at a time, results in order. */
export async function inBatches<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

/** A number for a table: fixed decimals, or a dash when there is none. */
export function figure(value: number | undefined, decimals = 1) {
  return value === undefined || Number.isNaN(value) ? '-' : value.toFixed(decimals)
}
