import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { takePage, type RecentAnswer } from '../../adapters/kakao/recent-answers.js';
import {
  callbackAck,
  quickReply,
  simpleImage,
  simpleText,
  skillResponse,
  validateSkillResponse,
  type Output,
} from '../../adapters/kakao/skill-response.js';
import { completeSentencesEnd, splitPages, splitText } from '../../adapters/kakao/split-text.js';
import { skillResponseProblems } from '../fakes/kakao-callback-server.js';

/** Korean-ish text: syllables, Latin, digits, emoji, punctuation and whitespace, so code points != UTF-16 units. */
const piece = fc.constantFrom(
  '코스피',
  '환율은',
  '오를',
  '수',
  '있어요',
  'S&P',
  '2.5%',
  '🚀',
  '.',
  '. ',
  '! ',
  '? ',
  '\n',
  '\n\n',
  ' ',
  '다. ',
  '요.\n',
  '가나다라마바사아자차카타파하',
);
const text = fc.array(piece, { maxLength: 600 }).map((a) => a.join(''));
const squash = (s: string) => s.replace(/\s+/gu, '');
const cp = (s: string) => Array.from(s).length;

describe('splitPages / splitText', () => {
  it('pages are 1..max code points, non-blank, and together are the text (whitespace aside), in order', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 1000 }), (t, max) => {
        const pages = splitPages(t, max);
        for (const p of pages) {
          expect(cp(p.text)).toBeGreaterThan(0);
          expect(cp(p.text)).toBeLessThanOrEqual(max);
          expect(p.text.trim()).toBe(p.text);
        }
        expect(squash(pages.map((p) => p.text).join(''))).toBe(squash(t));
        // `end` offsets grow, and each page is found in the original exactly where they say
        let from = 0;
        for (const p of pages) {
          expect(p.end).toBeGreaterThan(from);
          expect(t.slice(from, p.end).trim()).toBe(p.text);
          from = p.end;
        }
        expect(t.slice(from).trim()).toBe('');
        expect(splitText(t, max)).toEqual(pages.map((p) => p.text));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks at a sentence end when one exists in the second half of the page', () => {
    const sentence = '기본 시나리오에서는 지수가 완만하게 오를 가능성이 큽니다. ';
    const pages = splitText(sentence.repeat(80), 1000);
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.endsWith('큽니다.')).toBe(true);
  });

  it('cuts an overlong sentence without losing a character (no surrogate pair split)', () => {
    const t = '🚀'.repeat(2_500);
    const pages = splitText(t, 1000);
    expect(pages.map(cp)).toEqual([1000, 1000, 500]);
    expect(pages.join('')).toBe(t);
  });
});

describe('completeSentencesEnd', () => {
  it('ends after the last sentence end followed by whitespace, or the last line break', () => {
    expect(completeSentencesEnd('첫 문장입니다. 두 번째는 아직')).toBe('첫 문장입니다.'.length);
    expect(completeSentencesEnd('금리가 2.')).toBe(0); // "2." may become "2.5%"
    expect(completeSentencesEnd('문단\n다음')).toBe('문단\n'.length);
    expect(completeSentencesEnd('')).toBe(0);
  });

  it('never points past the text and always after a terminator', () => {
    fc.assert(
      fc.property(text, (t) => {
        const end = completeSentencesEnd(t);
        expect(end).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(t.length);
        if (end > 0) expect(/[.!?。…\n]$/u.test(t.slice(0, end))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('takePage over an answer that is still growing', () => {
  it('shows every character exactly once, whole sentences only until the answer completes', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (deltas) => {
        let streamed = '';
        let complete = false;
        const a: RecentAnswer = {
          indicatorId: 'kospi',
          horizonMonths: 6,
          shown: 0,
          source: { text: () => streamed, complete: () => complete, settled: Promise.resolve() },
        };
        const shown: string[] = [];
        for (const d of deltas) {
          streamed += d;
          const { page, more } = takePage(a, 200);
          expect(more).toBe(true);
          if (page) {
            shown.push(page);
            expect(completeSentencesEnd(streamed)).toBeGreaterThanOrEqual(a.shown);
          }
        }
        complete = true;
        for (let i = 0; i < 10_000; i += 1) {
          const { page, more } = takePage(a, 200);
          if (page) shown.push(page);
          if (!more) break;
        }
        expect(squash(shown.join(''))).toBe(squash(streamed));
        expect(takePage(a, 200)).toEqual({ page: undefined, more: false });
      }),
      { numRuns: 200 },
    );
  });
});

describe('SkillResponse builders keep every documented limit', () => {
  const anyText = fc.string({ maxLength: 3_000, unit: 'grapheme' });
  const output: fc.Arbitrary<Output> = fc.oneof(
    anyText.map((t) => simpleText(t)),
    anyText.map((alt) => simpleImage('https://bot.example.com/charts/abc.png', alt)),
  );
  it('whatever the builders are given, the response validates (by our validator and the stand-in independent one)', () => {
    fc.assert(
      fc.property(
        fc.array(output, { maxLength: 6 }),
        fc.array(fc.tuple(anyText, anyText), { maxLength: 20 }),
        (outputs, replies) => {
          const r = skillResponse(
            outputs,
            replies.map(([l, m]) => quickReply(l, m)),
          );
          expect(validateSkillResponse(r)).toEqual([]);
          expect(skillResponseProblems(JSON.parse(JSON.stringify(r)))).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps text that fits untouched and marks a cut with an ellipsis', () => {
    const exact = '가'.repeat(1000);
    expect(simpleText(exact)).toEqual({ simpleText: { text: exact } });
    const cutText = (simpleText('가'.repeat(1001)) as { simpleText: { text: string } }).simpleText.text;
    expect(cp(cutText)).toBe(1000);
    expect(cutText.endsWith('…')).toBe(true);
    expect(quickReply('원/달러 환율 12개월 전망 보기').label).toBe('원/달러 환율 12개월…');
    expect(quickReply('원/달러 환율 12개월 전망 보기').messageText).toBe('원/달러 환율 12개월 전망 보기');
  });

  it('the validator catches what the builders prevent', () => {
    expect(validateSkillResponse({ version: '2.0', template: { outputs: [] } })).toContain('outputs: 0 (1..3)');
    const four = Array.from({ length: 4 }, () => simpleText('a'));
    expect(validateSkillResponse({ version: '2.0', template: { outputs: four } })).toContain('outputs: 4 (1..3)');
    expect(
      validateSkillResponse({ version: '2.0', template: { outputs: [{ simpleText: { text: 'x'.repeat(1001) } }] } }),
    ).toContain('simpleText over 1000 characters');
    const many = Array.from({ length: 11 }, (_, i) => ({
      label: `q${i}`,
      action: 'message' as const,
      messageText: 'x',
    }));
    expect(
      validateSkillResponse({ version: '2.0', template: { outputs: [simpleText('a')], quickReplies: many } }),
    ).toContain('quickReplies: 11 (max 10)');
    expect(
      validateSkillResponse({ version: '2.0', useCallback: true, template: { outputs: [simpleText('a')] } }),
    ).toContain('a useCallback answer must not carry a template');
  });

  it('the callback acknowledgement is the documented shape: version, useCallback, data, no template', () => {
    expect(callbackAck('잠시만요')).toEqual({ version: '2.0', useCallback: true, data: { text: '잠시만요' } });
    expect(validateSkillResponse(callbackAck('잠시만요'))).toEqual([]);
  });
});
