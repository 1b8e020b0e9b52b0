import vine, { errors as vineErrors } from '@vinejs/vine'

/**
 * Calling someone: which conversation.
 */
export const startCallValidator = vine.create({
  conversationId: vine.number().withoutDecimals().min(1),
})

/**
 * A browser's report that the call could not connect.
 */
export const callFailureValidator = vine.create({
  reason: vine.string().trim().maxLength(60).optional(),
})

/**
 * Catching up on signals: those after the last signal id the page saw.
 */
export const signalHistoryValidator = vine.create({
  after: vine.number().withoutDecimals().min(0),
})

/** Largest signal relayed (an SDP offer with many candidates fits well within). */
export const MAX_SIGNAL_BYTES = 20_000

/** The fields of an RTCSessionDescription / RTCIceCandidate the page sends. */
const SIGNAL_KEYS = new Set(['type', 'sdp', 'candidate', 'renegotiate', 'transceiverRequest'])

/**
 * A WebRTC signal to relay: a small plain object with known keys only, so
 * nothing else reaches the other browser. Refused as a 422 on `signal`.
 */
export function validateSignal(signal: unknown): Record<string, unknown> {
  const size = Buffer.byteLength(JSON.stringify(signal ?? null))
  if (
    !signal ||
    typeof signal !== 'object' ||
    Array.isArray(signal) ||
    size > MAX_SIGNAL_BYTES ||
    !Object.keys(signal).every((key) => SIGNAL_KEYS.has(key))
  ) {
    throw new vineErrors.E_VALIDATION_ERROR([
      { field: 'signal', rule: 'signal', message: 'Not a WebRTC signal' },
    ])
  }
  return signal as Record<string, unknown>
}
