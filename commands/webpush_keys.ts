import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { readFile, writeFile } from 'node:fs/promises'
import webpush from 'web-push'

/**
 * Makes a fresh VAPID key pair for browser push, printed as `.env` lines
 * or written into `.env` with --write. Existing subscriptions stop working
 * with a new pair (browsers subscribe again when they next open the site).
 */
export default class WebpushKeys extends BaseCommand {
  static commandName = 'webpush:keys'
  static description =
    'Make a VAPID key pair for browser push notifications (prints .env lines; --write puts them in .env)'
  static options: CommandOptions = { startApp: false }

  @flags.boolean({
    description:
      'Write the keys into .env (replacing VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY there)',
  })
  declare write: boolean

  @flags.string({
    description: 'Also set VAPID_SUBJECT: mailto:you@example.com or https://your-site',
    required: false,
  })
  declare subject?: string

  async run() {
    const { publicKey, privateKey } = webpush.generateVAPIDKeys()
    const values: Record<string, string> = {
      VAPID_PUBLIC_KEY: publicKey,
      VAPID_PRIVATE_KEY: privateKey,
    }
    if (this.subject) {
      if (!/^(mailto:|https:\/\/)\S+$/.test(this.subject)) {
        this.logger.error('The subject must start with mailto: or https://')
        this.exitCode = 1
        return
      }
      values.VAPID_SUBJECT = this.subject
    }

    if (!this.write) {
      for (const [name, value] of Object.entries(values)) this.logger.log(`${name}=${value}`)
      return
    }

    const envFile = this.app.makePath('.env')
    let contents = ''
    try {
      contents = await readFile(envFile, 'utf8')
    } catch {}
    await writeFile(envFile, withEnvLines(contents, values))
    this.logger.success(
      `Wrote ${Object.keys(values).join(', ')} to .env (the public key is ${publicKey})`
    )
  }
}

/**
 * `.env` text with each variable set to its value: its line is replaced (or
 * its commented-out line when it has none), or added at the end.
 */
export function withEnvLines(contents: string, values: Record<string, string>) {
  let result = contents
  for (const [name, value] of Object.entries(values)) {
    const line = `${name}=${value}`
    const active = new RegExp(`^${name}=.*$`, 'm')
    const commented = new RegExp(`^#[ \\t]*${name}=.*$`, 'm')
    const existing = active.test(result) ? active : commented.test(result) ? commented : null
    result = existing
      ? result.replace(existing, () => line)
      : `${result}${result && !result.endsWith('\n') ? '\n' : ''}${line}\n`
  }
  return result
}
