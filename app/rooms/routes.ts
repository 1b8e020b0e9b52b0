/*
| Rooms: the public listing and room pages, a client's home, an owner's
| rooms, and the JSON API.
*/
import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { idParam } from '#core/http/route_params'
import { cookieless } from '#core/http/cookieless'

router.get('/', [controllers.rooms.Rooms, 'index']).as('rooms.index')
router.get('/rooms/:id', [controllers.rooms.Rooms, 'show']).as('rooms.show').where('id', idParam())
// Public and cached: served without session or cookies (#core/http/cookieless).
cookieless(
  router
    .get('/media/rooms/:fileName', [controllers.rooms.RoomPhotos, 'show'])
    .as('room_photos.show')
)

router.get('/me', [controllers.rooms.ClientHome, 'show']).as('client.home').use(middleware.auth())

router
  .group(() => {
    router.get('/rooms', [controllers.rooms.OwnerRooms, 'index']).as('rooms.index')
    router.get('/rooms/new', [controllers.rooms.OwnerRooms, 'create']).as('rooms.create')
    router.post('/rooms', [controllers.rooms.OwnerRooms, 'store']).as('rooms.store')
    router.get('/rooms/:id/edit', [controllers.rooms.OwnerRooms, 'edit']).as('rooms.edit')
    router.put('/rooms/:id', [controllers.rooms.OwnerRooms, 'update']).as('rooms.update')
    router
      .post('/rooms/:id/status', [controllers.rooms.OwnerRooms, 'updateStatus'])
      .as('rooms.status')
    router.delete('/rooms/:id', [controllers.rooms.OwnerRooms, 'destroy']).as('rooms.destroy')
    router
      .delete('/rooms/:id/photos/:photoId', [controllers.rooms.OwnerRoomPhotos, 'destroy'])
      .as('room_photos.destroy')
      .where('photoId', idParam())
  })
  .prefix('/owner')
  .as('owner')
  .where('id', idParam())
  .use(middleware.auth())

router
  .group(() => {
    router.get('/rooms', [controllers.rooms.ApiRooms, 'index']).as('rooms.index')
    router
      .get('/rooms/:id', [controllers.rooms.ApiRooms, 'show'])
      .as('rooms.show')
      .where('id', idParam())
  })
  .prefix('/api')
  .as('api')
