import { XMLParser } from 'fast-xml-parser';
import { RiskXpertError } from '../errors.js';
import { parseFeedDate } from './feed-date.js';
import type { FeedEntry } from './news-types.js';
import { decodeEntities, plainText } from './text-clean.js';
import { normaliseUrl } from './url-normalise.js';

export const TITLE_MAX = 300;
export const DESCRIPTION_MAX = 280;
const MAX_ENTRIES = 500;

/**
 * Entity expansion off and no DOCTYPE with declarations: an internal entity (the billion laughs) or an external
 * one (XXE, SYSTEM "file:///etc/passwd") is refused before the parser sees it, so neither can grow memory nor
 * reach a file or a URL. Entities are decoded afterwards by a fixed table (text-clean.ts).
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

export class FeedRefusedError extends RiskXpertError {
  constructor(reason: string) {
    super('PROVIDER_FAILED', `feed refused: ${reason}`);
  }
}

function refuseHostile(xml: string): void {
  const doctype = /<!DOCTYPE/iu.exec(xml);
  if (!doctype) return;
  const rest = xml.slice(doctype.index);
  if (/<!ENTITY/iu.test(rest) || /\bSYSTEM\b|\bPUBLIC\b/u.test(rest.slice(0, 2_000)))
    throw new FeedRefusedError('a DOCTYPE with entity or external declarations (XML bomb or XXE)');
}

const textOf = (node: unknown): unknown => {
  if (node && typeof node === 'object' && '#text' in node) return (node as { '#text': unknown })['#text'];
  return node;
};

function atomLink(links: unknown): unknown {
  if (!Array.isArray(links)) return textOf(links);
  const withRel = links.map((l): Record<string, unknown> =>
    typeof l === 'object' && l ? (l as Record<string, unknown>) : { '@href': l },
  );
  const alt = withRel.find((l) => l['@rel'] === undefined || l['@rel'] === 'alternate') ?? withRel[0];
  return alt?.['@href'] ?? textOf(alt);
}

function rssLink(links: unknown): unknown {
  if (!Array.isArray(links)) return textOf(links);
  // <atom:link rel="self"> sits beside <link> in many RSS feeds; the plain <link> text is the article.
  const plain = links.find((l) => typeof l === 'string' || (l && typeof l === 'object' && '#text' in l));
  return textOf(plain);
}

/** RSS 2.0 or Atom text to cleaned entries; entries without a title or an http(s) link are skipped. */
export function parseFeed(
  xml: string,
  now: Date,
  baseUrl?: string,
): { kind: 'rss' | 'atom'; entries: FeedEntry[]; skipped: number } {
  refuseHostile(xml);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new FeedRefusedError(`not well-formed XML (${(err as Error).message.slice(0, 120)})`);
  }
  const rss = doc.rss as { channel?: { item?: unknown[] } } | undefined;
  const feed = doc.feed as { entry?: unknown[] } | undefined;
  const rdf = doc['rdf:RDF'] as { item?: unknown[] } | undefined;
  let kind: 'rss' | 'atom';
  let raw: unknown[];
  if (rss?.channel) [kind, raw] = ['rss', rss.channel.item ?? []];
  else if (rdf) [kind, raw] = ['rss', rdf.item ?? []];
  else if (feed) [kind, raw] = ['atom', feed.entry ?? []];
  else throw new FeedRefusedError('neither RSS nor Atom');
  const entries: FeedEntry[] = [];
  let skipped = 0;
  for (const node of raw.slice(0, MAX_ENTRIES)) {
    const n = (node ?? {}) as Record<string, unknown>;
    const title = plainText(textOf(n.title), TITLE_MAX);
    const link = kind === 'atom' ? atomLink(n.link) : (rssLink(n.link) ?? textOf(n.guid));
    const url = normaliseUrl(typeof link === 'string' ? decodeEntities(link) : link, baseUrl);
    if (!title || !url) {
      skipped += 1;
      continue;
    }
    const description = plainText(
      textOf(kind === 'atom' ? (n.summary ?? n.content) : (n.description ?? n['content:encoded'])),
      DESCRIPTION_MAX,
    );
    const publishedAt = parseFeedDate(
      textOf(kind === 'atom' ? (n.published ?? n.updated) : (n.pubDate ?? n['dc:date'])),
      now,
    );
    entries.push({ title, url, description, ...(publishedAt ? { publishedAt } : {}) });
  }
  return { kind, entries, skipped: skipped + Math.max(0, raw.length - MAX_ENTRIES) };
}
