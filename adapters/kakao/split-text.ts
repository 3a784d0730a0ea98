import { codePointOffset } from '../../src/text/code-points.js';

/** One page of a split text and where it ends in the original (UTF-16 offset), so a reader can resume there. */
export interface Page {
  text: string;
  end: number;
}

const BREAKS = [/\n\n/gu, /[.!?。…]\s/gu, /\n/gu, /\s/gu];

/**
 * Splits text into pages of at most `max` characters (code points), breaking after a paragraph or a sentence
 * where one exists in the second half of the page, so no page ends mid-sentence unless a single sentence is
 * too long for a page. `limit` stops after that many pages (paging only ever needs the next one).
 */
export function splitPages(text: string, max = 1000, limit = Infinity): Page[] {
  const pages: Page[] = [];
  let start = 0;
  while (pages.length < limit) {
    while (start < text.length && /\s/u.test(text[start]!)) start += 1;
    if (start >= text.length) return pages;
    const rest = text.slice(start);
    const windowEnd = codePointOffset(rest, max);
    if (windowEnd >= rest.length) {
      pages.push({ text: rest.trimEnd(), end: text.length });
      return pages;
    }
    const window = rest.slice(0, windowEnd);
    let cutAt = -1;
    for (const re of BREAKS) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      let last = -1;
      while ((m = re.exec(window)) !== null) last = m.index + m[0].length;
      if (last > window.length / 2) {
        cutAt = last;
        break;
      }
    }
    const raw = cutAt > 0 ? window.slice(0, cutAt) : window;
    pages.push({ text: raw.trim(), end: start + raw.length });
    start += raw.length;
  }
  return pages;
}

/** Splits text into pages of at most `max` characters at paragraph or sentence ends (see splitPages). */
export function splitText(text: string, max = 1000): string[] {
  return splitPages(text, max).map((p) => p.text);
}

/**
 * The offset just after the last complete sentence of a text that is still being written: a sentence end
 * followed by whitespace, or a line break. A trailing "." with nothing after it does not count, because the
 * next delta may turn "2." into "2.5%".
 */
export function completeSentencesEnd(text: string): number {
  const re = /[.!?。…](?=\s)|\n/gu;
  let end = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) end = m.index + m[0].length;
  return end;
}
