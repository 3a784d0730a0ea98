/**
 * Waits for a signal a test can observe (a stand-in's request log, a counter, a callback's record) instead of
 * sleeping a fixed time: returns as soon as `condition` holds, fails with `what` when it has not after `ms`.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
