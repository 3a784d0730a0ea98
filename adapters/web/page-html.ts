import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PageHtml {
  /** index.html with its stylesheet inlined, and the card the visitor most likely needs already shown. */
  html(signedIn: boolean): string;
  /** The CSP source that allows exactly the inlined stylesheet ('sha256-…'). */
  styleSource: string;
}

// With or without the self-closing slash a formatter may add.
const LINK = /<link rel="stylesheet" href="\/app\.css"\s*\/?>/u;

/**
 * The page's first response carries everything the first paint needs: the stylesheet inline (one round trip fewer
 * on a slow phone network, allowed by its hash rather than 'unsafe-inline') and the right card unhidden, chosen by
 * the signed-in hint cookie, so the main card shows before any script or API request has run.
 */
export function createPageHtml(dir: string): PageHtml {
  const template = readFileSync(join(dir, 'index.html'), 'utf8');
  const css = readFileSync(join(dir, 'app.css'), 'utf8');
  if (!LINK.test(template))
    throw new Error('index.html must link the stylesheet as <link rel="stylesheet" href="/app.css">');
  const inlined = template.replace(LINK, () => `<style>${css}</style>`);
  const show = (html: string, id: string) => html.replace(new RegExp(`(<section id="${id}"[^>]*?) hidden`, 'u'), '$1');
  const signedOut = show(inlined, 'welcome');
  const signedIn = show(inlined, 'ask-card');
  return {
    html: (isSignedIn) => (isSignedIn ? signedIn : signedOut),
    styleSource: `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
  };
}
