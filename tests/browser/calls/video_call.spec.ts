/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Message from '#models/message'
import callsConfig from '#config/calls'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import jobs from '#core/jobs/job_queue'
import { RING_TIMEOUT_QUEUE } from '#calls/ring_timeouts'
import { withRollback } from '#tests/helpers/app'
import { unlock } from '#tests/helpers/chat'

const base = () => `http://${process.env.HOST}:${process.env.PORT}`

/**
 * The remote <video> shows real frames: it has a size and its clock moves.
 */
async function assertRemoteVideoPlays(
  page: Page,
  assert: { isAbove(a: number, b: number, message?: string): void }
) {
  await page.waitForFunction(
    () => {
      const video = document.querySelector<HTMLVideoElement>('[data-remote-video]')
      return Boolean(video && video.videoWidth > 0 && video.currentTime > 0)
    },
    null,
    { timeout: 20000 }
  )
  const first = await page
    .locator('[data-remote-video]')
    .evaluate((video: HTMLVideoElement) => video.currentTime)
  await page.waitForTimeout(800)
  const later = await page
    .locator('[data-remote-video]')
    .evaluate((video: HTMLVideoElement) => ({ time: video.currentTime, width: video.videoWidth }))
  assert.isAbove(later.width, 0, 'remote video has frames')
  assert.isAbove(later.time, first, 'remote video is playing')
}

async function givenPeople() {
  const owner = await UserFactory.apply('owner').merge({ fullName: 'Binod Karki' }).create()
  const room = await RoomFactory.merge({
    ownerId: owner.id,
    title: 'Sunny flat in Bhaktapur',
  }).create()
  const client = await UserFactory.merge({ fullName: 'Srijana Rai' }).create()
  const { conversation } = await unlock(client, room)
  return { owner, room, client, conversation }
}

