/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Message from '#models/message'
import { RoomFactory } from '#database/factories/room_factory'
import { UserFactory } from '#database/factories/user_factory'
import { withRollback } from '#tests/helpers/app'
import { unlock } from '#tests/helpers/chat'

const base = () => `http://${process.env.HOST}:${process.env.PORT}`

async function givenConversation() {
  const owner = await UserFactory.apply('owner').merge({ fullName: 'Kamala Shrestha' }).create()
  const room = await RoomFactory.merge({ ownerId: owner.id, title: 'Room near Boudha' }).create()
  const client = await UserFactory.merge({ fullName: 'Nabin Thapa' }).create()
  const { conversation } = await unlock(client, room)
  return { owner, client, conversation }
}

/** Writes a message in the page's composer and sends it (it shows as pending at once). */
async function write(page: Page, text: string) {
  await page.getByPlaceholder('Write a message…').fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
  await page.locator('[data-testid="message"]', { hasText: text }).waitFor()
}

/** The stored messages a page shows, top to bottom: [id, text]. */
function shown(page: Page) {
  return page
    .locator('[data-message-id]')
    .evaluateAll((rows) =>
      rows.map((row) => [
        Number((row as HTMLElement).dataset.messageId),
        row.querySelector('[data-message-content]')?.textContent ?? '',
      ])
    )
}

/** Waits until the page shows `count` stored messages and nothing pending. */
async function settled(page: Page, count: number) {
  await page.waitForFunction(
    (expected) =>
      document.querySelectorAll('[data-message-id]').length === expected &&
      document.querySelectorAll('[data-pending-key]').length === 0,
    count,
    { timeout: 30000 }
  )
}

test.group('Chat / nothing lost when a page goes offline', (group) => {
  withRollback(group)

  test('one page drops while both write; back online, both show the same messages in the same order, once', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const { owner, client, conversation } = await givenConversation()
    const chatUrl = urlFor('chat.show', { id: conversation.id })

    const ownerContext = await browser.newContext()
    await ownerContext.loginAs(owner)
    const ownerPage = await ownerContext.newPage()
    await ownerPage.goto(base() + chatUrl)
    await browserContext.loginAs(client)
    const clientPage = await visit(chatUrl)

    // Both pages are live (subscribed): the owner's first message reaches the client at once.
    for (const page of [ownerPage, clientPage]) {
      await page.locator('[data-connection][data-live]').waitFor({ state: 'attached' })
    }
    await write(ownerPage, 'Namaste, the room is free from next month.')
    await clientPage
      .locator('[data-message-id] [data-message-content]', { hasText: 'free from next month' })
      .waitFor({ timeout: 10000 })

    // The client's network drops; both keep writing.
    await browserContext.setOffline(true)
    await clientPage.locator('[data-connection]', { hasText: 'reconnecting' }).waitFor()
    await write(ownerPage, 'o1: rent is 9,000.')
    await write(clientPage, 'c1: is water included?')
    await write(ownerPage, 'o2: electricity is separate.')
    await write(clientPage, 'c2: can I see it on Sunday?')
    await write(clientPage, 'c3: around 11?')
    await write(ownerPage, 'o3: Sunday at 11 is fine.')
    await settled(ownerPage, 4)
    assert.equal(await clientPage.locator('[data-pending-key]').count(), 3)
    assert.notInclude(
      (await shown(clientPage)).map(([, text]) => text),
      'o1: rent is 9,000.',
      'nothing reached the offline page'
    )

    // Back online: the client's sends go out (in order), and it catches up with the owner's.
    await browserContext.setOffline(false)
    await settled(clientPage, 7)
    await settled(ownerPage, 7)

    const clientView = await shown(clientPage)
    const ownerView = await shown(ownerPage)
    assert.deepEqual(clientView, ownerView, 'the same messages in the same order')
    const stored = await Message.query().where('conversationId', conversation.id).orderBy('id')
    assert.deepEqual(
      clientView,
      stored.map((message) => [Number(message.id), message.content ?? '']),
      'in the server’s order, each once'
    )
    const texts = clientView.map(([, text]) => String(text))
    for (const [first, second] of [
      ['c1', 'c2'],
      ['c2', 'c3'],
      ['o1', 'o2'],
      ['o2', 'o3'],
    ]) {
      const index = (prefix: string) => texts.findIndex((text) => text.startsWith(prefix))
      assert.isBelow(index(first), index(second), `${first} before ${second}`)
    }
    await ownerContext.close()
  })

  test('a send whose answer is lost is sent again with the same key and stored once', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const { owner, client, conversation } = await givenConversation()
    const chatUrl = urlFor('chat.show', { id: conversation.id })
    const ownerContext = await browser.newContext()
    await ownerContext.loginAs(owner)
    const ownerPage = await ownerContext.newPage()
    await ownerPage.goto(base() + chatUrl)
    await browserContext.loginAs(client)
    // The client's page gets no live stream: only the POST answers can tell it what was stored.
    await browserContext.route('**/__transmit/events**', (route) => route.abort())
    const clientPage = await visit(chatUrl)
    await clientPage.waitForTimeout(700)

    // The first send reaches the server and is stored, but its answer never comes back.
    const keys: string[] = []
    await clientPage.route('**/api/messages/send', async (route) => {
      keys.push(/name="client_key"\r\n\r\n([^\r]+)/.exec(route.request().postData() ?? '')![1])
      if (keys.length === 1) {
        await route.fetch()
        await route.abort('connectionreset')
      } else {
        await route.continue()
      }
    })
    await write(clientPage, 'Is parking available?')
    await settled(clientPage, 1)
    await settled(ownerPage, 1)

    assert.isAtLeast(keys.length, 2, 'the send was retried')
    assert.lengthOf(new Set(keys), 1, 'with the same key')
    const stored = await Message.query().where('conversationId', conversation.id)
    assert.lengthOf(stored, 1)
    assert.equal(stored[0].clientKey, keys[0])
    assert.deepEqual(await shown(clientPage), [[Number(stored[0].id), 'Is parking available?']])
    assert.deepEqual(await shown(ownerPage), await shown(clientPage))
    await ownerContext.close()
  })
})
