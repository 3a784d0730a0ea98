import type { BatchAlertSender } from '../../src/alerts/delivery.js';
import { certainlyUnsent } from '../../src/alerts/delivery.js';
import { isRiskXpertError } from '../../src/errors.js';
import type { createKakaoEventApiClient } from './event-api-client.js';
import { EVENT_API_MAX_USERS } from './event-api-client.js';

/**
 * Alerts through the Kakao Event API: one request for up to 100 users (botUserKey), naming the event whose block
 * shows `{{#current.event.data.text}}` and the chart image at `{{#current.event.data.chart}}`. Every message is
 * billed, so anything short of a clear refusal (429, 5xx, connection refused) is reported in doubt, not retried.
 */
export function createKakaoAlertDelivery(options: {
  client: ReturnType<typeof createKakaoEventApiClient>;
  eventName: string;
  /** Public URL of a chart token (our /charts route), when PUBLIC_BASE_URL is set. */
  chartUrl?: (token: string) => string;
  /**
   * Reads each request's task result after the send, so users Kakao refused (blocked the channel, unknown key)
   * are reported and their subscriptions stop; a task still in progress or unreadable reports nobody.
   */
  checkTasks?: boolean;
}): BatchAlertSender {
  async function refused(taskIds: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of taskIds) {
      const t = await options.client.task(id).catch(() => undefined);
      for (const f of t?.fail?.list ?? []) {
        const entry = f as { user?: { id?: unknown }; id?: unknown };
        const user = entry.user?.id ?? entry.id;
        if (typeof user === 'string') out.push(user);
      }
    }
    return out;
  }

  return {
    maxPerRequest: EVENT_API_MAX_USERS,
    async sendBatch(targets, text, chartToken) {
      const data: Record<string, string> = { text: text.slice(0, 1000) };
      if (chartToken && options.chartUrl) data.chart = options.chartUrl(chartToken);
      try {
        const tasks = await options.client.send(
          { name: options.eventName, data },
          targets.map((id) => ({ type: 'botUserKey' as const, id })),
        );
        if (!options.checkTasks) return { kind: 'sent' };
        const blocked = await refused(tasks.map((t) => t.taskId));
        return blocked.length ? { kind: 'sent', blocked } : { kind: 'sent' };
      } catch (err) {
        if (isRiskXpertError(err)) {
          const status = err.details?.status;
          if (status === 429) return { kind: 'retry', afterMs: 1_000, global: true, reason: '429' };
          if (typeof status === 'number' && status >= 500) return { kind: 'retry', reason: String(status) };
          if (typeof status === 'number') return { kind: 'failed', reason: err.message.slice(0, 200) };
          if (certainlyUnsent(err)) return { kind: 'retry', reason: 'unreachable' };
        }
        return { kind: 'in-doubt', reason: (err as Error).message.slice(0, 200) };
      }
    },
  };
}