test.group('Video calls / two browsers with fake cameras', (group) => {
  withRollback(group)

  test('the client calls, the owner’s page rings, both see each other, the client hangs up', async ({
    browser,
    browserContext,
    visit,
    assert,
    cleanup,
  }) => {
    const { owner, client, conversation } = await givenPeople()

    const ownerContext = await browser.newContext()
    // Also when the test fails: a page left open keeps calling the server.
    cleanup(() => ownerContext.close())
    await ownerContext.loginAs(owner)
    const ownerPage = await ownerContext.newPage()
    await ownerPage.goto(base() + urlFor('owner.rooms.index'))
    await ownerPage.waitForTimeout(700)

    await browserContext.loginAs(client)
    const clientPage = await visit(urlFor('chat.show', { id: conversation.id }))
    await clientPage.getByTestId('start-call').click()
    await clientPage.locator('[data-testid="call-state"]', { hasText: 'Calling…' }).waitFor()

    // Any page of the owner rings.
    await ownerPage.getByTestId('incoming-call').waitFor({ timeout: 10000 })
    await ownerPage.assertTextContains('[data-testid="incoming-call"]', 'Srijana is video calling')
    await ownerPage.getByTestId('accept-call').click()

    await assertRemoteVideoPlays(ownerPage, assert)
    await assertRemoteVideoPlays(clientPage, assert)
    await clientPage.locator('[data-testid="call-state"]', { hasText: 'Connected' }).waitFor()
    await ownerPage.locator('[data-testid="call-state"]', { hasText: 'Connected' }).waitFor()
    await clientPage.waitForTimeout(1200)

    await clientPage.getByTestId('hang-up').click()
    await clientPage.locator('[data-testid="call-over"]', { hasText: 'Call ended' }).waitFor()
    await ownerPage
      .locator('[data-testid="call-over"]', { hasText: 'Call ended' })
      .waitFor({ timeout: 10000 })

    const entry = await Message.query()
      .where('conversationId', conversation.id)
      .whereNotNull('callId')
      .firstOrFail()
    assert.match(entry.content!, /^Video call · \d+ s$/)
    await clientPage.goto(base() + urlFor('chat.show', { id: conversation.id }))
    await clientPage.assertTextContains('[data-testid="call-entry"]', 'Video call ·')
    await ownerContext.close()
  })
    // Real WebRTC between two Chromiums on a shared 2-core CI machine: a media path that
    // does not come up within 20 s is retried once (both sides start over in new pages).
    .retry(1)

  test('the owner declines, then a call nobody answers is missed', async ({
    browser,
    browserContext,
    visit,
  }) => {
    const { owner, client, conversation } = await givenPeople()
    const ownerContext = await browser.newContext()
    await ownerContext.loginAs(owner)
    const ownerPage = await ownerContext.newPage()
    await ownerPage.goto(base() + urlFor('chat.index'))
    await ownerPage.waitForTimeout(700)

    await browserContext.loginAs(client)
    const clientPage = await visit(urlFor('chat.show', { id: conversation.id }))
    await clientPage.getByTestId('start-call').click()
    await ownerPage.getByTestId('decline-call').click({ timeout: 10000 })
    await clientPage
      .locator('[data-testid="call-over"]', { hasText: 'Call declined' })
      .waitFor({ timeout: 10000 })

    const seconds = callsConfig.ringTimeoutSeconds
    callsConfig.ringTimeoutSeconds = 2
    try {
      await clientPage.goto(base() + urlFor('chat.show', { id: conversation.id }))
      await clientPage.getByTestId('start-call').click()
      await ownerPage.getByTestId('incoming-call').waitFor({ timeout: 10000 })
      // The ring timeout is a durable job; the test's transaction keeps the database clock
      // still, so the test runs it once it is due.
      await clientPage.waitForTimeout(2100)
      await jobs.runNow(RING_TIMEOUT_QUEUE)
      await clientPage
        .locator('[data-testid="call-over"]', { hasText: 'No answer' })
        .waitFor({ timeout: 10000 })
      await ownerPage.getByTestId('incoming-call').waitFor({ state: 'detached', timeout: 10000 })
    } finally {
      callsConfig.ringTimeoutSeconds = seconds
    }
    await ownerPage.goto(base() + urlFor('chat.show', { id: conversation.id }))
    await ownerPage.locator('[data-testid="call-entry"]', { hasText: 'Missed call' }).waitFor()
    await ownerPage.locator('[data-testid="call-entry"]', { hasText: 'Declined call' }).waitFor()
    await ownerContext.close()
  })

  test('a camera refused: the page says so, and the owner joins with audio only', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const { owner, client, conversation } = await givenPeople()
    const ownerContext = await browser.newContext()
    await ownerContext.loginAs(owner)
    // This browser refuses any request for the camera, as after "Block".
    await ownerContext.addInitScript(() => {
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
      navigator.mediaDevices.getUserMedia = (constraints) =>
        constraints?.video
          ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
          : original(constraints)
    })
    const ownerPage = await ownerContext.newPage()
    await ownerPage.goto(base() + urlFor('chat.index'))
    await ownerPage.waitForTimeout(700)

    await browserContext.loginAs(client)
    const clientPage = await visit(urlFor('chat.show', { id: conversation.id }))
    await clientPage.getByTestId('start-call').click()
    await ownerPage.getByTestId('accept-call').click({ timeout: 10000 })

    await ownerPage.getByText('Kotha cannot use your camera or microphone').waitFor()
    await ownerPage.assertTextContains(
      '[data-media-problem-detail]',
      'You blocked the camera and microphone'
    )
    await ownerPage.getByRole('button', { name: 'Join with audio only' }).click()

    // The owner still sees the client, and the call is connected for both.
    await assertRemoteVideoPlays(ownerPage, assert)
    await clientPage
      .locator('[data-testid="call-state"]', { hasText: 'Connected' })
      .waitFor({ timeout: 20000 })
    assert.isTrue(await ownerPage.locator('[data-toggle-camera]').isDisabled())
    await ownerPage.getByTestId('hang-up').click()
    await clientPage.locator('[data-testid="call-over"]').waitFor({ timeout: 10000 })
    await ownerContext.close()
  })
})
