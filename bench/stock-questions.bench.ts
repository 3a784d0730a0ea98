import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ListedStock } from '../src/data/stocks/listed-stock.js';
import { createStockDirectory, type StockDirectory } from '../src/data/stocks/stock-directory.js';
import { planAnswer } from '../src/engine/question/plan-answer.js';

/**
 * `npm run bench:stocks`: what reading questions against a full-size KRX listing costs. The real listing is about
 * 2,600 ordinary shares; here the 110 real names of the fixture are padded with synthetic ones to that size. The
 * baseline, measured in the same run, is the parser with the five built-in names only.
 */
const SYLLABLES = '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호';

function fullSizeListing(): ListedStock[] {
  const real = (
    JSON.parse(readFileSync(new URL('../test/fixtures/stocks/krx-listing.json', import.meta.url), 'utf8')) as {
      stocks: ListedStock[];
    }
  ).stocks;
  const out = [...real];
  for (let i = 0; out.length < 2_600; i += 1) {
    const name = Array.from({ length: 3 + (i % 4) }, (_, k) => SYLLABLES[(i * 7 + k * 13) % SYLLABLES.length]).join('');
    out.push({ code: String(100_000 + i), name: `${name}산업`, market: 'KOSDAQ', marketCap: i });
  }
  return out;
}

function perQuestionMs(questions: readonly string[], directory: StockDirectory, rounds: number): number {
  for (const q of questions) planAnswer(q, undefined, { year: 2026, month: 12 }, directory);
  const t0 = performance.now();
  for (let r = 0; r < rounds; r += 1)
    for (const q of questions) planAnswer(q, undefined, { year: 2026, month: 12 }, directory);
  return (performance.now() - t0) / (rounds * questions.length);
}

export async function run(): Promise<void> {
  const questions = readFileSync(new URL('../test/fixtures/questions/questions.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
  const listing = fullSizeListing();
  const t0 = performance.now();
  const full = createStockDirectory(listing);
  const build = performance.now() - t0;
  const baseline = perQuestionMs(questions, createStockDirectory([]), 5);
  const withListing = perQuestionMs(questions, full, 5);
  console.log(`stock questions (${questions.length} questions of the evaluation set, 5 rounds)`);
  console.log(
    `  directory build, ${listing.length} names: ${build.toFixed(1)} ms (once per listing refresh, every 10 minutes at most)`,
  );
  console.log(
    `  read one question: ${withListing.toFixed(3)} ms with the full listing   baseline ${baseline.toFixed(3)} ms with the built-in names`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
