import { test } from '@japa/runner'
import { imageTypeOf } from '#core/uploads/image_type'
import { drawRoomIllustration } from '#dev/demo/room_illustration'

test.group('Image type by content', () => {
  test('recognises JPEG, PNG and WebP by their first bytes', ({ assert }) => {
    assert.equal(
      imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0]))?.mimeType,
      'image/jpeg'
    )
    assert.equal(imageTypeOf(drawRoomIllustration(1, 8, 8))?.mimeType, 'image/png')
    assert.equal(
      imageTypeOf(Buffer.from('RIFF\x10\x00\x00\x00WEBP', 'latin1'))?.mimeType,
      'image/webp'
    )
  })

  test('refuses everything else, whatever its name', ({ assert }) => {
    assert.isNull(imageTypeOf(Buffer.from('GIF89a......')))
    assert.isNull(imageTypeOf(Buffer.from('<svg xmlns="')))
    assert.isNull(imageTypeOf(Buffer.from('RIFF\x10\x00\x00\x00WAVE', 'latin1')))
  })

  test('demo pictures are deterministic PNGs', ({ assert }) => {
    assert.deepEqual(drawRoomIllustration(7, 32, 24), drawRoomIllustration(7, 32, 24))
    assert.notDeepEqual(drawRoomIllustration(7, 32, 24), drawRoomIllustration(8, 32, 24))
  })
})
