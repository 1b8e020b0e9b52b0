import env from '#start/env'

/**
 * Limits of the chat.
 */
const chatConfig = {
  /** Longest message, in characters. */
  messageMaxLength: env.get('CHAT_MESSAGE_MAX_LENGTH', 2000),
}

export default chatConfig
