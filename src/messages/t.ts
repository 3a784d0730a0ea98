import type { Locale } from '../locale.js';
import { particle } from '../narrate/korean-particle.js';
import { en } from './en.js';
import { ko, type MessageKey } from './ko.js';

export type { MessageKey } from './ko.js';
export type MessageParams = Record<string, string | number>;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { ko, en };

/** Placeholders of a template: `{name}` or `{name:으로/로}` (the value followed by its Korean particle). */
export const PLACEHOLDER = /\{(\w+)(?::([^{}]+))?\}/gu;

/**
 * The user-facing text for `key` in `locale`, with `{name}` replaced by params.name. `{name:이/가}` appends the
 * particle that fits how the value is read aloud ("1,536.0원으로", "3.25%로"), so templates never guess one.
 * A missing parameter is a programming error, not something to show a user: it throws.
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGS[locale][key];
  return template.replace(PLACEHOLDER, (_match, name: string, josa?: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Message ${key} (${locale}) needs the parameter "${name}".`);
    const text = String(value);
    return josa ? `${text}${particle(text, josa as Parameters<typeof particle>[1])}` : text;
  });
}

/** Both catalogs, for the test that checks they hold the same keys and placeholders. */
export function catalogs(): Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> {
  return CATALOGS;
}
