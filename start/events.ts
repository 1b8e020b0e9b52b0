/*
|--------------------------------------------------------------------------
| Events and their listeners
|--------------------------------------------------------------------------
|
| Domains announce typed events (declared in app/<domain>/events.ts); the
| domain that owns each side effect listens here. Two kinds of listener:
| - `outbox.on`: work that must not be lost (push notifications, the unlock
|   broadcasts). Runs inside the change's transaction and queues durable
|   jobs in it (app/core/events/outbox.ts).
| - `emitter.on`: live updates of open pages after the commit; a page that
|   missed one catches up when it reconnects.
|
*/
import emitter from '@adonisjs/core/services/emitter'
import { outbox } from '#core/events/outbox'
import '#accounts/events'
import '#payments/events'
import '#chat/events'
import '#calls/events'

const BroadcastPaymentChange = () => import('#payments/listeners/broadcast_payment_change')
const AnnounceOpenedConversation = () => import('#chat/listeners/announce_opened_conversation')
const BroadcastChat = () => import('#chat/listeners/broadcast_chat')
const BroadcastCall = () => import('#calls/listeners/broadcast_call')
const PushNotifications = () => import('#push/listeners/push_notifications')
const ForgetDevice = () => import('#push/listeners/forget_device')

outbox.on('payment:status_changed', [BroadcastPaymentChange, 'handle'])
outbox.on('payment:status_changed', [AnnounceOpenedConversation, 'handle'])
outbox.on('payment:status_changed', [PushNotifications, 'onPaymentStatusChanged'])

emitter.on('message:sent', [BroadcastChat, 'onMessageSent'])
outbox.on('message:sent', [PushNotifications, 'onMessageSent'])
emitter.on('messages:read', [BroadcastChat, 'onMessagesRead'])
emitter.on('messages:read', [PushNotifications, 'onMessagesRead'])
emitter.on('conversation:typing', [BroadcastChat, 'onTyping'])

emitter.on('call:ringing', [BroadcastCall, 'onRinging'])
outbox.on('call:ringing', [PushNotifications, 'onCallRinging'])
emitter.on('call:status_changed', [BroadcastCall, 'onStatusChanged'])
outbox.on('call:status_changed', [PushNotifications, 'onCallStatusChanged'])
emitter.on('call:connected', [BroadcastCall, 'onConnected'])
emitter.on('call:signal', [BroadcastCall, 'onSignal'])

emitter.on('session:ended', [ForgetDevice, 'handle'])
