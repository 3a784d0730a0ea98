/**
 * Splits text into pages of at most `max` characters, breaking after a paragraph or a sentence where one
 * exists in the second half of the page, so no page ends mid-sentence unless a single sentence is too long.
 */
export function splitText(text: string, max = 1000): string[] {
  const pages: string[] = [];
  let rest = text.trim();
  while (Array.from(rest).length > max) {
    const chars = Array.from(rest);
    const window = chars.slice(0, max).join('');
    let cutAt = -1;
    for (const re of [/\n\n/gu, /[.!?。]\s/gu, /\n/gu, /\s/gu]) {
      let m: RegExpExecArray | null;
      let last = -1;
      while ((m = re.exec(window)) !== null) last = m.index + m[0].length;
      if (last > window.length / 2) {
        cutAt = last;
        break;
      }
    }
    const page = cutAt > 0 ? window.slice(0, cutAt) : window;
    pages.push(page.trim());
    rest = rest.slice(page.length).trim();
  }
  if (rest) pages.push(rest);
  return pages;
}
