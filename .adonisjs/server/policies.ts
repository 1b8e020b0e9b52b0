export const policies = {
  PaymentPolicy: () => import('#app/payments/policies/payment_policy'),
  RoomPolicy: () => import('#app/rooms/policies/room_policy'),
}

