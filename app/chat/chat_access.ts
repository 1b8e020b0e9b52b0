import type Conversation from '#models/conversation'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'

export type ChatAccess =
  { allowed: true } | { allowed: false; reason: 'not_participant' | 'unlock_revoked' }

/**
 * Whether a user may read and write in a conversation: one of its two
 * people, while the client's unlock of the room stands (a refund or a
 * reversal closes the chat for both). Checked on every page, API call,
 * channel subscription and signal.
 */
export async function chatAccess(
  userId: number | undefined,
  conversation: Conversation
): Promise<ChatAccess> {
  if (!conversation.isParticipant(userId)) return { allowed: false, reason: 'not_participant' }
  const unlock = await Payment.query()
    .where('clientId', conversation.clientId)
    .where('roomId', conversation.roomId)
    .where('status', PaymentStatus.Complete)
    .select('id')
    .first()
  return unlock ? { allowed: true } : { allowed: false, reason: 'unlock_revoked' }
}
