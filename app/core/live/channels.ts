/*
 * The names of Transmit's private channels. Who may listen to each is
 * decided in start/transmit.ts, by the domain's Bouncer policy.
 */

/** A user's own channel: unlock news, unread counts, incoming calls. */
export const userChannel = (userId: number) => `users/${userId}`

/** A payment's channel: its status, for the paying client's modal. */
export const paymentChannel = (transactionId: string) => `payments/${transactionId}`

/** A conversation's channel: messages, typing, read receipts. */
export const conversationChannel = (conversationId: number) => `conversations/${conversationId}`

/** A call's channel: its status and the WebRTC signals. */
export const callChannel = (callId: number) => `calls/${callId}`
