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
  static description = 'Make a VAPID key pair for browser push notifications (prints .env lines; --write puts them in .env)'
  static options: CommandOptions = { startApp: false }

  @flags.boolean({ description: 'Write the keys into .env (replacing VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY there)' })
  declare write: boolean

  @flags.string({ description: 'VAPID subject: mailto:you@example.com or https://your-site', default: '' })
  declare subject: string

  async run() {
    const { publicKey, privateKey } = webpush.generateVAPIDKeys()
    const values: Record<string, string> = { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }
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
    for (const [name, value] of Object.entries(values)) {
      const line = `${name}=${value}`
      const pattern = new RegExp(`^#?\\s*${name}=.*$`, 'm')
      contents = pattern.test(contents) ? contents.replace(pattern, line) : `${contents.replace(/\n*$/, '\n')}${line}\n`
    }
    await writeFile(envFile, contents)
    this.logger.success(`Wrote ${Object.keys(values).join(', ')} to .env (the public key is ${publicKey})`)
  }
}
