import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateQuestions, readQuestionSet } from '../../bench/question-eval/evaluate-questions.js';

const path = fileURLToPath(new URL('../fixtures/questions/questions.jsonl', import.meta.url));

describe('question evaluation set', () => {
  it('holds at least 320 questions, Korean and English, answers and asking back', async () => {
    const set = await readQuestionSet(path);
    expect(set.cases.length).toBeGreaterThanOrEqual(320);
    const korean = set.cases.filter((c) => /[가-힣]/u.test(c.q)).length;
    expect(korean).toBeGreaterThan(set.cases.length / 2);
    expect(set.cases.length - korean).toBeGreaterThan(60);
    for (const reason of ['ambiguous-indicator', 'no-indicator', 'unsupported-subject', 'empty-question']) {
      expect(
        set.cases.some((c) => 'clarify' in c && c.clarify === reason),
        reason,
      ).toBe(true);
    }
  });

  it('is understood at 98% or better by the deterministic parser', async () => {
    const result = evaluateQuestions(await readQuestionSet(path));
    expect(result.misses.length / result.total, JSON.stringify(result.misses, null, 1)).toBeLessThanOrEqual(0.02);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.98);
  });
});
