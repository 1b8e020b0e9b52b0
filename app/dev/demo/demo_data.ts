import { RoomCity } from '#rooms/enums/room_city'
import { RoomType } from '#rooms/enums/room_type'

/**
 * Demo accounts listed in the README. Everyone's password is DEMO_PASSWORD.
 */
export const DEMO_PASSWORD = 'kotha-demo-123'

export const DEMO_OWNERS = [
  { fullName: 'Sita Sharma', email: 'sita@kotha.test', phone: '9841000001' },
  { fullName: 'Ram Bahadur Thapa', email: 'ram@kotha.test', phone: '9851000002' },
  { fullName: 'Maya Gurung', email: 'maya@kotha.test', phone: '9846000003' },
  { fullName: 'Bikash Shrestha', email: 'bikash@kotha.test', phone: '9803000004' },
  { fullName: 'Anita Maharjan', email: 'anita@kotha.test', phone: '9818000005' },
  { fullName: 'Krishna Prasad Adhikari', email: 'krishna@kotha.test', phone: '9860000006' },
]

export const DEMO_CLIENTS = [
  { fullName: 'Aarav Karki', email: 'aarav@kotha.test', phone: '9812000101' },
  { fullName: 'Priya Rai', email: 'priya@kotha.test', phone: '9823000102' },
]

export const LOCALITIES: Record<RoomCity, string[]> = {
  [RoomCity.Kathmandu]: [
    'New Baneshwor',
    'Koteshwor',
    'Baluwatar',
    'Maharajgunj',
    'Thamel',
    'Chabahil',
    'Kalanki',
    'Kapan',
    'Samakhushi',
    'Sinamangal',
    'Boudha',
    'Tinkune',
  ],
  [RoomCity.Lalitpur]: [
    'Jhamsikhel',
    'Kupondole',
    'Pulchowk',
    'Jawalakhel',
    'Sanepa',
    'Ekantakuna',
    'Imadol',
    'Satdobato',
    'Lagankhel',
  ],
  [RoomCity.Bhaktapur]: ['Suryabinayak', 'Thimi', 'Kamalbinayak', 'Sallaghari', 'Lokanthali'],
  [RoomCity.Pokhara]: [
    'Lakeside',
    'Baidam',
    'Chipledhunga',
    'Mahendrapul',
    'Bagar',
    'Srijana Chowk',
  ],
}

/**
 * Rent ranges per room type, in rupees a month.
 */
export const RENT_RANGES: Record<RoomType, [number, number]> = {
  [RoomType.Shared]: [4000, 6500],
  [RoomType.Single]: [5000, 10000],
  [RoomType.Double]: [8000, 15000],
  [RoomType.Flat1Bhk]: [13000, 24000],
  [RoomType.Flat2Bhk]: [22000, 40000],
}

export const TITLES: Record<RoomType, string[]> = {
  [RoomType.Shared]: [
    'Shared room for students near {locality}',
    'Bed in a shared room, {locality}',
    'Affordable shared room in {locality}',
  ],
  [RoomType.Single]: [
    'Sunny single room in {locality}',
    'Quiet single room near {locality} chowk',
    'Single room with balcony, {locality}',
  ],
  [RoomType.Double]: [
    'Spacious double room in {locality}',
    'Two rooms for a couple, {locality}',
    'Double room with attached bathroom, {locality}',
  ],
  [RoomType.Flat1Bhk]: [
    '1BHK flat in {locality}',
    'Cosy 1BHK with kitchen, {locality}',
    'Bright 1BHK on the top floor, {locality}',
  ],
  [RoomType.Flat2Bhk]: [
    '2BHK family flat in {locality}',
    'Modern 2BHK with parking, {locality}',
    'Spacious 2BHK near the main road, {locality}',
  ],
}

export const DESCRIPTION_PARTS = {
  opening: [
    'A clean, well-lit {type} on the {floor} floor of a family house in {locality}.',
    'Newly painted {type} in a calm lane of {locality}, five minutes from the main road.',
    'A {type} in a friendly building in {locality}, with the owner living downstairs.',
  ],
  water: [
    '24-hour water from a well and Melamchi line, with a water filter on each floor.',
    'Water from the tank all day; a tanker is arranged by the owner when needed.',
    'Running water morning and evening, and a solar water heater on the roof.',
  ],
  extras: [
    'Wi-Fi ready, inverter backup for lights, bike parking in the compound.',
    'Shared rooftop for drying clothes, and a small garden.',
    'Attached bathroom, separate kitchen space and plenty of sunlight.',
    'Near a bus stop, a supermarket and a pharmacy; colleges within walking distance.',
  ],
  lakeside: ['You can see Phewa Lake from the roof, and the Annapurna range on clear mornings.'],
  rules: [
    'Suits students or working professionals. No smoking inside, please.',
    'Suits a small family or a couple. Pets are welcome after a chat.',
    'Electricity is billed by sub-meter at NEA rates. One month of deposit.',
  ],
}

export const FLOORS = ['ground', 'first', 'second', 'third', 'top']
