/**
 * `npm run docs:answers [DATA_DIR]`: asks the real engine (deterministic narrator, in-memory cache and store) the
 * questions below and writes what a user sees to docs/answers.md: the forecast table, the summary and the scenario, or the
 * engine's question back (a `clarify` event with its choices), or its refusal. Data: the argument, else
 * RISKXPERT_DATA_DIR. Nothing is edited by hand: rerun it after a change to the parser or the narrator.
 */
import { writeFile } from 'node:fs/promises';
import { formatForecastTable } from '../src/cli/format-table.js';
import { loadConfig } from '../src/config.js';
import type { AnswerEvent, ForecastEvent } from '../src/engine/answer-types.js';
import type { Locale } from '../src/locale.js';
import { createSilentLogger } from '../src/logger.js';
import { createRuntime } from '../src/runtime.js';

interface Question {
  what: string;
  question: string;
  locale: Locale;
}

const QUESTIONS: Question[] = [
  { what: 'Equity (KOSPI), Korean', question: '앞으로 6개월 코스피 어때?', locale: 'ko' },
  { what: 'FX (USD/KRW), Korean', question: '앞으로 6개월 원달러 환율 어때?', locale: 'ko' },
  {
    what: 'Rates (Bank of Korea base rate), Korean: levels in %, changes in %p',
    question: '기준금리 6개월 전망',
    locale: 'ko',
  },
  {
    what: 'Rates (US 10-year yield), English: changes in pp and bp',
    question: 'US 10-year treasury yield over the next 12 months?',
    locale: 'en',
  },
  {
    what: 'Inflation (Korea CPI), Korean: read as year-over-year change',
    question: '소비자물가 1년 전망',
    locale: 'ko',
  },
  { what: 'Commodities (WTI), English', question: 'WTI crude oil in 3 months', locale: 'en' },
  { what: 'Commodities (gold), Korean', question: '금값 6개월 뒤 어때?', locale: 'ko' },
  {
    what: 'What-if (USD/KRW +10% → KOSPI), Korean: the conditional move from the joint model, then the forecast',
    question: '환율이 10% 오르면 코스피는?',
    locale: 'ko',
  },
  {
    what: 'Threshold (USD/KRW above 1,500 next year), Korean: the chance from the forecast quantiles',
    question: '내년 환율 1500 넘을까?',
    locale: 'ko',
  },
  {
    what: 'Threshold reached from above (KOSPI to 2,000 from 2,521), Korean: the side from the last value',
    question: '코스피 2000 갈까?',
    locale: 'ko',
  },
  {
    what: 'When (Bank of Korea cut), Korean: chances at 3, 6 and 12 months, no made-up month',
    question: '기준금리 언제 내려?',
    locale: 'ko',
  },
  {
    what: 'Direction (KOSPI up?), Korean: the chance of being above the last value',
    question: '코스피 오를까?',
    locale: 'ko',
  },
  {
    what: 'Record (gold’s highest in the data), Korean: the record named with its date, and the chance of passing it',
    question: '금값 역대 최고치 찍을까?',
    locale: 'ko',
  },
  {
    what: 'FX (JPY/KRW), Korean: the monthly cross of the Fed H.10 dollar rates',
    question: '엔화 환율 전망',
    locale: 'ko',
  },
  { what: 'Volatility (VIX), Korean: a shock is its up case', question: 'VIX 3개월 전망', locale: 'ko' },
  { what: 'Equity (S&P 500), English', question: 'S&P 500 outlook for 6 months', locale: 'en' },
  {
    what: 'Old data, English: the first sentence names the data’s date',
    question: 'KOSPI over the next 6 months?',
    locale: 'en',
  },
  { what: 'Ambiguous question, asked back', question: '금리 전망', locale: 'ko' },
  { what: 'Unsupported question', question: '삼성전자 주가 전망', locale: 'ko' },
];

function render(q: Question, events: AnswerEvent[]): string {
  const out = [`## ${q.what}`, '', `> ${q.question}`, ''];
  const forecast = events.find((e): e is ForecastEvent => e.type === 'forecast');
  if (forecast) out.push('```text', formatForecastTable(forecast), '```', '');
  for (const e of events) {
    if (e.type === 'summary') out.push(e.text, '');
    if (e.type === 'clarify') {
      out.push(`**Asked back** (\`${e.reason}\`): ${e.message}`, '');
      for (const c of e.choices)
        out.push(
          `- [${c.label}]${c.indicatorId ? ` → ${c.indicatorId}` : ''}${c.horizonMonths ? `, ${c.horizonMonths} months` : ''}`,
        );
      out.push('');
    }
    if (e.type === 'error') out.push(`**Refused** (\`${e.code}\`): ${e.message}`, '');
  }
  const scenario = events.map((e) => (e.type === 'scenario-delta' ? e.text : '')).join('');
  if (scenario) out.push(scenario, '');
  return out.join('\n');
}

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? process.env.RISKXPERT_DATA_DIR;
  if (!dataDir)
    throw new Error('Give the data folder: npm run docs:answers -- /path/to/data (or set RISKXPERT_DATA_DIR)');
  // The deterministic narrator and in-memory stores only: the page shows what the numbers alone say.
  const config = loadConfig({ RISKXPERT_DATA_DIR: dataDir, LLM_ENABLED: 'false' });
  const rt = await createRuntime(config, { logger: createSilentLogger() });
  const sections: string[] = [];
  try {
    for (const q of QUESTIONS) {
      const events: AnswerEvent[] = [];
      for await (const e of rt.engine.answer({
        platform: 'cli',
        userId: 'cli:docs',
        question: q.question,
        locale: q.locale,
      }))
        events.push(e);
      sections.push(render(q, events));
    }
  } finally {
    await rt.close();
  }
  const head = [
    '# Answers as a user sees them',
    '',
    `${QUESTIONS.length} questions asked of the engine with the deterministic narrator, on the data in \`${dataDir.replace(/.*\/(shared\/data)$/u, '$1')}\`.`,
    'Regenerated by `npm run docs:answers` (reads RISKXPERT_DATA_DIR or a path argument); do not edit by hand.',
    'Dates of the data are as of the day the page was made, so "N days ago" grows with the page’s age.',
    '',
  ];
  await writeFile('docs/answers.md', `${[...head, ...sections].join('\n').trimEnd()}\n`);
  process.stdout.write(`docs/answers.md: ${QUESTIONS.length} answers\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
