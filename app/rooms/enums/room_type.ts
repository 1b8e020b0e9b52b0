/**
 * The kinds of rooms owners let, with the names people read.
 */
export enum RoomType {
  Single = 'single',
  Double = 'double',
  Shared = 'shared',
  Flat1Bhk = 'flat_1bhk',
  Flat2Bhk = 'flat_2bhk',
}

export const roomTypeLabels: Record<RoomType, string> = {
  [RoomType.Single]: 'Single room',
  [RoomType.Double]: 'Double room',
  [RoomType.Shared]: 'Shared room',
  [RoomType.Flat1Bhk]: '1BHK flat',
  [RoomType.Flat2Bhk]: '2BHK flat',
}
