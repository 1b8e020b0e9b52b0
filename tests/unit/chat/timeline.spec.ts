import { test } from '@japa/runner'
import { createTimeline } from '../../../resources/js/chat/timeline.js'
import { backoffDelay, randomId } from '../../../resources/js/lib/backoff.js'

/** A message as the API and the stream give it (only what the timeline reads). */
const message = (id: number, clientKey: string | null = null) => ({ id, clientKey })

test.group('Chat page / timeline: order and the catch-up cursor', () => {
  test('starts from the rendered history; the cursor is its last id', ({ assert }) => {
    const timeline = createTimeline([12, 10, 11, 10])
    assert.deepEqual(timeline.ids(), [10, 11, 12])
    assert.equal(timeline.cursor(), 12)
    assert.equal(createTimeline().cursor(), 0)
  })

  test('the page’s own sends never move the cursor; stream and history do', ({ assert }) => {
    const timeline = createTimeline([10])
    timeline.closeGap(timeline.gapEpoch())
    timeline.receive([message(15)], 'sent')
    assert.equal(timeline.cursor(), 10, 'my POST answer says nothing about what I received')
    timeline.receive([message(16)], 'stream')
    assert.equal(timeline.cursor(), 16)
    timeline.receive([message(17)], 'history')
    assert.equal(timeline.cursor(), 17)
  })

  test('while my stream is down the other sends m1, m2 and I send m3: the catch-up gets m1 and m2', ({
    assert,
  }) => {
    const timeline = createTimeline([10])
    timeline.closeGap(timeline.gapEpoch())
    timeline.openGap()
    // My own send, stored while the stream is down (ids 11 and 12 are the other's).
    timeline.receive([message(13, 'my-key-0001')], 'sent')
    const after = timeline.cursor()
    assert.equal(after, 10, 'asking after=13 would skip 11 and 12')

    // The history API answers after=10 with 11, 12, 13 (oldest first).
    const epoch = timeline.gapEpoch()
    const { added } = timeline.receive([message(11), message(12), message(13)], 'history')
    assert.deepEqual(
      added.map((entry) => entry.message.id),
      [11, 12],
      'exactly the missed ones'
    )
    // Each goes before the message that follows it: 11 and 12 before my 13.
    assert.deepEqual(
      added.map((entry) => entry.before),
      [13, 13]
    )
    assert.isTrue(timeline.closeGap(epoch))
    assert.deepEqual(timeline.ids(), [10, 11, 12, 13])
    assert.equal(timeline.cursor(), 13)
  })

  test('messages are placed in id order, each once, whatever order they arrive in', ({
    assert,
  }) => {
    const timeline = createTimeline([2, 8])
    const first = timeline.receive([message(9), message(5), message(5)], 'stream')
    assert.deepEqual(
      first.added.map(({ message: { id }, before }) => [id, before]),
      [
        [5, 8],
        [9, null],
      ]
    )
    const again = timeline.receive([message(9), message(8), message(2)], 'history')
    assert.lengthOf(again.added, 0)
    const older = timeline.receive([message(1)], 'history')
    assert.deepEqual(older.added[0].before, 2)
    assert.deepEqual(timeline.ids(), [1, 2, 5, 8, 9])
  })

  test('after a drop, stream messages do not move the cursor until a catch-up reaches the end', ({
    assert,
  }) => {
    const timeline = createTimeline([10])
    assert.isTrue(timeline.isGapOpen(), 'a page is in a gap until its first catch-up')
    assert.isTrue(timeline.closeGap(timeline.gapEpoch()))

    timeline.openGap()
    // Back: the stream brings 20 before the catch-up ran; 11..19 may be missing.
    timeline.receive([message(20)], 'stream')
    assert.equal(timeline.cursor(), 10)
    const epoch = timeline.gapEpoch()
    timeline.receive([message(11), message(20)], 'history')
    assert.isTrue(timeline.closeGap(epoch))
    assert.equal(timeline.cursor(), 20)
    assert.isFalse(timeline.isGapOpen())
  })

  test('a catch-up that started before another drop leaves the new gap open', ({ assert }) => {
    const timeline = createTimeline([10])
    const epoch = timeline.gapEpoch()
    timeline.openGap()
    timeline.receive([message(30)], 'stream')
    assert.isFalse(timeline.closeGap(epoch))
    assert.isTrue(timeline.isGapOpen())
    assert.equal(timeline.cursor(), 10)
    assert.isTrue(timeline.closeGap(timeline.gapEpoch()))
    assert.equal(timeline.cursor(), 30)
  })

  test('a pending send is confirmed by its stored copy from any source, once', ({ assert }) => {
    const timeline = createTimeline([10])
    timeline.expect('key-aaaa-1')
    timeline.expect('key-aaaa-2')
    assert.isTrue(timeline.isPending('key-aaaa-1'))

    // The stream brings my first message before its POST answer.
    const live = timeline.receive([message(11, 'key-aaaa-1')], 'stream')
    assert.deepEqual(live.confirmed, ['key-aaaa-1'])
    assert.deepEqual(
      live.added.map((entry) => entry.message.id),
      [11]
    )
    const answer = timeline.receive([message(11, 'key-aaaa-1')], 'sent')
    assert.deepEqual(answer, { added: [], confirmed: [] })

    assert.isTrue(timeline.forget('key-aaaa-2'))
    assert.isFalse(timeline.isPending('key-aaaa-2'))
  })
})

test.group('Browser code / back-off', () => {
  test('doubles up to a ceiling, with jitter in the upper half', ({ assert }) => {
    const low = () => 0
    const high = () => 1
    assert.equal(backoffDelay(0, { random: low }), 250)
    assert.equal(backoffDelay(0, { random: high }), 500)
    assert.equal(backoffDelay(3, { random: high }), 4000)
    assert.equal(backoffDelay(50, { random: high }), 30_000)
    assert.equal(backoffDelay(50, { random: low }), 15_000)
    assert.equal(backoffDelay(2, { baseMs: 1000, random: high }), 4000)
    for (let attempt = 0; attempt < 20; attempt++) {
      const delay = backoffDelay(attempt)
      assert.isAtLeast(delay, 250)
      assert.isAtMost(delay, 30_000)
    }
  })

  test('random ids are valid client keys', ({ assert }) => {
    const ids = new Set(Array.from({ length: 50 }, () => randomId()))
    assert.equal(ids.size, 50)
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{8,64}$/)
  })
})
