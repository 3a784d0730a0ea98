import type { Logger } from '../../src/logger.js';
import { KAKAO_CALLBACK_HOSTS, type OutboundUrlGuard, type Refusal } from '../../src/net/outbound-url-guard.js';
import type { SkillPayload } from './skill-payload.js';

/**
 * The strict default: Kakao's callback URLs are https URLs on bot-api.kakao.com. Without it anyone who can reach the
 * skill route could make this server POST to an address of their choice.
 */
export function kakaoCallbackUrlPolicy(url: URL): boolean {
  return url.protocol === 'https:' && (KAKAO_CALLBACK_HOSTS as readonly string[]).includes(url.hostname);
}

/** The callback URL a request may use, if any; anything else means "answer inline". */
export function createCallbackUrlCheck(deps: {
  guard: OutboundUrlGuard;
  allowCallbackUrl?: ((url: URL) => boolean) | undefined;
  onCallbackRefused?: ((refusal: Refusal) => void) | undefined;
  logger: Logger;
}) {
  return async function usableCallbackUrl(payload: SkillPayload, requestId: string): Promise<string | undefined> {
    const raw = payload.userRequest.callbackUrl;
    if (!raw) return undefined;
    // Open Builder's bot test hands out callback tokens that Kakao refuses ("for testing purposes").
    if (payload.userRequest.params?.surface === 'BuilderBotTest') return undefined;
    let checked = await deps.guard.check(raw);
    if (checked.ok && deps.allowCallbackUrl && !deps.allowCallbackUrl(checked.url))
      checked = { ok: false, code: 'host', reason: 'refused by allowCallbackUrl' };
    if (!checked.ok) {
      // The code and reason only: the URL's path carries Kakao's one-use token.
      deps.logger.warn(
        { requestId, code: checked.code, reason: checked.reason },
        'kakao: callback URL refused; answering inline',
      );
      deps.onCallbackRefused?.(checked);
      return undefined;
    }
    return checked.url.href;
  };
}
