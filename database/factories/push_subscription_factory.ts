import { createECDH, randomBytes } from 'node:crypto'
import factory from '@adonisjs/lucid/factories'
import PushSubscription from '#models/push_subscription'
import { UserFactory } from '#database/factories/user_factory'

/**
 * Devices subscribed to push, with real P-256 keys (web-push can encrypt
 * for them; only a TestDevice, which keeps its private key, can decrypt).
 * `.with('user')` creates their owner; or merge `{ userId }`.
 */
export const PushSubscriptionFactory = factory
  .define(PushSubscription, ({ faker }) => {
    const keys = createECDH('prime256v1')
    keys.generateKeys()
    return {
      endpoint: `https://fcm.googleapis.com/fcm/send/${faker.string.alphanumeric(24)}`,
      publicKey: keys.getPublicKey('base64url'),
      authSecret: randomBytes(16).toString('base64url'),
      userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile Safari/537.36',
      deviceLabel: 'Chrome on Android',
      failureCount: 0,
    }
  })
  .relation('user', () => UserFactory)
  .build()
