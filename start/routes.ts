/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Every route is named; pages, tests and redirects refer to names only.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { chatSendThrottle, loginThrottle, paymentIntentThrottle, registerThrottle, webhookThrottle } from '#start/limiter'
import esewa from '#config/esewa'

const RoomsController = () => import('#controllers/rooms_controller')
const RoomPhotosController = () => import('#controllers/room_photos_controller')
const ApiRoomsController = () => import('#controllers/api/rooms_controller')
const RegisterController = () => import('#controllers/auth/register_controller')
const SessionController = () => import('#controllers/auth/session_controller')
const ClientHomeController = () => import('#controllers/client/home_controller')
const OwnerRoomsController = () => import('#controllers/owner/rooms_controller')
const OwnerRoomPhotosController = () => import('#controllers/owner/room_photos_controller')
const PaymentsController = () => import('#controllers/payments/payments_controller')
const EsewaCallbacksController = () => import('#controllers/payments/esewa_callbacks_controller')
const ConversationsController = () => import('#controllers/chat/conversations_controller')
const MessagesApiController = () => import('#controllers/chat/messages_api_controller')
const CallsController = () => import('#controllers/calls/calls_controller')

/*
| Public pages
*/
router.get('/', [RoomsController, 'index']).as('rooms.index')
router.get('/rooms/:id', [RoomsController, 'show']).as('rooms.show').where('id', router.matchers.number())
router.get('/media/rooms/:fileName', [RoomPhotosController, 'show']).as('room_photos.show')

/*
| Accounts
*/
router
  .group(() => {
    router.get('/register', [RegisterController, 'create']).as('register.create')
    router.post('/register', [RegisterController, 'store']).as('register.store').use(registerThrottle)
    router.get('/login', [SessionController, 'create']).as('session.create')
    router.post('/login', [SessionController, 'store']).as('session.store').use(loginThrottle)
  })
  .use(middleware.guest())

router.post('/logout', [SessionController, 'destroy']).as('session.destroy').use(middleware.auth())

/*
| A client's pages
*/
router.get('/me', [ClientHomeController, 'show']).as('client.home').use(middleware.auth())

/*
| An owner's pages
*/
router
  .group(() => {
    router.get('/rooms', [OwnerRoomsController, 'index']).as('rooms.index')
    router.get('/rooms/new', [OwnerRoomsController, 'create']).as('rooms.create')
    router.post('/rooms', [OwnerRoomsController, 'store']).as('rooms.store')
    router.get('/rooms/:id/edit', [OwnerRoomsController, 'edit']).as('rooms.edit')
    router.put('/rooms/:id', [OwnerRoomsController, 'update']).as('rooms.update')
    router.post('/rooms/:id/status', [OwnerRoomsController, 'updateStatus']).as('rooms.status')
    router.delete('/rooms/:id', [OwnerRoomsController, 'destroy']).as('rooms.destroy')
    router
      .delete('/rooms/:id/photos/:photoId', [OwnerRoomPhotosController, 'destroy'])
      .as('room_photos.destroy')
  })
  .prefix('/owner')
  .as('owner')
  .where('id', router.matchers.number())
  .use(middleware.auth())

/*
| Payments (route names and paths as in the original app)
*/
const transactionId = { match: /^[A-Za-z0-9-]{1,64}$/ }
router
  .post('/create-payment-intent', [PaymentsController, 'createIntent'])
  .as('payments.intent')
  .use([middleware.auth(), paymentIntentThrottle])
router
  .group(() => {
    router.get('/payments/:transactionId', [PaymentsController, 'show']).as('payments.show')
    router.get('/payments/:transactionId/pay', [PaymentsController, 'redirect']).as('payments.redirect')
  })
  .where('transactionId', transactionId)
  .use(middleware.auth())
router
  .get('/payments/:transactionId/status', [PaymentsController, 'status'])
  .as('payments.status')
  .where('transactionId', transactionId)
  .use(middleware.apiAuth())
router.get('/pay/:token', [PaymentsController, 'payByLink']).as('payments.pay_by_link')
router
  .get('/esewa-success/:transactionId', [EsewaCallbacksController, 'success'])
  .as('esewa.success')
  .where('transactionId', transactionId)
router
  .get('/esewa-failure/:transactionId', [EsewaCallbacksController, 'failure'])
  .as('esewa.failure')
  .where('transactionId', transactionId)
router.post('/esewa-webhook', [EsewaCallbacksController, 'webhook']).as('esewa.webhook').use(webhookThrottle)

/*
| Chat: pages, and the API (paths as in the original app)
*/
router
  .group(() => {
    router.get('/conversations', [ConversationsController, 'index']).as('chat.index')
    router.get('/conversations/:id', [ConversationsController, 'show']).as('chat.show')
    router.post('/conversations/:id/messages', [ConversationsController, 'store']).as('chat.store').use(chatSendThrottle)
    router
      .get('/conversations/:conversationId/messages/:messageId/image', [ConversationsController, 'image'])
      .as('chat.image')
      .where('conversationId', router.matchers.number())
      .where('messageId', router.matchers.number())
    router.get('/rooms/:id/chat', [ConversationsController, 'forRoom']).as('chat.for_room')
  })
  .where('id', router.matchers.number())
  .use(middleware.auth())
router
  .group(() => {
    router.get('/messages', [MessagesApiController, 'index']).as('messages.index')
    router.post('/messages/send', [MessagesApiController, 'send']).as('messages.send').use(chatSendThrottle)
    router.post('/messages/read', [MessagesApiController, 'read']).as('messages.read')
    router.post('/messages/typing', [MessagesApiController, 'typing']).as('messages.typing')
    router.get('/unread-count', [MessagesApiController, 'unreadCount']).as('unread_count')
  })
  .prefix('/api')
  .as('api')
  .use(middleware.apiAuth())

/*
| Video calls: the page, and signalling up by POST (down through Transmit `calls/<id>`)
*/
router.get('/calls/:id', [CallsController, 'show']).as('calls.show').where('id', router.matchers.number()).use(middleware.auth())
router
  .group(() => {
    router.post('/calls', [CallsController, 'store']).as('calls.store')
    router.get('/calls/:id/state', [CallsController, 'state']).as('calls.state')
    router.post('/calls/:id/accept', [CallsController, 'accept']).as('calls.accept')
    router.post('/calls/:id/decline', [CallsController, 'decline']).as('calls.decline')
    router.post('/calls/:id/hangup', [CallsController, 'hangUp']).as('calls.hangup')
    router.post('/calls/:id/connected', [CallsController, 'connected']).as('calls.connected')
    router.post('/calls/:id/failed', [CallsController, 'fail']).as('calls.failed')
    router.post('/calls/:id/signal', [CallsController, 'signal']).as('calls.signal')
  })
  .where('id', router.matchers.number())
  .use(middleware.apiAuth())

/*
| JSON API
*/
router
  .group(() => {
    router.get('/rooms', [ApiRoomsController, 'index']).as('rooms.index')
    router.get('/rooms/:id', [ApiRoomsController, 'show']).as('rooms.show').where('id', router.matchers.number())
  })
  .prefix('/api')
  .as('api')

/*
| The local eSewa simulator, never in production (config/esewa.ts refuses it)
*/
if (esewa.sandboxEnabled) {
  await import('#start/routes/esewa_sandbox')
}

/*
| Browser push notifications
*/
await import('#start/routes/push')
