/*
| Chat: the pages, and the API (paths as in the original app).
*/
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { bigIdParam, idParam } from '#core/http/route_params'
import { chatSendThrottle } from '#start/limiter'

router
  .group(() => {
    router.get('/conversations', [controllers.chat.Conversations, 'index']).as('chat.index')
    router.get('/conversations/:id', [controllers.chat.Conversations, 'show']).as('chat.show')
    router
      .post('/conversations/:id/messages', [controllers.chat.Conversations, 'store'])
      .as('chat.store')
      .use(chatSendThrottle)
    router
      .get('/conversations/:conversationId/messages/:messageId/image', [
        controllers.chat.Conversations,
        'image',
      ])
      .as('chat.image')
      .where('conversationId', idParam())
      .where('messageId', bigIdParam())
    router.get('/rooms/:id/chat', [controllers.chat.Conversations, 'forRoom']).as('chat.for_room')
  })
  .where('id', idParam())
  .use(middleware.auth())

router
  .group(() => {
    router.get('/messages', [controllers.chat.MessagesApi, 'index']).as('messages.index')
    router
      .post('/messages/send', [controllers.chat.MessagesApi, 'send'])
      .as('messages.send')
      .use(chatSendThrottle)
    router.post('/messages/read', [controllers.chat.MessagesApi, 'read']).as('messages.read')
    router.post('/messages/typing', [controllers.chat.MessagesApi, 'typing']).as('messages.typing')
    router.get('/unread-count', [controllers.chat.MessagesApi, 'unreadCount']).as('unread_count')
  })
  .prefix('/api')
  .as('api')
  .use(middleware.apiAuth())
