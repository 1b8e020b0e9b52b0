import { test } from '@japa/runner'
import Payment from '#models/payment'
import User from '#models/user'
import { PaymentStatus } from '#payments/enums/payment_status'
import ConversationPolicy from '#chat/policies/conversation_policy'
import { messagePreview } from '#chat/presenters/message_presenter'
import { unreadCounts } from '#chat/queries/unread_counts'
import { CodedDenial } from '#core/authorization'
import { ConversationFactory } from '#database/factories/conversation_factory'
import { MessageFactory } from '#database/factories/message_factory'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'

test.group('Chat / previews', () => {
  test('a preview is one short line of text, or "Photo"', ({ assert }) => {
    assert.equal(
      messagePreview({ content: '  Hot\n\nwater?  ', imageFileName: null }),
      'Hot water?'
    )
    assert.equal(messagePreview({ content: null, imageFileName: 'a.png' }), 'Photo')
    assert.equal(messagePreview({ content: '', imageFileName: null }), '')
    assert.equal(
      messagePreview({ content: 'a'.repeat(100), imageFileName: null }, 10),
      'aaaaaaaaa…'
    )
  })
})

test.group('Chat / who may use a conversation', (group) => {
  withRollback(group)

  test('the two participants, while the unlock stands', async ({ assert }) => {
    const conversation = await ConversationFactory.create()
    const policy = new ConversationPolicy()
    const [client, owner] = await Promise.all([
      User.findOrFail(conversation.clientId),
      User.findOrFail(conversation.ownerId),
    ])
    assert.isTrue(await policy.access(client, conversation))
    assert.isTrue(await policy.access(owner, conversation))

    const stranger = await policy.access(await UserFactory.create(), conversation)
    assert.instanceOf(stranger, CodedDenial)
    assert.deepInclude(stranger as CodedDenial, {
      code: 'E_CHAT_FORBIDDEN',
      message: 'This conversation is not yours',
      status: 403,
    })

    await Payment.query()
      .where('id', conversation.openedByPaymentId)
      .update({ status: PaymentStatus.Refunded })
    const revoked = await policy.access(client, conversation)
    assert.deepInclude(revoked as CodedDenial, {
      code: 'E_UNLOCK_REVOKED',
      message: 'This chat is closed: the unlock of this room was refunded or reversed',
    })
  })

  test('unread counts skip conversations whose unlock was refunded', async ({ assert }) => {
    const open = await ConversationFactory.create()
    await MessageFactory.merge({ conversationId: open.id }).createMany(2)
    const closed = await ConversationFactory.merge({ roomId: open.roomId }).create()
    await MessageFactory.merge({ conversationId: closed.id }).create()
    assert.deepEqual(await unreadCounts(open.ownerId), {
      total: 3,
      byConversation: { [open.id]: 2, [closed.id]: 1 },
    })
    await Payment.query()
      .where('id', closed.openedByPaymentId)
      .update({ status: PaymentStatus.Refunded })
    assert.deepEqual(await unreadCounts(open.ownerId), {
      total: 2,
      byConversation: { [open.id]: 2 },
    })
  })
})
