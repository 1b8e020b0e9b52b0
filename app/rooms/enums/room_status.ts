/**
 * Whether a room still takes tenants. Rented rooms leave the public listing
 * but keep their page, so people who unlocked them can still reach the owner.
 */
export enum RoomStatus {
  Available = 'available',
  Rented = 'rented',
}
