import { APP_PAGE_URL, APP_SCHEME } from './app-protocol';

/**
 * Which URLs are "the app" in the desktop window. Everything else is foreign: it may not be
 * navigated to, and frames showing it may not call the API. Pure (no `electron` import) so the
 * rule is unit-tested.
 */
export interface AppUrlOptions {
  /** The renderer dev server (`electron-vite dev`), when there is one. */
  devServerUrl?: string;
  /** The app page on the app scheme (default app://toolkit/index.html). */
  appPageUrl?: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function createAppUrlCheck({ devServerUrl, appPageUrl = APP_PAGE_URL }: AppUrlOptions = {}): (url: string) => boolean {
  const page = parse(appPageUrl);
  if (!page || page.protocol !== `${APP_SCHEME}:` || !page.host)
    throw new Error(`The renderer page must be an ${APP_SCHEME}: URL with a host, got ${appPageUrl}`);
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (devServerUrl && (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')))
    throw new Error(`The renderer dev server must be an http(s) URL, got ${devServerUrl}`);

  return (url: string) => {
    const candidate = parse(url);
    if (!candidate) return false;
    // Same origin, not a prefix match: "http://localhost:5173.evil.example" must not pass.
    if (dev) return candidate.origin === dev.origin;
    // Exactly our page (any #/route or ?query) on our scheme and host; no credentials, no other file.
    return (
      candidate.protocol === page.protocol && candidate.host === page.host && candidate.pathname === page.pathname && !candidate.username && !candidate.password
    );
  };
}
