import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { publicDir } from '../../adapters/web/create-web-router.js';

type Table = Record<'ko' | 'en', Record<string, string>>;

/** The page's text table exactly as the browser runs it: text.js evaluated in a sandbox of its own. */
function loadText(): Table {
  const sandbox: { globalThis?: unknown; RX_TEXT?: Table } = {};
  runInNewContext(readFileSync(join(publicDir(), 'text.js'), 'utf8'), sandbox);
  return sandbox.RX_TEXT!;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

describe("the web page's strings (adapters/web/public/text.js)", () => {
  const text = loadText();

  it('both languages hold every key, each a non-empty string with the same placeholders', () => {
    expect(Object.keys(text).sort()).toEqual(['en', 'ko']);
    expect(Object.keys(text.en).sort()).toEqual(Object.keys(text.ko).sort());
    for (const key of Object.keys(text.ko)) {
      expect(typeof text.ko[key] === 'string' && text.ko[key]!.length > 0, `ko.${key}`).toBe(true);
      expect(typeof text.en[key] === 'string' && text.en[key]!.length > 0, `en.${key}`).toBe(true);
      expect(placeholders(text.en[key]!), key).toEqual(placeholders(text.ko[key]!));
    }
  });

  it('every key the page asks for exists, and no key is left unused', () => {
    const used = new Set<string>();
    const js = readFileSync(join(publicDir(), 'app.js'), 'utf8');
    for (const m of js.matchAll(/\bt\('(\w+)'/gu)) used.add(m[1]!);
    for (const m of js.matchAll(/Problem\('(\w+)'/gu)) used.add(m[1]!);
    for (const m of js.matchAll(/'(err[A-Z]\w+|streaming|done|cached|failed|asking|col[A-Z]\w+)'/gu)) used.add(m[1]!);
    // The news panel (news-panel.js) names its keys in say('…') and data-i18n props built in script.
    const panel = readFileSync(join(publicDir(), 'news-panel.js'), 'utf8');
    for (const m of panel.matchAll(/(?:say\(|i18n(?:Placeholder)?: )'(\w+)'/gu)) used.add(m[1]!);
    const html = readFileSync(join(publicDir(), 'index.html'), 'utf8');
    for (const m of html.matchAll(/data-i18n(?:-placeholder)?="(\w+)"/gu)) used.add(m[1]!);
    expect(
      [...used].filter((k) => !(k in text.ko)),
      'asked for but missing',
    ).toEqual([]);
    expect(
      Object.keys(text.ko).filter((k) => !used.has(k)),
      'never used',
    ).toEqual([]);
  });
});
