export const policies = {
  PaymentPolicy: () => import('#policies/payment_policy'),
  RoomPolicy: () => import('#policies/room_policy'),
}

