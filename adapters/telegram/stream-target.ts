import { GrammyError, type Api } from 'grammy';
import { RiskXpertError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { StreamTarget } from '../../src/streaming/edit-streamer.js';

/** Telegram's 429 as the streamer's RATE_LIMITED (retry_after honoured); anything else unchanged. */
export function rateLimited(err: unknown): never {
  if (err instanceof GrammyError && err.error_code === 429) {
    throw new RiskXpertError('RATE_LIMITED', err.description, {
      details: { retryAfterSeconds: err.parameters.retry_after ?? 1 },
      cause: err,
    });
  }
  throw err;
}

const notModified = (err: unknown) =>
  err instanceof GrammyError && err.error_code === 400 && /message is not modified/iu.test(err.description);

/**
 * A Bot API server without sendMessageDraft (self-hosted servers older than Bot API 9.5 answer 404 Not Found; some
 * answer 400 "method not found") or a chat where drafts are refused: the stream goes on as a message and edits.
 */
const draftsUnavailable = (err: unknown) =>
  err instanceof GrammyError &&
  (err.error_code === 404 ||
    (err.error_code === 400 && /method not found|drafts? can|not supported/iu.test(err.description)));

/** A streamed message: a draft (private chats) until drafts fail, then a real message that is edited. */
export type Handle = { kind: 'draft'; id: number } | { kind: 'message'; id: number };

/** Drafts finalised by sendMessage in private chats (Bot API 9.5+), edits in groups, and edits wherever drafts fail. */
export function telegramStreamTarget(
  api: Api,
  chatId: number,
  options: { isPrivate: boolean; firstDraftId: number; logger: Logger },
): StreamTarget<Handle> {
  let drafts = options.isPrivate;
  let draftId = options.firstDraftId;

  const sendMessage = async (text: string): Promise<Handle> => ({
    kind: 'message',
    id: (await api.sendMessage(chatId, text).catch(rateLimited)).message_id,
  });
  async function edit(id: number, text: string): Promise<void> {
    try {
      await api.editMessageText(chatId, id, text);
    } catch (err) {
      if (!notModified(err)) rateLimited(err);
    }
  }
  /** Turns a draft that could not be sent into a real message with the same text (the handle is kept by the streamer). */
  async function fallBack(handle: Handle, text: string, err: unknown): Promise<void> {
    if (!draftsUnavailable(err)) rateLimited(err);
    if (drafts)
      options.logger.warn(
        { chatId, status: (err as GrammyError).error_code, description: (err as GrammyError).description },
        'telegram: drafts refused; streaming with sendMessage and edits',
      );
    drafts = false;
    const sent = await sendMessage(text);
    Object.assign(handle, sent);
  }

  return {
    async send(text) {
      if (!drafts) return sendMessage(text);
      draftId += 1;
      const handle: Handle = { kind: 'draft', id: draftId };
      await api.sendMessageDraft(chatId, handle.id, text).catch((err: unknown) => fallBack(handle, text, err));
      return handle;
    },
    async update(handle, text) {
      if (handle.kind === 'message') return edit(handle.id, text);
      if (!drafts) {
        // Drafts stopped working after this one started: it becomes a real message now.
        Object.assign(handle, await sendMessage(text));
        return;
      }
      await api.sendMessageDraft(chatId, handle.id, text).catch((err: unknown) => fallBack(handle, text, err));
    },
    async commit(handle, text) {
      // A draft is persisted with a real message; a real message already shows its last edit.
      if (handle.kind === 'draft') Object.assign(handle, await sendMessage(text));
    },
  };
}
