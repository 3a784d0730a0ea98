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
}): BatchAlertSender {
  return {
    maxPerRequest: EVENT_API_MAX_USERS,
    async sendBatch(targets, text, chartToken) {
      const data: Record<string, string> = { text: text.slice(0, 1000) };
      if (chartToken && options.chartUrl) data.chart = options.chartUrl(chartToken);
      try {
        await options.client.send({ name: options.eventName, data }, targets.map((id) => ({ type: 'botUserKey' as const, id })));
        return { kind: 'sent' };
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
