import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { AnswerEvent, ForecastEvent } from '../../src/engine/answer-types.js';
import { createSilentLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';

/**
 * Asks the real runtime over a data folder the test wrote (drift forecaster, no LLM), expecting an answer: its
 * forecast event and summary. The runtime is built on the first question; `close` also removes the folder.
 */
export function folderAsker(dir: string, userId: string) {
  let rt: Runtime | undefined;
  async function ask(question: string, locale?: 'ko' | 'en') {
    rt ??= await createRuntime(loadConfig({ RISKXPERT_DATA_DIR: dir, FORECASTER: 'drift' }), {
      logger: createSilentLogger(),
    });
    const events: AnswerEvent[] = [];
    for await (const e of rt.engine.answer({ platform: 'cli', userId, question, ...(locale ? { locale } : {}) }))
      events.push(e);
    const error = events.find((e) => e.type === 'error');
    expect(error, JSON.stringify(error)).toBeUndefined();
    const summary = events.find((e) => e.type === 'summary');
    return {
      forecast: events.find((e): e is ForecastEvent => e.type === 'forecast')!,
      summary: summary?.type === 'summary' ? summary.text : '',
    };
  }
  async function close() {
    await rt?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { ask, close };
}
