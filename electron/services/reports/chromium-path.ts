import { existsSync } from 'node:fs';

/**
 * The Chromium the PDF printer (browser host and CLI) and the browser tests use: the system one
 * (Debian's /usr/bin/chromium) unless CHROMIUM_PATH names another. Playwright's own download is never
 * used. Returns null when none is installed, so callers can say so in words.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => Boolean(c) && existsSync(c as string)) ?? null;
}

export const CHROMIUM_NOT_FOUND = 'No Chromium found. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.';

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(CHROMIUM_NOT_FOUND);
  return found;
}

/** Flags that keep a headless Chromium quiet on a machine without network access. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
