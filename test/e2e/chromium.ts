import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** CHROMIUM_PATH when set (and only it: an explicit choice that does not exist means "missing"), else Debian's chromium. */
export function chromiumPath(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH;
  const candidates = explicit ? [explicit] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => existsSync(p));
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // No sandbox: CI containers run as root. The rest keeps Chromium from calling home during the test.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
