/*
|--------------------------------------------------------------------------
| Events and their listeners
|--------------------------------------------------------------------------
|
| Domains emit typed events (declared in app/<domain>/events.ts) after their
| transaction commits; the domain that owns each side effect listens here.
| Broadcasts, toasts and push notifications happen only in listeners.
|
*/
import emitter from '@adonisjs/core/services/emitter'
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

emitter.on('payment:status_changed', [BroadcastPaymentChange, 'handle'])
emitter.on('payment:status_changed', [AnnounceOpenedConversation, 'handle'])
emitter.on('payment:status_changed', [PushNotifications, 'onPaymentStatusChanged'])

emitter.on('message:sent', [BroadcastChat, 'onMessageSent'])
emitter.on('message:sent', [PushNotifications, 'onMessageSent'])
emitter.on('messages:read', [BroadcastChat, 'onMessagesRead'])
emitter.on('messages:read', [PushNotifications, 'onMessagesRead'])
emitter.on('conversation:typing', [BroadcastChat, 'onTyping'])

emitter.on('call:ringing', [BroadcastCall, 'onRinging'])
emitter.on('call:ringing', [PushNotifications, 'onCallRinging'])
emitter.on('call:status_changed', [BroadcastCall, 'onStatusChanged'])
emitter.on('call:status_changed', [PushNotifications, 'onCallStatusChanged'])
emitter.on('call:connected', [BroadcastCall, 'onConnected'])
emitter.on('call:signal', [BroadcastCall, 'onSignal'])

emitter.on('session:ended', [ForgetDevice, 'handle'])
