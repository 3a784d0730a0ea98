import { GrammyError, InputFile, type Api, type InlineKeyboard } from 'grammy';
import type { Logger } from '../../src/logger.js';
import type { ChatGate } from '../../src/streaming/edit-streamer.js';

const CAPTION_MAX = 1024;
const TEXT_MAX = 4096;

/**
 * The chart photo with the summary as its caption; when the chat refuses the photo (a group that bars media: 400
 * "not enough rights to send photos", 403 in a channel, or any other refusal of this one call) the same caption
 * goes out as a text message with the same keyboard, so the answer survives without its picture. A 429 waits its
 * retry_after and tries again. Returns how the summary went out.
 */
export async function sendChartOrCaption(
  api: Api,
  gate: ChatGate,
  args: { chatId: number; png: Uint8Array; caption: string; keyboard: InlineKeyboard; logger: Logger },
): Promise<'photo' | 'text'> {
  const caption = args.caption.length > CAPTION_MAX ? `${args.caption.slice(0, CAPTION_MAX - 1)}…` : args.caption;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await gate.run(() =>
        api.sendPhoto(args.chatId, new InputFile(args.png, 'chart.png'), { caption, reply_markup: args.keyboard }),
      );
      return 'photo';
    } catch (err) {
      if (err instanceof GrammyError && err.error_code === 429) {
        gate.holdFor((err.parameters.retry_after ?? 1) * 1000);
        continue;
      }
      if (!(err instanceof GrammyError)) throw err;
      args.logger.warn(
        { chatId: args.chatId, status: err.error_code, description: err.description },
        'telegram: photo refused; sending the summary as text',
      );
      break;
    }
  }
  const text = args.caption.length > TEXT_MAX ? `${args.caption.slice(0, TEXT_MAX - 1)}…` : args.caption;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await gate.run(() => api.sendMessage(args.chatId, text, { reply_markup: args.keyboard }));
      return 'text';
    } catch (err) {
      if (attempt < 2 && err instanceof GrammyError && err.error_code === 429) {
        gate.holdFor((err.parameters.retry_after ?? 1) * 1000);
        continue;
      }
      throw err;
    }
  }
}
