import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, Router } from 'express';
import type { UserFromGetMe } from 'grammy/types';
import { createHttpApp } from '../../adapters/http/create-http-app.js';

/** What the Telegram stand-in's getMe answers, given to bots up front so tests skip the getMe round trip. */
export const TEST_BOT_INFO = {
  id: 42,
  is_bot: true,
  first_name: 'RiskXpert',
  username: 'riskxpert_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** Serves a Telegram webhook router at /telegram on a loopback port; its closer goes on `closers`. Returns the base URL. */
export async function serveTelegramWebhook(
  runtime: Parameters<typeof createHttpApp>[0]['runtime'],
  router: Router,
  closers: (() => Promise<unknown>)[],
): Promise<string> {
  const holder: { app?: Express } = {};
  const server: Server = createServer((req, res) => holder.app!(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  holder.app = createHttpApp({ runtime, mounts: [{ path: '/telegram', router }] });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
