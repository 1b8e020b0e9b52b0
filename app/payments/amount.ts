/**
 * Money in Kotha is counted in paisa (1 rupee = 100 paisa) so comparisons are
 * exact. eSewa takes and returns rupees as decimal strings.
 */

/**
 * Rupees as eSewa's form wants them: a whole amount as an integer ("30"),
 * otherwise two decimals ("30.50"). Never a thousands separator. The same
 * string goes into the form and into the signature.
 */
export function formatRupees(paisa: number): string {
  if (!Number.isSafeInteger(paisa) || paisa <= 0)
    throw new RangeError(`invalid amount: ${paisa} paisa`)
  return paisa % 100 === 0 ? String(paisa / 100) : (paisa / 100).toFixed(2)
}

/**
 * Paisa from an amount as eSewa writes it back: "30", "30.0", "30.00",
 * "1,000.0" or a JSON number. Returns null for anything that is not a
 * plain non-negative amount with at most two decimals.
 */
export function toPaisa(amount: string | number | null | undefined): number | null {
  if (amount === null || amount === undefined) return null
  const text = String(amount).trim().replaceAll(',', '')
  const match = /^(\d{1,12})(?:\.(\d{1,2})\d*)?$/.exec(text)
  if (!match) return null
  const decimals = (match[2] ?? '').padEnd(2, '0')
  // Digits past the second decimal must be zeros ("30.000" is fine, "30.001" is not).
  const rest = text.split('.')[1]?.slice(2) ?? ''
  if (/[1-9]/.test(rest)) return null
  return Number(match[1]) * 100 + Number(decimals)
}
