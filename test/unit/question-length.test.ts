import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { questionLength, questionOverLimit } from '../../src/engine/question-length.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';

// 20 is the smallest MAX_QUESTION_CHARS the config allows.
const MAX = 20;
const pad = (head: string, unit: string, total: number) => head + unit.repeat(total - [...head].length);

describe('the one question-length rule: code points of the trimmed question', () => {
  it('counts a Korean syllable, an emoji and a combining mark as one each, and ignores surrounding blanks', () => {
    expect(questionLength('  코스피 어때?  ')).toBe(7);
    // Two UTF-16 units, one code point.
    expect('📉'.length).toBe(2);
    expect(questionLength('📉')).toBe(1);
    // e + COMBINING ACUTE ACCENT: two code points (a decomposed é is two characters to every platform limit we know).
    expect(questionLength('e\u0301')).toBe(2);
    // A precomposed Hangul syllable is one code point; the same syllable as conjoining jamo is three.
    expect(questionLength('한')).toBe(1);
    expect(questionLength('\u1112\u1161\u11AB')).toBe(3);
  });

  it('accepts exactly the limit and refuses one more, whatever the script', () => {
    for (const unit of ['가', '📈', 'e\u0301', 'a']) {
      const atLimit = pad('', unit, MAX - (unit === 'e\u0301' ? MAX / 2 : 0));
      expect(questionLength(atLimit)).toBe(MAX);
      expect(questionOverLimit(`  ${atLimit}\n`, MAX)).toBeUndefined();
      expect(questionOverLimit(`${atLimit}x`, MAX)).toEqual({ length: MAX + 1, max: MAX });
    }
  });
});

describe('the engine applies the same rule (real runtime)', () => {
  it('answers a question of emoji exactly at the limit (twice the limit in UTF-16 units) and refuses one more', async () => {
    const rt = await createRuntime(
      loadConfig({ FORECASTER: 'drift', STORE: 'memory', LLM_ENABLED: 'false', MAX_QUESTION_CHARS: String(MAX) }),
      { logger: createSilentLogger() },
    );
    try {
      const atLimit = pad('S&P 500 6개월 ', '📈', MAX);
      expect(atLimit.length).toBeGreaterThan(MAX);
      const ok = [];
      for await (const e of rt.engine.answer({ platform: 'cli', userId: 'cli:len', question: atLimit })) ok.push(e);
      expect(ok[0]).toMatchObject({ type: 'forecast', indicator: { id: 'sp500' } });
      const over = [];
      for await (const e of rt.engine.answer({ platform: 'cli', userId: 'cli:len', question: `${atLimit}📈` }))
        over.push(e);
      expect(over).toEqual([
        expect.objectContaining({
          type: 'error',
          code: 'QUESTION_TOO_LONG',
          message: expect.stringContaining(String(MAX + 1)),
        }),
      ]);
    } finally {
      await rt.close();
    }
  });
});
