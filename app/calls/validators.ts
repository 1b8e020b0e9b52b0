import vine, { errors as vineErrors } from '@vinejs/vine'
import { bigIdCursor, intId } from '#core/validators/ids'
import { containsControlCharacters } from '#core/validators/plain_text'

/**
 * Calling someone: which conversation.
 */
export const startCallValidator = vine.create({
  conversationId: intId(),
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
  after: bigIdCursor(),
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
  // An SDP has line breaks, never a NUL (which jsonb could not store anyway).
  if (containsControlCharacters(signal)) {
    throw new vineErrors.E_VALIDATION_ERROR([
      { field: 'signal', rule: 'text.control', message: 'signal contains a control character' },
    ])
  }
  return signal as Record<string, unknown>
}
