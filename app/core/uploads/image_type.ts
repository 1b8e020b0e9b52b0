import { open } from 'node:fs/promises'

export type ImageType = { mimeType: 'image/jpeg' | 'image/png' | 'image/webp'; extension: string }

/**
 * Recognises JPEG, PNG and WebP files by their signature bytes.
 */
export function imageTypeOf(header: Uint8Array): ImageType | null {
  const startsWith = (bytes: number[], offset = 0) =>
    bytes.every((byte, index) => header[offset + index] === byte)

  if (startsWith([0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', extension: 'jpg' }
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { mimeType: 'image/png', extension: 'png' }
  }
  // RIFF....WEBP
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) {
    return { mimeType: 'image/webp', extension: 'webp' }
  }
  return null
}

/**
 * Reads the first bytes of a file on disk and tells its image type.
 */
export async function detectImageType(path: string): Promise<ImageType | null> {
  const handle = await open(path, 'r')
  try {
    const header = new Uint8Array(12)
    const { bytesRead } = await handle.read(header, 0, 12, 0)
    return bytesRead === 12 ? imageTypeOf(header) : null
  } finally {
    await handle.close()
  }
}
