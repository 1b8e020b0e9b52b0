import { DESCRIPTION_PARTS, FLOORS, LOCALITIES, RENT_RANGES, TITLES } from '#dev/demo/demo_data'
import { RoomCity } from '#rooms/enums/room_city'
import { RoomType, roomTypeLabels } from '#rooms/enums/room_type'

/**
 * The word lists the bench data set is built from: the demo seeder's
 * localities, titles and description parts (so full-text search finds
 * what people type), and names and chat lines of its own. The loader's
 * database name hashes all of it: a change here makes a new data set.
 */

const FIRST_NAMES = [
  'Aarav',
  'Aayush',
  'Anita',
  'Anjali',
  'Bikash',
  'Binita',
  'Deepak',
  'Dipika',
  'Gita',
  'Hari',
  'Kabita',
  'Krishna',
  'Laxmi',
  'Manish',
  'Maya',
  'Nabin',
  'Nisha',
  'Pooja',
  'Prakash',
  'Priya',
  'Rajesh',
  'Ram',
  'Rita',
  'Sabina',
  'Sagar',
  'Sanjay',
  'Sarita',
  'Sita',
  'Sunil',
  'Sushma',
]

const LAST_NAMES = [
  'Adhikari',
  'Bhandari',
  'Basnet',
  'Chaudhary',
  'Gurung',
  'Karki',
  'Khadka',
  'Lama',
  'Magar',
  'Maharjan',
  'Pandey',
  'Poudel',
  'Rai',
  'Shakya',
  'Sharma',
  'Shrestha',
  'Tamang',
  'Thapa',
]

/** What clients write (odd messages of a conversation). */
const CLIENT_LINES = [
  'Namaste! Is the room still available?',
  'Could I come and see it this Saturday morning?',
  'Is water available all day, or only in the morning?',
  'Does the rent include electricity and internet?',
  'How much is the deposit, and is it one month?',
  'Is there space to park a scooter?',
  'I am a student at a college nearby; is that all right?',
  'Can I move in at the start of next month?',
  'Thank you, that sounds good. I will bring the documents.',
  'Is the kitchen shared with other tenants?',
]

/** What owners answer (even messages). */
const OWNER_LINES = [
  'Namaste! Yes, the room is still free.',
  'Saturday at ten works. Call me when you reach the chowk.',
  'Water comes from the tank all day, and there is a filter.',
  'Electricity is by sub-meter; Wi-Fi is included in the rent.',
  'One month of deposit, returned when you leave.',
  'Yes, there is parking for bikes inside the gate.',
  'Students are welcome. It is a quiet house.',
  'The start of next month is fine. I will keep it for you.',
  'Please bring a copy of your citizenship card.',
  'The kitchen is your own; the rooftop is shared.',
]

/** The room type as the description says it ("single room", "1BHK flat"). */
const TYPE_WORDS = Object.fromEntries(
  Object.values(RoomType).map((type) => [
    type,
    roomTypeLabels[type].replace(/^(Single|Double|Shared)/, (word) => word.toLowerCase()),
  ])
)

/** Every list, as one JSON document the loader's SQL indexes into. */
export const BENCH_WORDS = {
  cities: Object.values(RoomCity),
  roomTypes: Object.values(RoomType),
  typeWords: TYPE_WORDS,
  localities: LOCALITIES,
  rents: RENT_RANGES,
  titles: TITLES,
  description: DESCRIPTION_PARTS,
  floors: FLOORS,
  firstNames: FIRST_NAMES,
  lastNames: LAST_NAMES,
  clientLines: CLIENT_LINES,
  ownerLines: OWNER_LINES,
}

/** A word in many titles (double rooms and 2BHK flats): the search bench looks for it. */
export const SEARCH_WORD = 'spacious'
