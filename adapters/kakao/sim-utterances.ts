import type { ChartStore } from '../../src/chart/chart-store.js';
import type { BotCommand, BotCommands, BotReply } from '../../src/sim/bot-commands.js';
import {
  quickReply,
  simpleImage,
  simpleText,
  skillResponse,
  type Output,
  type SkillResponse,
} from './skill-response.js';

/** Kakao has no slash commands: the same commands as utterances (typed, or sent by a quick reply). */
const UTTERANCES: [RegExp, BotCommand][] = [
  [/^(?:모의\s*)?매수\s*(.*)$/u, 'buy'],
  [/^(.+?)\s*매수$/u, 'buy'],
  [/^(?:모의\s*)?매도\s*(.*)$/u, 'sell'],
  [/^(.+?)\s*매도$/u, 'sell'],
  [/^(?:포트폴리오|내\s*계좌|잔고|모의투자)$/u, 'portfolio'],
  [/^(?:계좌|모의투자)\s*초기화$/u, 'reset'],
  [/^알림\s*(?:목록|보기|확인)$/u, 'subscriptions'],
  [/^알림\s*(?:해제|끄기|취소)\s*(.*)$/u, 'unsubscribe'],
  [/^방해\s*금지\s*(.*)$/u, 'quiet'],
  [/^알림\s*(?:받기|설정)?\s*(.*)$/u, 'subscribe'],
];

/** The command an utterance names, with the rest of it as arguments; undefined for a forecast question. */
export function parseSimUtterance(utterance: string): { command: BotCommand; args: string } | undefined {
  for (const [re, command] of UTTERANCES) {
    const m = re.exec(utterance.trim());
    if (m) return { command, args: (m[1] ?? '').trim() };
  }
  return undefined;
}

// Usage lines are written for slash commands; on Kakao the same words are typed without the slash.
const SAY = {
  '/buy': '매수',
  '/sell': '매도',
  '/subscribe': '알림',
  '/unsubscribe': '알림 해제',
  '/subscriptions': '알림 목록',
  '/quiet': '방해 금지',
  '/portfolio': '포트폴리오',
  '/reset': '계좌 초기화',
} as const;
const kakaoWords = (text: string) =>
  text.replace(
    /\/(subscriptions|unsubscribe|subscribe|buy|sell|quiet|portfolio|reset)\b/gu,
    (m) => SAY[m as keyof typeof SAY],
  );
const BUTTON_UTTERANCE: Record<BotCommand, string> = {
  buy: '매수',
  sell: '매도',
  portfolio: '포트폴리오',
  reset: '계좌 초기화',
  subscribe: '알림',
  unsubscribe: '알림 해제',
  subscriptions: '알림 목록',
  quiet: '방해 금지',
};

/**
 * The reply as a SkillResponse: the text (≤1000 chars), the value chart as a simpleImage served from our
 * /charts route when there is a public base URL, and the buttons as quick replies that send the utterance.
 */
export async function kakaoSimResponse(
  reply: BotReply,
  deps: { charts: ChartStore; publicBaseUrl: string | undefined },
): Promise<SkillResponse> {
  const outputs: Output[] = [simpleText(kakaoWords(reply.text).slice(0, 1000))];
  if (reply.png && deps.publicBaseUrl) {
    const { token } = await deps.charts.put(reply.png);
    outputs.push(simpleImage(`${deps.publicBaseUrl}/charts/${token}.png`, '모의투자 평가액 차트'));
  }
  const replies = (reply.buttons ?? []).slice(0, 10).map((b) => {
    const [command, ...rest] = b.command.split(' ');
    return quickReply(b.label.slice(0, 14), [BUTTON_UTTERANCE[command as BotCommand] ?? command, ...rest].join(' '));
  });
  return skillResponse(outputs, replies);
}

export async function runKakaoSim(
  commands: BotCommands,
  userKey: string,
  parsed: { command: BotCommand; args: string },
  deps: { charts: ChartStore; publicBaseUrl: string | undefined },
): Promise<SkillResponse> {
  const reply = await commands.run({
    platform: 'kakao',
    userId: `kakao:${userKey}`,
    target: userKey,
    locale: 'ko',
    command: parsed.command,
    args: parsed.args,
  });
  return kakaoSimResponse(reply, deps);
}
