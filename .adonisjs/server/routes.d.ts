import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'rooms.index': { paramsTuple?: []; params?: {} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_photos.show': { paramsTuple: [ParamValue]; params: {'fileName': ParamValue} }
    'register.create': { paramsTuple?: []; params?: {} }
    'register.store': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
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
  }
  GET: {
    'rooms.index': { paramsTuple?: []; params?: {} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_photos.show': { paramsTuple: [ParamValue]; params: {'fileName': ParamValue} }
    'register.create': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'client.home': { paramsTuple?: []; params?: {} }
    'owner.rooms.index': { paramsTuple?: []; params?: {} }
    'owner.rooms.create': { paramsTuple?: []; params?: {} }
    'owner.rooms.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.rooms.index': { paramsTuple?: []; params?: {} }
    'api.rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  HEAD: {
    'rooms.index': { paramsTuple?: []; params?: {} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_photos.show': { paramsTuple: [ParamValue]; params: {'fileName': ParamValue} }
    'register.create': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'client.home': { paramsTuple?: []; params?: {} }
    'owner.rooms.index': { paramsTuple?: []; params?: {} }
    'owner.rooms.create': { paramsTuple?: []; params?: {} }
    'owner.rooms.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.rooms.index': { paramsTuple?: []; params?: {} }
    'api.rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  POST: {
    'register.store': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'owner.rooms.store': { paramsTuple?: []; params?: {} }
    'owner.rooms.status': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'owner.rooms.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  DELETE: {
    'owner.rooms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'owner.room_photos.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'photoId': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}