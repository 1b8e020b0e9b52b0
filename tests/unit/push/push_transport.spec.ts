import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { PushDeliveryOutcome, PushKind } from '#push/enums/push_kind'
import { deliverToUser } from '#push/notify_user'
import { PushTransport, type PushRequest, type PushResponse } from '#push/push_transport'
import { WebPushTransport } from '#push/push_sender'
import SubscriptionPolicy from '#push/policies/subscription_policy'
import UserPolicy from '#accounts/policies/user_policy'
import { PushSubscriptionFactory } from '#database/factories/push_subscription_factory'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { recordingSleep } from '#tests/helpers/push_endpoint'

/** A push service that answers from a script and remembers what it was asked. */
class ScriptedTransport extends PushTransport {
  readonly requests: PushRequest[] = []
  constructor(private answers: PushResponse[]) {
    super()
  }

  async send(request: PushRequest): Promise<PushResponse> {
    this.requests.push(request)
    return (
      this.answers.shift() ?? { kind: 'response', statusCode: 201, retryAfterMs: null, body: '' }
    )
  }
}

test.group('Push / the transport comes from the container', (group) => {
  withRollback(group)
  group.each.teardown(() => app.container.restore(PushTransport))

  test('the app binds the web-push sender', async ({ assert }) => {
    assert.instanceOf(await app.container.make(PushTransport), WebPushTransport)
  })

  test('a swapped transport carries every attempt; a 503 is retried, then delivered', async ({
    assert,
  }) => {
    const transport = new ScriptedTransport([
      { kind: 'response', statusCode: 503, retryAfterMs: null, body: '' },
    ])
    app.container.swap(PushTransport, () => transport)
    const subscription = await PushSubscriptionFactory.with('user').create()
    const { sleep } = recordingSleep()

    const [report] = await deliverToUser(
      subscription.userId,
      {
        kind: PushKind.Unlock,
        title: 'Room unlocked',
        body: 'Bishal unlocked “Sunny room” (Rs. 30).',
        url: '/conversations',
      },
      { sleep }
    )

    assert.deepInclude(report, {
      subscriptionId: subscription.id,
      outcome: PushDeliveryOutcome.Delivered,
      attempts: 2,
      statusCode: 201,
    })
    assert.lengthOf(transport.requests, 2)
    assert.equal(transport.requests[0].subscription.endpoint, subscription.endpoint)
    assert.equal(transport.requests[0].urgency, 'normal')
    assert.include(JSON.parse(transport.requests[0].payload), { title: 'Room unlocked' })
  })
})

test.group('Push / who may change a device, and listen on a user channel', (group) => {
  withRollback(group)

  test('anyone may take over an endpoint; only its user may remove it', async ({ assert }) => {
    const [owner, other] = await UserFactory.createMany(2)
    const subscription = await PushSubscriptionFactory.merge({ userId: owner.id }).create()
    const policy = new SubscriptionPolicy()
    assert.isTrue(policy.replace(other, subscription))
    assert.isTrue(policy.replace(other, null))
    assert.isTrue(policy.remove(owner, subscription))
    assert.isFalse(policy.remove(other, subscription))
  })

  test('a user listens on their own channel only', async ({ assert }) => {
    const [user, other] = await UserFactory.createMany(2)
    const policy = new UserPolicy()
    assert.isTrue(policy.listen(user, user.id))
    assert.isFalse(policy.listen(user, other.id))
  })
})
