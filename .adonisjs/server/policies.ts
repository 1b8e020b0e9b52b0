export const policies = {
  RoomPolicy: () => import('#policies/room_policy'),
}

