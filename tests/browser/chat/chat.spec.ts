/// <reference lib="dom" />
import { test } from '@japa/runner'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback, pngBytes } from '#tests/helpers/app'
import { unlock } from '#tests/helpers/chat'

test.group('Chat / two people in two browsers', (group) => {
  withRollback(group)

  test('a paying client writes and sends a photo; the owner sees it live, replies, and the client sees "Seen"', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const owner = await UserFactory.apply('owner').merge({ fullName: 'Ramesh Joshi' }).create()
    const room = await RoomFactory.merge({
      ownerId: owner.id,
      title: 'Top floor room in Patan',
    }).create()
    const client = await UserFactory.merge({ fullName: 'Manisha Tamang' }).create()
    await unlock(client, room)

    // The owner is looking at their inbox, with no unread message.
    const ownerContext = await browser.newContext()
    await ownerContext.loginAs(owner)
    const ownerPage = await ownerContext.newPage()
    await ownerPage.goto(
      new URL(urlFor('chat.index'), `http://${process.env.HOST}:${process.env.PORT}`).toString()
    )
    await ownerPage.getByTestId('inbox-entry').waitFor()
    assert.isTrue(await ownerPage.getByTestId('unread-badge').isHidden())
    await ownerPage.waitForTimeout(500)

    // The client opens the chat from the room page.
    await browserContext.loginAs(client)
    const clientPage = await visit(urlFor('rooms.show', { id: room.id }))
    await clientPage.getByTestId('open-chat').click()
    await clientPage.getByPlaceholder('Write a message…').waitFor()
    await clientPage.waitForTimeout(500)
    await clientPage
      .getByPlaceholder('Write a message…')
      .fill('Namaste! Can I visit on Saturday? <b>bold?</b>')
    await clientPage.getByRole('button', { name: 'Send' }).click()
    await clientPage
      .locator('[data-message-content]', { hasText: 'Can I visit on Saturday?' })
      .waitFor()
    await clientPage
      .locator('[data-image-input]')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: pngBytes(9) })
    await clientPage.getByRole('button', { name: 'Send' }).click()
    await clientPage.locator('[data-message-image] img').waitFor()

    // The owner's badge goes up without a reload.
    await ownerPage
      .locator('[data-testid="unread-badge"]:not(.hidden)', { hasText: '2' })
      .waitFor({ timeout: 10000 })
    await ownerPage.locator('[data-testid="inbox-unread"]:not(.hidden)', { hasText: '2' }).waitFor()

    // The owner opens the chat, sees both messages, and replies.
    await ownerPage.getByTestId('inbox-entry').click()
    await ownerPage
      .locator('[data-message-content]', { hasText: 'Can I visit on Saturday? <b>bold?</b>' })
      .waitFor()
    assert.isTrue(
      await ownerPage
        .locator('[data-message-image] img')
        .evaluate((image) => (image as HTMLImageElement).naturalWidth > 0)
    )
    assert.equal(await ownerPage.locator('[data-message-content] b').count(), 0)
    await ownerPage.getByPlaceholder('Write a message…').fill('Yes, come at 11.')
    await ownerPage.getByRole('button', { name: 'Send' }).click()

    // The client sees the reply and "Seen" on their messages, without reloading.
    await clientPage
      .locator('[data-message-content]', { hasText: 'Yes, come at 11.' })
      .waitFor({ timeout: 10000 })
    await clientPage
      .locator('[data-receipt]', { hasText: 'Seen' })
      .first()
      .waitFor({ timeout: 10000 })
    assert.equal(await clientPage.locator('[data-receipt]', { hasText: 'Sent' }).count(), 0)
    await ownerContext.close()
  })
})
