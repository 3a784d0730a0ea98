/**
 * Updates as Telegram sends them for one user in a private chat: a command (with its bot_command entity, which is
 * how grammY routes `bot.command`) and a pressed inline button. Update ids rise, as Telegram's do.
 */
export function createPrivateChatUpdates(user: { id: number; firstName: string }, firstUpdateId: number) {
  let updateId = firstUpdateId;
  const from = { id: user.id, is_bot: false, first_name: user.firstName, language_code: 'ko' };
  const chat = { id: user.id, type: 'private' as const, first_name: user.firstName };
  return {
    command(text: string) {
      updateId += 1;
      return {
        update_id: updateId,
        message: {
          message_id: updateId,
          date: Math.floor(Date.now() / 1000),
          chat,
          from,
          text,
          entities: [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }],
        },
      };
    },
    button(data: string) {
      updateId += 1;
      return {
        update_id: updateId,
        callback_query: {
          id: String(updateId),
          from,
          chat_instance: 'c',
          data,
          message: { message_id: 1, date: 0, chat, text: 'x' },
        },
      };
    },
  };
}
