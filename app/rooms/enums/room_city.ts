/**
 * The cities Kotha serves, with the names people read.
 */
export enum RoomCity {
  Kathmandu = 'kathmandu',
  Lalitpur = 'lalitpur',
  Bhaktapur = 'bhaktapur',
  Pokhara = 'pokhara',
}

export const roomCityLabels: Record<RoomCity, string> = {
  [RoomCity.Kathmandu]: 'Kathmandu',
  [RoomCity.Lalitpur]: 'Lalitpur',
  [RoomCity.Bhaktapur]: 'Bhaktapur',
  [RoomCity.Pokhara]: 'Pokhara',
}
