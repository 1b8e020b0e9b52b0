import { crc32, deflateSync } from 'node:zlib'

type Rgb = [number, number, number]

/**
 * A small deterministic random generator (mulberry32), so the same seed
 * always draws the same picture.
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WALLS: Rgb[] = [
  [244, 236, 220],
  [226, 236, 231],
  [236, 228, 240],
  [250, 243, 214],
  [222, 232, 244],
  [245, 225, 215],
]
const FLOORS: Rgb[] = [
  [160, 112, 72],
  [190, 150, 105],
  [120, 88, 62],
  [205, 196, 182],
]
const FABRICS: Rgb[] = [
  [194, 24, 58],
  [38, 99, 160],
  [46, 125, 90],
  [214, 140, 40],
  [110, 70, 150],
]

type Box = { x: number; y: number; w: number; h: number }

/** Where everything sits in one picture, and its colours. */
type Scene = {
  width: number
  height: number
  wall: Rgb
  floor: Rgb
  fabric: Rgb
  rug: Rgb
  horizon: number
  windowBox: Box
  bed: Box
  hillPhase: number
}

/**
 * Draws a PNG picture of a furnished room (walls, floor, a window onto
 * hills, a bed, a rug, a shelf) with no network and no image library.
 * Used for demo data and tests.
 */
export function drawRoomIllustration(seed: number, width = 800, height = 600): Buffer {
  const scene = composeScene(seededRandom(seed), width, height)
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colorAt(scene, x, y)
      const offset = (y * width + x) * 3
      pixels[offset] = r
      pixels[offset + 1] = g
      pixels[offset + 2] = b
    }
  }
  return encodePng(width, height, pixels)
}

/**
 * Picks the colours and places the window and bed. The random draws keep
 * their order, so a seed always gives the same picture.
 */
function composeScene(random: () => number, width: number, height: number): Scene {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]
  const wall = pick(WALLS)
  const floor = pick(FLOORS)
  const fabric = pick(FABRICS)
  const rug = pick(FABRICS.filter((color) => color !== fabric))
  const horizon = Math.round(height * (0.6 + random() * 0.08))
  const windowBox = {
    x: Math.round(width * (0.08 + random() * 0.45)),
    y: Math.round(height * 0.12),
    w: Math.round(width * 0.3),
    h: Math.round(height * 0.3),
  }
  const bed = {
    x: Math.round(width * (random() < 0.5 ? 0.05 : 0.45)),
    y: Math.round(horizon - height * 0.1),
    w: Math.round(width * 0.5),
    h: Math.round(height * 0.22),
  }
  const hillPhase = random() * Math.PI * 2
  return { width, height, wall, floor, fabric, rug, horizon, windowBox, bed, hillPhase }
}

function shade([r, g, b]: Rgb, factor: number): Rgb {
  return [
    Math.max(0, Math.min(255, Math.round(r * factor))),
    Math.max(0, Math.min(255, Math.round(g * factor))),
    Math.max(0, Math.min(255, Math.round(b * factor))),
  ]
}

function inside(box: Box, x: number, y: number) {
  return x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h
}

/** The colour of one pixel: the room, then the window, then the furniture over it. */
function colorAt(scene: Scene, x: number, y: number): Rgb {
  let color = roomColor(scene, x, y)
  color = windowColor(scene, x, y) ?? color
  return furnitureColor(scene, x, y) ?? color
}

/** Wall above the horizon, lit from the window side; floor boards below. */
function roomColor({ wall, floor, horizon, windowBox, width }: Scene, x: number, y: number) {
  if (y < horizon) return shade(wall, 0.92 + 0.08 * (1 - Math.abs(x - windowBox.x) / width))
  const board = Math.floor((x + (y - horizon) * 0.6) / 60) % 2
  return shade(floor, board ? 0.95 : 1.03)
}

/** The window frame and, through the panes, hills under snow peaks and sky. */
function windowColor({ windowBox, hillPhase }: Scene, x: number, y: number): Rgb | null {
  if (inside(windowBox, x, y)) {
    const u = (x - windowBox.x) / windowBox.w
    const v = (y - windowBox.y) / windowBox.h
    if (Math.abs(u - 0.5) < 0.012 || Math.abs(v - 0.5) < 0.016) return [250, 250, 250]
    const hill = 0.55 + 0.18 * Math.sin(u * 6 + hillPhase) + 0.08 * Math.sin(u * 17)
    const snow = 0.35 + 0.12 * Math.sin(u * 4 + hillPhase * 2)
    if (v > hill) return [70, 120, 80]
    return v > snow ? [235, 240, 248] : shade([120, 175, 230], 0.85 + v * 0.3)
  }
  const frame = {
    x: windowBox.x - 8,
    y: windowBox.y - 8,
    w: windowBox.w + 16,
    h: windowBox.h + 16,
  }
  return inside(frame, x, y) ? [250, 250, 250] : null
}

/** The rug under the bed, then the bed: frame, mattress, blanket, pillow. */
function furnitureColor(scene: Scene, x: number, y: number): Rgb | null {
  const { bed, floor, fabric, rug, horizon, height } = scene
  if (inside({ x: bed.x + 24, y: bed.y + 10, w: bed.w * 0.2, h: bed.h * 0.35 }, x, y)) {
    return [255, 255, 255]
  }
  if (inside(bed, x, y)) {
    return x < bed.x + bed.w * 0.3 ? [248, 248, 244] : shade(fabric, 1 - (y - bed.y) / bed.h / 3)
  }
  if (inside({ x: bed.x, y: bed.y - 40, w: 18, h: bed.h + 40 }, x, y)) return shade(floor, 0.7)
  const rugX = (x - (bed.x + bed.w / 2)) / (bed.w * 0.75)
  const rugY = (y - (horizon + height * 0.2)) / (height * 0.1)
  return y >= horizon && rugX * rugX + rugY * rugY < 1 ? shade(rug, 0.9) : null
}

/**
 * Minimal PNG encoder for 8-bit RGB pixels.
 */
function encodePng(width: number, height: number, rgb: Buffer): Buffer {
  const scanlines = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    // Filter type 0 (none) before each row.
    rgb.copy(scanlines, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const checksum = Buffer.alloc(4)
  checksum.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, checksum])
}
