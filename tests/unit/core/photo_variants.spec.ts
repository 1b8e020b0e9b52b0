import { test } from '@japa/runner'
import { cardNameOf, newPhotoName, rowNamesFor, variantNamesOf } from '#core/uploads/photo_variants'

const STEM = '0b6f1c9e-2a41-4c1d-9f3e-5d7a8b9c0d1e'

test.group('Room photo sizes / names', () => {
  test('a new photo is named by its full size; its card size by the same stem', ({ assert }) => {
    const name = newPhotoName()
    assert.match(name, /^[0-9a-f-]{36}\.webp$/)
    assert.equal(cardNameOf(name), name.replace(/\.webp$/, '.card.webp'))
    assert.deepEqual(variantNamesOf(`${STEM}.webp`), [`${STEM}.webp`, `${STEM}.card.webp`])
  })

  test('a photo stored before resizing keeps its original as the full size', ({ assert }) => {
    assert.equal(cardNameOf(`${STEM}.jpg`), `${STEM}.card.webp`)
    assert.deepEqual(variantNamesOf(`${STEM}.png`), [`${STEM}.png`, `${STEM}.card.webp`])
  })

  test('a requested name tells the size and the names its row may hold', ({ assert }) => {
    assert.deepEqual(rowNamesFor(`${STEM}.webp`), { size: 'full', rowNames: [`${STEM}.webp`] })
    assert.deepEqual(rowNamesFor(`${STEM}.card.webp`), {
      size: 'card',
      rowNames: [`${STEM}.webp`, `${STEM}.jpg`, `${STEM}.png`],
    })
    // Anything else is looked up as it is, and the database knows no such name.
    assert.deepEqual(rowNamesFor('../../.env'), { size: 'full', rowNames: ['../../.env'] })
    assert.equal(rowNamesFor('x/../y.card.webp').size, 'full')
  })
})
