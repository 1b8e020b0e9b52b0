export const policies = {
  AccountsUserPolicy: () => import('#app/accounts/policies/user_policy'),
  CallPolicy: () => import('#app/calls/policies/call_policy'),
  ChatConversationPolicy: () => import('#app/chat/policies/conversation_policy'),
  PaymentPolicy: () => import('#app/payments/policies/payment_policy'),
  PushSubscriptionPolicy: () => import('#app/push/policies/subscription_policy'),
  RoomPolicy: () => import('#app/rooms/policies/room_policy'),
}

