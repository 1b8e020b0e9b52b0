import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'rooms.index': { paramsTuple?: []; params?: {} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_photos.show': { paramsTuple: [ParamValue]; params: {'fileName': ParamValue} }
    'client.home': { paramsTuple?: []; params?: {} }
    'owner.rooms.index': { paramsTuple?: []; params?: {} }
    'owner.rooms.create': { paramsTuple?: []; params?: {} }
    'owner.rooms.store': { paramsTuple?: []; params?: {} }
    'owner.rooms.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.rooms.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.rooms.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.rooms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.room_photos.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
    'api.rooms.index': { paramsTuple?: []; params?: {} }
    'api.rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'register.create': { paramsTuple?: []; params?: {} }
    'register.store': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'payments.intent': { paramsTuple?: []; params?: {} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.redirect': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.status': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.pay_by_link': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'esewa.success': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'esewa.failure': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'esewa.webhook': { paramsTuple?: []; params?: {} }
    'chat.index': { paramsTuple?: []; params?: {} }
    'chat.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'chat.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'chat.image': { paramsTuple: [ParamValue,ParamValue]; params: {'conversationId': ParamValue,'messageId': ParamValue} }
    'chat.for_room': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple?: []; params?: {} }
    'api.messages.send': { paramsTuple?: []; params?: {} }
    'api.messages.read': { paramsTuple?: []; params?: {} }
    'api.messages.typing': { paramsTuple?: []; params?: {} }
    'api.unread_count': { paramsTuple?: []; params?: {} }
    'calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.store': { paramsTuple?: []; params?: {} }
    'calls.state': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.hangup': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.connected': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.failed': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.signal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.signals': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'push.service_worker': { paramsTuple?: []; params?: {} }
    'push.public_key': { paramsTuple?: []; params?: {} }
    'push.subscriptions.store': { paramsTuple?: []; params?: {} }
    'push.subscriptions.destroy': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.v2.form': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.v1.form': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.checkout.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'esewa_sandbox.checkout.submit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'esewa_sandbox.status': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.transrec': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.index': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.control.switches': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.control.transactions': { paramsTuple: [ParamValue]; params: {'uuid': ParamValue} }
  }
  GET: {
    'rooms.index': { paramsTuple?: []; params?: {} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_photos.show': { paramsTuple: [ParamValue]; params: {'fileName': ParamValue} }
    'client.home': { paramsTuple?: []; params?: {} }
    'owner.rooms.index': { paramsTuple?: []; params?: {} }
    'owner.rooms.create': { paramsTuple?: []; params?: {} }
    'owner.rooms.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.rooms.index': { paramsTuple?: []; params?: {} }
    'api.rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'register.create': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.redirect': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.status': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.pay_by_link': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'esewa.success': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'esewa.failure': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'chat.index': { paramsTuple?: []; params?: {} }
    'chat.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'chat.image': { paramsTuple: [ParamValue,ParamValue]; params: {'conversationId': ParamValue,'messageId': ParamValue} }
    'chat.for_room': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple?: []; params?: {} }
    'api.unread_count': { paramsTuple?: []; params?: {} }
    'calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.state': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.signals': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'push.service_worker': { paramsTuple?: []; params?: {} }
    'push.public_key': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.checkout.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'esewa_sandbox.status': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.transrec': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.index': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'rooms.index': { paramsTuple?: []; params?: {} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_photos.show': { paramsTuple: [ParamValue]; params: {'fileName': ParamValue} }
    'client.home': { paramsTuple?: []; params?: {} }
    'owner.rooms.index': { paramsTuple?: []; params?: {} }
    'owner.rooms.create': { paramsTuple?: []; params?: {} }
    'owner.rooms.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.rooms.index': { paramsTuple?: []; params?: {} }
    'api.rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'register.create': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'payments.show': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.redirect': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.status': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'payments.pay_by_link': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'esewa.success': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'esewa.failure': { paramsTuple: [ParamValue]; params: {'transactionId': ParamValue} }
    'chat.index': { paramsTuple?: []; params?: {} }
    'chat.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'chat.image': { paramsTuple: [ParamValue,ParamValue]; params: {'conversationId': ParamValue,'messageId': ParamValue} }
    'chat.for_room': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple?: []; params?: {} }
    'api.unread_count': { paramsTuple?: []; params?: {} }
    'calls.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.state': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.signals': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'push.service_worker': { paramsTuple?: []; params?: {} }
    'push.public_key': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.checkout.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'esewa_sandbox.status': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.index': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'owner.rooms.store': { paramsTuple?: []; params?: {} }
    'owner.rooms.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'register.store': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'payments.intent': { paramsTuple?: []; params?: {} }
    'esewa.webhook': { paramsTuple?: []; params?: {} }
    'chat.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.send': { paramsTuple?: []; params?: {} }
    'api.messages.read': { paramsTuple?: []; params?: {} }
    'api.messages.typing': { paramsTuple?: []; params?: {} }
    'calls.store': { paramsTuple?: []; params?: {} }
    'calls.accept': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.hangup': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.connected': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.failed': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'calls.signal': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'push.subscriptions.store': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.v2.form': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.v1.form': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.checkout.submit': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'esewa_sandbox.transrec': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.control.switches': { paramsTuple?: []; params?: {} }
    'esewa_sandbox.control.transactions': { paramsTuple: [ParamValue]; params: {'uuid': ParamValue} }
  }
  PUT: {
    'owner.rooms.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'owner.rooms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.room_photos.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
    'push.subscriptions.destroy': { paramsTuple?: []; params?: {} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}