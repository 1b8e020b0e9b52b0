/**
 * What a payment's transaction id (our transaction_uuid at eSewa) looks
 * like. Routes, channels and validators all check it with this one pattern.
 */
export const TRANSACTION_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/
